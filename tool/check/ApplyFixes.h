// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- ApplyFixes.h - tether check ----------------------------*- C++ -*-===//
//
// --fix: the fix-its of the reported findings, applied once per file. A
// file whose text is no longer the text that was linted (saved during the
// run, or fixed by a concurrent run) is left alone: its offsets are stale.
// A fix-it that overlaps another is not applied, and said so; either one
// alone is a fix, merged they are code that does not compile.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_APPLYFIXES_H
#define TETHER_TOOL_CHECK_APPLYFIXES_H

#include "Findings.h"
#include "llvm/ADT/StringMap.h"

namespace tether {

struct FixOutcome {
  /// Findings whose fix-it was applied.
  unsigned Fixed = 0;
  /// Files written.
  unsigned Files = 0;
  /// Files left alone because they changed since they were linted.
  std::vector<std::string> Changed;
  /// Findings whose fix-it overlaps an earlier one's.
  std::vector<const Finding *> Conflicting;
  /// Files that could not be written, and why.
  std::vector<std::pair<std::string, std::string>> Unwritable;
};

/// Applies the fix-its of \p Findings (those of their notes too with
/// \p FixNotes) to files whose text still hashes to \p LintedHashes.
FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings, bool FixNotes,
                      const llvm::StringMap<uint64_t> &LintedHashes);

/// Writes \p Text to \p Path through a temporary file renamed over it, so
/// that an interruption or a full disk leaves the old file whole.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text);

} // namespace tether

#endif
