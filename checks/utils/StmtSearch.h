// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- StmtSearch.h - tether --------------------------------------------===//
//
// Searches below a statement, for the questions a check asks of one body or
// expression at a time (the match finder answers those of the whole
// translation unit).
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_STMTSEARCH_H
#define TETHER_CHECKS_UTILS_STMTSEARCH_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <vector>

namespace clang::tidy::tether {

/// Calls \p Visit on \p S and every statement below it, and stops when Visit
/// returns true; whether it did. A lambda is a callable of its own: its
/// captures and body are searched only when \p IntoLambdas.
bool anyStmt(const Stmt *S, llvm::function_ref<bool(const Stmt &)> Visit,
             bool IntoLambdas = false);

/// Whether \p Target is below \p Root and evaluated there: not only in an
/// unevaluated operand (sizeof, alignof, noexcept, typeid of a type, a
/// requires-expression), and not in a type (decltype), which no child of a
/// statement leads to.
bool isEvaluatedBelow(const Stmt *Root, const Stmt &Target);

/// \p E without the parentheses and the implicit nodes that wrap a full
/// expression (cleanups, temporaries, implicit casts).
const Expr *skipParensAndImplicit(const Expr *E);

/// The lambda that \p E calls where it is written, with no arguments
/// (`[&] {...}()`); null for any other expression. Its closure is a
/// temporary: a spawn that accepts callables keeps the lambda itself alive.
const LambdaExpr *lambdaCalledInPlace(const Expr *E);

/// The variable or member \p E names, looking through parentheses and
/// implicit casts; null when it names none.
const ValueDecl *namedValue(const Expr *E);

/// The top-level declarations of the translation unit that are not in system
/// headers: the code a check can report in.
std::vector<Decl *> userTopLevelDecls(ASTContext &Ctx);

/// An equality test, `a == b` or `a != b`: built in, overloaded, or
/// rewritten from `==` (C++20).
struct Equality {
  bool Equal; // `==`, not `!=`
  const Expr *LHS;
  const Expr *RHS;
};
/// \p Cond as an equality test, through parentheses and implicit casts.
std::optional<Equality> equalityOf(const Expr *Cond);

/// An assignment, built in or overloaded: what it writes and the value it
/// writes. Plain for `=`, which replaces the old value; not for a compound
/// assignment (`+=`), which combines with it.
struct Assignment {
  const Expr *Target;
  const Expr *Value;
  bool Plain;
};
/// \p S as an assignment; nothing when it is none.
std::optional<Assignment> assignmentOf(const Stmt &S);

/// What \p S writes, when it is an assignment (built-in or overloaded) or an
/// increment or decrement: its left operand; null otherwise.
const Expr *writtenOperand(const Stmt &S);

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_STMTSEARCH_H
