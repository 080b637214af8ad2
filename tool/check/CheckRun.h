// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- CheckRun.h - tether check ------------------------------*- C++ -*-===//
//
// A run of tether check, stage by stage: load the compile database and the
// configuration, select the translation units (paths, shard), lint them on
// threads (each from the cache when its inputs are unchanged), keep each
// finding once, filter (NOLINT, --diff, baseline), fix, and report (text,
// SARIF, GitLab, baseline, exported fixes).
//
// Exit codes: 0 no findings, 1 findings, 2 a usage error, a configuration
// error, or a translation unit that could not be linted (the others are
// still linted and reported).
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_CHECKRUN_H
#define TETHER_TOOL_CHECK_CHECKRUN_H

#include "CheckRequest.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>

namespace tether {

/// Runs \p Request: findings on \p Out, progress, the summary and errors
/// on \p Err. Returns the exit code.
int runCheck(const CheckRequest &Request, llvm::raw_ostream &Out,
             llvm::raw_ostream &Err);

/// The part of \p Files (any order) that shard K of N lints: round robin
/// over the sorted paths, so that every job of a CI matrix computes the
/// same parts and they are even.
std::vector<std::string> shardOf(std::vector<std::string> Files, unsigned K,
                                 unsigned N);

/// K and N of --shard K/N.
std::optional<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef Text);

} // namespace tether

#endif
