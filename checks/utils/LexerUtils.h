// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- LexerUtils.h - tether --------------------------------------------===//
//
// The code as written, for messages that quote it and fix-its that move it.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_LEXERUTILS_H
#define TETHER_CHECKS_UTILS_LEXERUTILS_H

#include "clang/AST/ASTContext.h"
#include "clang/Lex/Lexer.h"
#include <string>

namespace clang::tidy::tether {

/// The text of the tokens of \p Range; empty when it is not in one file.
inline std::string sourceText(SourceRange Range, const ASTContext &Ctx) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                              Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_LEXERUTILS_H
