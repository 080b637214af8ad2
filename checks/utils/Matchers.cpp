// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Matchers.cpp - tether --------------------------------------------===//

#include "Matchers.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

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

void addDiscardedValueMatchers(
    ast_matchers::MatchFinder &Finder,
    const ast_matchers::internal::Matcher<Expr> &Inner,
    ast_matchers::MatchFinder::MatchCallback *Callback) {
  using namespace ast_matchers;
  const auto Each = forEachDiscardedValue(Inner);
  Finder.addMatcher(compoundStmt(Each), Callback);
  Finder.addMatcher(ifStmt(Each), Callback);
  Finder.addMatcher(forStmt(Each), Callback);
  Finder.addMatcher(whileStmt(Each), Callback);
  Finder.addMatcher(doStmt(Each), Callback);
  Finder.addMatcher(cxxForRangeStmt(Each), Callback);
  Finder.addMatcher(switchCase(Each), Callback);
  Finder.addMatcher(labelStmt(Each), Callback);
  Finder.addMatcher(binaryOperator(hasOperatorName(","), Each), Callback);
}

llvm::SmallVector<const Expr *, 4> discardedChildren(const Stmt &S) {
  llvm::SmallVector<const Expr *, 4> Children;
  auto Add = [&](const Stmt *Child) {
    if (const auto *E = dyn_cast_or_null<Expr>(Child))
      Children.push_back(E);
  };
  switch (S.getStmtClass()) {
  case Stmt::CompoundStmtClass:
    for (const Stmt *Child : cast<CompoundStmt>(S).body())
      Add(Child);
    break;
  case Stmt::IfStmtClass:
    Add(cast<IfStmt>(S).getThen());
    Add(cast<IfStmt>(S).getElse());
    break;
  case Stmt::ForStmtClass:
    Add(cast<ForStmt>(S).getInit());
    Add(cast<ForStmt>(S).getInc());
    Add(cast<ForStmt>(S).getBody());
    break;
  case Stmt::WhileStmtClass:
    Add(cast<WhileStmt>(S).getBody());
    break;
  case Stmt::DoStmtClass:
    Add(cast<DoStmt>(S).getBody());
    break;
  case Stmt::CXXForRangeStmtClass:
    Add(cast<CXXForRangeStmt>(S).getBody());
    break;
  case Stmt::CaseStmtClass:
  case Stmt::DefaultStmtClass:
    Add(cast<SwitchCase>(S).getSubStmt());
    break;
  case Stmt::LabelStmtClass:
    Add(cast<LabelStmt>(S).getSubStmt());
    break;
  case Stmt::BinaryOperatorClass:
    if (cast<BinaryOperator>(S).getOpcode() == BO_Comma)
      Add(cast<BinaryOperator>(S).getLHS());
    break;
  default:
    break;
  }
  return Children;
}

} // namespace clang::tidy::tether
