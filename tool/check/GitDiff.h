// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- GitDiff.h - tether check -------------------------------*- C++ -*-===//
//
// The lines a change touches, for --diff: what git diff reports between
// the merge base of a ref and HEAD and the work tree, as clang-tidy-diff
// reads it.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_GITDIFF_H
#define TETHER_TOOL_CHECK_GITDIFF_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tether {

class ChangedLines {
public:
  /// Whether \p Line of \p File (relative to the work tree) is new or
  /// changed.
  bool contains(llvm::StringRef File, unsigned Line) const;

  /// Reads the output of git diff -U0.
  static ChangedLines parse(llvm::StringRef Diff);

  /// The path of a "+++ " line of a diff (what follows "+++ "): b/PATH,
  /// C-quoted or not; none for a deleted file.
  static std::optional<std::string> newPath(llvm::StringRef Header);

private:
  /// First and last line of each changed run, by file.
  llvm::StringMap<std::vector<std::pair<unsigned, unsigned>>> Runs;
};

/// The changes of the work tree at \p Root since it left \p Ref.
llvm::Expected<ChangedLines> changedSince(llvm::StringRef Root,
                                          llvm::StringRef Ref);

} // namespace tether

#endif
