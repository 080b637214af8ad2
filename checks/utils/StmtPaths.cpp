// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- StmtPaths.cpp - tether -------------------------------------------===//

#include "StmtPaths.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::tether {

bool StmtPaths::pathTo(const Stmt *Root, const Stmt *Target,
                       llvm::SmallVectorImpl<const Stmt *> &Path) {
  Path.clear();
  if (!Root || !Target)
    return false;
  if (Root != IndexedRoot) {
    Parents.clear();
    IndexedRoot = Root;
    // Iteratively: a body's depth is the input's to choose.
    llvm::SmallVector<const Stmt *, 64> Work{Root};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (isa<LambdaExpr>(S))
        continue;
      for (const Stmt *Child : S->children())
        if (Child && Parents.try_emplace(Child, S).second)
          Work.push_back(Child);
    }
  }
  for (const Stmt *S = Target;; S = Parents.lookup(S)) {
    if (!S) {
      Path.clear();
      return false;
    }
    Path.push_back(S);
    if (S == Root)
      break;
  }
  std::reverse(Path.begin(), Path.end());
  return true;
}

void StmtPaths::clear() {
  IndexedRoot = nullptr;
  Parents.clear();
}

} // namespace clang::tidy::tether
