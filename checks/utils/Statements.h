//===--- Statements.h - tether --------------------------------------------===//
//
// Walks of statement trees that stop at the callables inside them.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_STATEMENTS_H
#define TETHER_CHECKS_UTILS_STATEMENTS_H

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::tether {

/// Calls \p Visit on \p S and every statement below it, not entering
/// lambdas (callables of their own); stops when Visit returns true.
inline bool anyStmt(const Stmt *S,
                    llvm::function_ref<bool(const Stmt &)> Visit) {
  if (!S)
    return false;
  if (Visit(*S))
    return true;
  if (isa<LambdaExpr>(S))
    return false;
  for (const Stmt *Child : S->children())
    if (anyStmt(Child, Visit))
      return true;
  return false;
}

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_STATEMENTS_H
