// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Matchers.h - tether ----------------------------------------------===//
//
// AST matchers shared by the async- checks.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_MATCHERS_H
#define TETHER_CHECKS_UTILS_MATCHERS_H

#include "NameList.h"
#include "StmtSearch.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::tether {

/// Whether \p Range starts or ends in a macro expansion: no fix-it there.
inline bool inMacro(SourceRange Range) {
  return Range.getBegin().isMacroID() || Range.getEnd().isMacroID();
}

/// Matches nodes that diagnostics can be reported on: outside system headers
/// unless clang-tidy was asked to report there too (--system-headers). The
/// checks test it first, so library internals cost nothing else.
AST_POLYMORPHIC_MATCHER_P(isReportable,
                          AST_POLYMORPHIC_SUPPORTED_TYPES(Decl, Stmt), bool,
                          SystemHeaders) {
  if (SystemHeaders)
    return true;
  const SourceManager &SM = Finder->getASTContext().getSourceManager();
  return !SM.isInSystemHeader(SM.getExpansionLoc(Node.getBeginLoc()));
}

/// A function whose body is a coroutine's (not one that only returns a
/// task).
AST_MATCHER(FunctionDecl, hasCoroutineBody) {
  return isa_and_nonnull<CoroutineBodyStmt>(Node.getBody());
}

/// Matches \p Inner after parentheses and the implicit nodes that wrap a
/// full expression (cleanups, temporaries, implicit casts).
AST_MATCHER_P(Expr, ignoringParensAndImplicit,
              ast_matchers::internal::Matcher<Expr>, Inner) {
  const Expr *E = skipParensAndImplicit(&Node);
  return Inner.matches(*E, Finder, Builder);
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

/// Matches a construction of a class listed in \p Names.
AST_MATCHER_P(CXXConstructExpr, constructsListedIn, const NameList *, Names) {
  return Names->matches(*Node.getConstructor()->getParent());
}

/// Registers \p Inner, matched against every discarded value (see
/// forEachDiscardedValue), anchored at each kind of statement that can drop a
/// value, so that the match finder never runs it on other statements.
void addDiscardedValueMatchers(
    ast_matchers::MatchFinder &Finder,
    const ast_matchers::internal::Matcher<Expr> &Inner,
    ast_matchers::MatchFinder::MatchCallback *Callback);

/// The statements whose value is computed and dropped that are direct
/// children of \p S: the statements of a block, a branch, a loop body or a
/// label, a for-loop's init and increment, the left side of a comma.
llvm::SmallVector<const Expr *, 4> discardedChildren(const Stmt &S);

/// Matches a statement with a discarded child (see discardedChildren)
/// that matches \p Inner, once per such child, like forEach. It looks at the
/// children directly, without the match memoization of forEach, because it
/// runs on every block and branch of the translation unit.
AST_MATCHER_P(Stmt, forEachDiscardedValue,
              ast_matchers::internal::Matcher<Expr>, Inner) {
  const llvm::SmallVector<const Expr *, 4> Children = discardedChildren(Node);
  if (Children.empty())
    return false;
  ast_matchers::internal::BoundNodesTreeBuilder Matches;
  bool Matched = false;
  for (const Expr *Child : Children) {
    ast_matchers::internal::BoundNodesTreeBuilder ChildBuilder(*Builder);
    const Expr *Value = skipParensAndImplicit(Child);
    if (Inner.matches(*Value, Finder, &ChildBuilder)) {
      Matched = true;
      Matches.addMatch(ChildBuilder);
    }
  }
  *Builder = std::move(Matches);
  return Matched;
}

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_MATCHERS_H
