//===--- StmtSearch.cpp - tether ------------------------------------------===//

#include "StmtSearch.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/IgnoreExpr.h"

namespace clang::tidy::tether {

bool anyStmt(const Stmt *S, llvm::function_ref<bool(const Stmt &)> Visit,
             bool IntoLambdas) {
  if (!S)
    return false;
  if (Visit(*S))
    return true;
  if (isa<LambdaExpr>(S) && !IntoLambdas)
    return false;
  for (const Stmt *Child : S->children())
    if (anyStmt(Child, Visit, IntoLambdas))
      return true;
  return false;
}

const Expr *skipParensAndImplicit(const Expr *E) {
  return IgnoreExprNodes(E, IgnoreImplicitSingleStep, IgnoreParensSingleStep);
}

} // namespace clang::tidy::tether
