// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Findings.h - tether check ------------------------------*- C++ -*-===//
//
// The findings of a run as the reports see them: positions in lines and
// columns, paths relative to the project root, and a fingerprint that
// survives unrelated edits and code moves (check, file, enclosing function,
// the finding's line with whitespace removed, and the occurrence among
// findings sharing all of these; never a line number).
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_FINDINGS_H
#define TETHER_TOOL_CHECK_FINDINGS_H

#include "SourceFiles.h"
#include "TranslationUnitLint.h"
#include <string>
#include <vector>

namespace tether {

struct Location {
  /// Absolute path, as the diagnostic has it.
  std::string File;
  /// Relative to the project root when under it, otherwise absolute.
  std::string RelativeFile;
  unsigned Offset = 0;
  Position Start;
  /// The text of the line it starts on.
  std::string LineText;
};

struct Edit {
  Location Where;
  unsigned Length = 0;
  Position End;
  std::string Text;
};

struct Note {
  std::string Message;
  Location Where;
};

struct Finding {
  const clang::tidy::ClangTidyError *Error;
  std::string Check;
  bool IsError = false;
  std::string Message;
  Location Where;
  std::vector<Note> Notes;
  /// What --fix (or, with \c FixNotes, --fix-notes) would apply.
  std::vector<Edit> Fix;
  std::string EnclosingFunction;
  std::string Fingerprint;
};

/// The report view of \p Errors (in the order given), with fingerprints.
std::vector<Finding> describeFindings(llvm::ArrayRef<const RawFinding *> Errors,
                                      llvm::StringRef Root, bool FixNotes,
                                      SourceFiles &Sources);

} // namespace tether

#endif
