//===--- Matchers.h - tether ----------------------------------------------===//
//
// AST matchers shared by the async- checks.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_MATCHERS_H
#define TETHER_CHECKS_UTILS_MATCHERS_H

#include "NameList.h"
#include "clang/AST/IgnoreExpr.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::tether {

/// Matches \p Inner after parentheses and the implicit nodes that wrap a
/// full expression (cleanups, temporaries, implicit casts).
AST_MATCHER_P(Expr, ignoringParensAndImplicit,
              ast_matchers::internal::Matcher<Expr>, Inner) {
  const Expr *E = IgnoreExprNodes(&Node, IgnoreImplicitSingleStep,
                                  IgnoreParensSingleStep);
  return Inner.matches(*E, Finder, Builder);
}

/// Matches a named declaration listed in \p Names.
AST_MATCHER_P(NamedDecl, isListedIn, const NameList *, Names) {
  return Names->matches(Node);
}

/// The declaration a call is written against: the function, or for a call
/// through a function object (a customization point such as
/// stdexec::start_detached) the variable that holds the object.
const NamedDecl *calledDecl(const CallExpr &Call);

/// Matches a call whose calledDecl() is listed in \p Names.
AST_MATCHER_P(CallExpr, callsListedIn, const NameList *, Names) {
  const NamedDecl *Called = calledDecl(Node);
  return Called && Names->matches(*Called);
}

/// Matches statements that evaluate an expression matching \p Value and
/// drop its result: an expression statement (in a block, a branch, a loop
/// body or a case), a for-loop's init or increment, or the left side of a
/// comma operator.
inline ast_matchers::internal::Matcher<Stmt>
discardedValue(const ast_matchers::internal::Matcher<Expr> &Value) {
  using namespace ast_matchers;
  const auto Dropped = expr(ignoringParensAndImplicit(Value));
  return stmt(anyOf(
      compoundStmt(forEach(Dropped)),
      ifStmt(eachOf(hasThen(Dropped), hasElse(Dropped))),
      forStmt(eachOf(hasLoopInit(Dropped), hasIncrement(Dropped),
                     hasBody(Dropped))),
      cxxForRangeStmt(hasBody(Dropped)), whileStmt(hasBody(Dropped)),
      doStmt(hasBody(Dropped)), switchCase(forEach(Dropped)),
      labelStmt(forEach(Dropped)),
      binaryOperator(hasOperatorName(","), hasLHS(Dropped))));
}

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_MATCHERS_H
