//===--- TranslationUnitLint.h - tether check -------------------*- C++ -*-===//
//
// Lints one translation unit with clang-tidy's library and keeps, besides
// the diagnostics, what the reports and the cache need: the function each
// finding is in, every file the translation unit read, and where async-
// checks raised a diagnostic before NOLINT comments were applied.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_TRANSLATIONUNITLINT_H
#define TETHER_TOOL_CHECK_TRANSLATIONUNITLINT_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <string>
#include <vector>

namespace tether {

/// A diagnostic and the qualified name of the function it is in (empty
/// outside functions).
struct TidyFinding {
  clang::tidy::ClangTidyError Error;
  std::string EnclosingFunction;
};

/// A diagnostic an async- check raised at a line, suppressed or not.
struct RaisedDiagnostic {
  std::string File;
  unsigned Line;
  std::string Check;
};

struct TranslationUnitResult {
  std::vector<TidyFinding> Findings;
  /// Every file the translation unit read, absolute.
  std::vector<std::string> Inputs;
  /// The inputs that are not system headers.
  std::vector<std::string> UserFiles;
  std::vector<RaisedDiagnostic> Raised;
  /// The compiler's first error, empty when the translation unit compiled.
  std::string FirstError;
};

/// Lints \p File of \p Database with \p Context's options. Paths in the
/// result are absolute, so a header seen from several directories is one
/// file.
TranslationUnitResult
lintTranslationUnit(clang::tidy::ClangTidyContext &Context,
                    const clang::tooling::CompilationDatabase &Database,
                    llvm::StringRef File, bool ApplyAnyFix);

bool isCompilerError(const clang::tidy::ClangTidyError &Error);

} // namespace tether

#endif
