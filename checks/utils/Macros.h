// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Macros.h - tether ------------------------------------------------===//
//
// Where code written in a macro comes from. A statement expanded from a
// macro defined outside the main file is the macro author's code, not the
// user's: a test framework's assertion macro (doctest's CHECK, Catch2's
// REQUIRE, Boost.Test's BOOST_CHECK_THROW) wraps the user's expression in a
// `try` whose handler records the exception as a failed assertion.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_MACROS_H
#define TETHER_CHECKS_UTILS_MACROS_H

#include "clang/Basic/SourceManager.h"

namespace clang::tidy::tether {

/// Whether \p Loc is expanded from a macro whose text (where \p Loc is
/// spelled) lies outside the main file.
inline bool isInForeignMacro(SourceLocation Loc, const SourceManager &SM) {
  return Loc.isMacroID() && !SM.isWrittenInMainFile(SM.getSpellingLoc(Loc));
}

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_MACROS_H
