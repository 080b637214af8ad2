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

const ValueDecl *namedValue(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

} // namespace clang::tidy::tether
