// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Baseline.h - tether check ------------------------------*- C++ -*-===//
//
// A baseline: the findings a team has accepted, by fingerprint, so that CI
// fails only on new ones. The file is JSON, sorted, one entry per finding,
// readable in a code review.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_BASELINE_H
#define TETHER_TOOL_CHECK_BASELINE_H

#include "Findings.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

namespace tether {

struct BaselineEntry {
  std::string Fingerprint;
  std::string Check;
  std::string File;
  std::string Function;
  std::string Message;
};

/// The baseline in \p Path; errors name it \p Shown.
llvm::Expected<std::vector<BaselineEntry>> readBaseline(llvm::StringRef Path,
                                                        llvm::StringRef Shown);

void writeBaseline(llvm::ArrayRef<Finding> Findings, llvm::raw_ostream &OS);

/// Removes from \p Reported the findings \p Baseline accepts; returns its
/// entries that no finding of \p All matches anymore, in the files of
/// \p Linted (relative paths): those are fixed. Entries of files the run
/// did not lint (other shards, path filters) are not.
std::vector<BaselineEntry> applyBaseline(llvm::ArrayRef<BaselineEntry> Baseline,
                                         std::vector<Finding> &Reported,
                                         llvm::ArrayRef<Finding> All,
                                         const llvm::StringSet<> &Linted);

} // namespace tether

#endif
