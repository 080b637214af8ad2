// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- StmtSearch.cpp - tether ------------------------------------------===//

#include "StmtSearch.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
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

bool isEvaluatedBelow(const Stmt *Root, const Stmt &Target) {
  if (!Root)
    return false;
  if (Root == &Target)
    return true;
  if (isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr, RequiresExpr>(Root))
    return false;
  if (const auto *TypeId = dyn_cast<CXXTypeidExpr>(Root);
      TypeId && !TypeId->isPotentiallyEvaluated())
    return false;
  return llvm::any_of(Root->children(), [&](const Stmt *Child) {
    return isEvaluatedBelow(Child, Target);
  });
}

const Expr *skipParensAndImplicit(const Expr *E) {
  return IgnoreExprNodes(E, IgnoreImplicitSingleStep, IgnoreParensSingleStep);
}

const LambdaExpr *lambdaCalledInPlace(const Expr *E) {
  const auto *Call = dyn_cast<CXXOperatorCallExpr>(skipParensAndImplicit(E));
  if (!Call || Call->getOperator() != OO_Call || Call->getNumArgs() != 1)
    return nullptr;
  return dyn_cast<LambdaExpr>(skipParensAndImplicit(Call->getArg(0)));
}

const ValueDecl *namedValue(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

std::vector<Decl *> userTopLevelDecls(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<Decl *> User;
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (!SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      User.push_back(D);
  return User;
}

std::optional<Equality> equalityOf(const Expr *Cond) {
  Cond = Cond ? Cond->IgnoreParenImpCasts() : nullptr;
  if (const auto *Op = dyn_cast_or_null<BinaryOperator>(Cond);
      Op && Op->isEqualityOp())
    return Equality{Op->getOpcode() == BO_EQ, Op->getLHS(), Op->getRHS()};
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Cond);
      Op && Op->getNumArgs() == 2 &&
      (Op->getOperator() == OO_EqualEqual ||
       Op->getOperator() == OO_ExclaimEqual))
    return Equality{Op->getOperator() == OO_EqualEqual, Op->getArg(0),
                    Op->getArg(1)};
  if (const auto *Op = dyn_cast_or_null<CXXRewrittenBinaryOperator>(Cond);
      Op && (Op->getOperator() == BO_EQ || Op->getOperator() == BO_NE))
    return Equality{Op->getOperator() == BO_EQ, Op->getLHS(), Op->getRHS()};
  return std::nullopt;
}

std::optional<Assignment> assignmentOf(const Stmt &S) {
  if (const auto *Binary = dyn_cast<BinaryOperator>(&S);
      Binary && Binary->isAssignmentOp())
    return Assignment{Binary->getLHS(), Binary->getRHS(),
                      Binary->getOpcode() == BO_Assign};
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S);
      Op && Op->isAssignmentOp() && Op->getNumArgs() == 2)
    return Assignment{Op->getArg(0), Op->getArg(1),
                      Op->getOperator() == OO_Equal};
  return std::nullopt;
}

const Expr *writtenOperand(const Stmt &S) {
  if (std::optional<Assignment> Written = assignmentOf(S))
    return Written->Target;
  if (const auto *Unary = dyn_cast<UnaryOperator>(&S);
      Unary && Unary->isIncrementDecrementOp())
    return Unary->getSubExpr();
  return nullptr;
}

} // namespace clang::tidy::tether
