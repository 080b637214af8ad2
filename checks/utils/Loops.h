// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Loops.h - tether -------------------------------------------------===//
//
// What the checks ask about loops: is a statement one, and does it repeat at
// all (`do { ... } while (false)`, the wrapper of statement-like macros, and
// `while (c) { ...; break; }` run their body once: straight-line code, not a
// loop).
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_LOOPS_H
#define TETHER_CHECKS_UTILS_LOOPS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include <optional>

namespace clang::tidy::tether {

/// A for, range-for, while or do statement.
bool isLoop(const Stmt &S);

/// The body of the loop \p S; null when \p S is no loop.
const Stmt *loopBody(const Stmt &S);

/// The condition of the loop \p S; null when it has none (a range-for,
/// `for (;;)`) or \p S is no loop.
const Expr *loopCondition(const Stmt &S);

/// The value of the loop condition \p Cond when it is known at compile time:
/// a constant, or a call of a function whose whole body returns one
/// (Boost.Test's `do { ... } while (tt_detail::dummy_cond())`, which keeps
/// compilers from warning on `while (false)`).
std::optional<bool> knownCondition(const Expr *Cond, const ASTContext &Ctx);

/// A loop whose body runs at most once, as if it were a block: a
/// `do { ... } while (C)` whose condition is a known false, or a loop whose
/// body ends in a break, return or throw and never continues
/// (`while (c) { ...; break; }`).
bool runsOnce(const Stmt &S, const ASTContext &Ctx);

/// A loop whose body can run more than once.
inline bool isRepeatingLoop(const Stmt &S, const ASTContext &Ctx) {
  return isLoop(S) && !runsOnce(S, Ctx);
}

/// Whether \p S runs in a repeating loop of \p Body, the body of the
/// function or lambda that holds it (loops around that lambda do not count).
bool inRepeatingLoop(const Stmt &S, const Stmt &Body, const ASTContext &Ctx);

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_LOOPS_H
