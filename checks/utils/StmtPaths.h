// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- StmtPaths.h - tether ---------------------------------------------===//
//
// The statements from a function's body down to one of its statements, not
// entering lambdas. The parents of the body are indexed once, so that a
// check asking for the paths of many statements of one function pays for
// the body once and for each path its length, never a search of the body
// per statement.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_STMTPATHS_H
#define TETHER_CHECKS_UTILS_STMTPATHS_H

#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::tether {

class StmtPaths {
public:
  /// Fills \p Path with the statements from \p Root down to \p Target, both
  /// included; false (and \p Path empty) when \p Target is not below
  /// \p Root outside lambdas.
  bool pathTo(const Stmt *Root, const Stmt *Target,
              llvm::SmallVectorImpl<const Stmt *> &Path);

  /// Forgets the index: the statements of a translation unit die with it.
  void clear();

private:
  const Stmt *IndexedRoot = nullptr;
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_STMTPATHS_H
