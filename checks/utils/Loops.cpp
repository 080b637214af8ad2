// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Loops.cpp - tether -----------------------------------------------===//

#include "Loops.h"
#include "StmtSearch.h"
#include "clang/AST/Expr.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::tether {

bool isLoop(const Stmt &S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

bool runsOnce(const Stmt &S, const ASTContext &Ctx) {
  const auto *Do = dyn_cast<DoStmt>(&S);
  if (!Do || !Do->getCond() || Do->getCond()->isValueDependent())
    return false;
  bool Repeats = true;
  return Do->getCond()->EvaluateAsBooleanCondition(Repeats, Ctx) && !Repeats;
}

bool inRepeatingLoop(const Stmt &S, const Stmt &Body, const ASTContext &Ctx) {
  // A search down from the body: asking for parents would build the parent
  // map of the whole translation unit.
  return anyStmt(&Body, [&](const Stmt &Loop) {
    return isRepeatingLoop(Loop, Ctx) &&
           anyStmt(&Loop, [&](const Stmt &Inner) { return &Inner == &S; });
  });
}

} // namespace clang::tidy::tether
