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

/// What to remove to delete the statement \p S: with the line it stands on
/// when nothing else is on that line, so that no blank line is left.
inline CharSourceRange removalOfStatement(const Stmt &S,
                                          const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation Begin = S.getBeginLoc();
  const SourceLocation End =
      Lexer::getLocForEndOfToken(S.getEndLoc(), 0, SM, Ctx.getLangOpts());
  bool Invalid = false;
  const llvm::StringRef Text = SM.getBufferData(SM.getFileID(Begin), &Invalid);
  if (Invalid || SM.getFileID(End) != SM.getFileID(Begin))
    return CharSourceRange::getCharRange(Begin, End);
  const unsigned From = SM.getFileOffset(Begin), To = SM.getFileOffset(End);
  unsigned LineStart = From, LineEnd = To;
  while (LineStart > 0 &&
         (Text[LineStart - 1] == ' ' || Text[LineStart - 1] == '\t'))
    --LineStart;
  while (
      LineEnd < Text.size() &&
      (Text[LineEnd] == ' ' || Text[LineEnd] == '\t' || Text[LineEnd] == '\r'))
    ++LineEnd;
  // From the end of the line before: clang-tidy's fix of a range that
  // ends where a line starts takes that line's first character too.
  if (LineStart == 0 || Text[LineStart - 1] != '\n' ||
      (LineEnd < Text.size() && Text[LineEnd] != '\n'))
    return CharSourceRange::getCharRange(Begin, End);
  return CharSourceRange::getCharRange(
      Begin.getLocWithOffset(-static_cast<int>(From - LineStart + 1)),
      End.getLocWithOffset(LineEnd - To));
}

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_LEXERUTILS_H
