// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TranslationUnitLint.h - tether check -------------------*- C++ -*-===//
//
// Lints one translation unit with clang-tidy's library and keeps, besides
// the diagnostics, what the reports, the cache and --fix need: the function
// each finding is in, every file the compiler read with a hash of the text
// it read, and where async- checks raised a diagnostic before NOLINT
// comments were applied.
//
// Each translation unit gets its own view of the file system: its compile
// command's directory never becomes the process's working directory, which
// the other threads of a run depend on.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_TRANSLATIONUNITLINT_H
#define TETHER_TOOL_CHECK_TRANSLATIONUNITLINT_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "utils/Facts.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <cstdint>
#include <string>
#include <vector>

namespace tether {

/// A diagnostic as a translation unit reported it, and the qualified name
/// of the function it is in (empty outside functions). Paths in it are
/// canonical.
struct RawFinding {
  clang::tidy::ClangTidyError Error;
  std::string EnclosingFunction;
};

/// A diagnostic an async- check raised at a line, suppressed or not.
struct RaisedDiagnostic {
  std::string File;
  unsigned Line;
  std::string Check;
};

/// A file the compiler read, and the hash of the text it read.
struct InputFile {
  std::string Path;
  uint64_t Hash = 0;
  /// Not a system header: findings in it are reported.
  bool IsUserFile = false;
};

struct TranslationUnitResult {
  std::vector<RawFinding> Findings;
  /// Sorted by path, each once.
  std::vector<InputFile> Inputs;
  std::vector<RaisedDiagnostic> Raised;
  /// Why the translation unit could not be linted, as a predicate of it
  /// ("does not compile: ..."); empty when it was.
  std::string FirstError;
  /// What its functions do, and what its checks asked of other
  /// translation units' functions (each once, sorted).
  clang::tidy::tether::TranslationUnitFacts Facts;
};

/// Lints \p File of \p Database with \p Context's options. With
/// \p WholeProgram, records what its functions do for the others, and
/// uses what \p Known says of the functions of other translation units
/// (nothing when null).
TranslationUnitResult
lintTranslationUnit(clang::tidy::ClangTidyContext &Context,
                    const clang::tooling::CompilationDatabase &Database,
                    llvm::StringRef File, bool FixNotes,
                    bool WholeProgram = false,
                    const clang::tidy::tether::ProgramFacts *Known = nullptr);

bool isCompilerError(const clang::tidy::ClangTidyError &Error);

} // namespace tether

#endif
