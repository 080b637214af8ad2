//===--- Matchers.cpp - tether --------------------------------------------===//

#include "Matchers.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::tether {

const NamedDecl *calledDecl(const CallExpr &Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
      Op && Op->getOperator() == OO_Call)
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts()))
      if (isa<VarDecl>(Ref->getDecl()))
        return Ref->getDecl();
  return Call.getDirectCallee();
}

} // namespace clang::tidy::tether
