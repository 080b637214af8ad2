// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Sarif.h - tether check ---------------------------------*- C++ -*-===//
//
// SARIF 2.1.0 output, as GitHub code scanning reads it: one run, a rule per
// check with its documentation, results with regions, related locations
// for the notes, a partial fingerprint and the fix-its as fixes; what is
// about the run rather than the code as the invocation's notifications.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_SARIF_H
#define TETHER_TOOL_CHECK_SARIF_H

#include "Findings.h"
#include "llvm/Support/Error.h"

namespace tether {

/// The key of tether's fingerprint in partialFingerprints.
inline constexpr llvm::StringLiteral FingerprintKey = "tetherFingerprint/v1";

/// Something about the run rather than the code: a configuration problem,
/// a translation unit that could not be linted.
struct Notification {
  bool IsError = false;
  std::string Message;
  /// The file it is about, absolute; may be empty.
  std::string File;
};

void writeSarif(llvm::ArrayRef<Finding> Findings,
                llvm::ArrayRef<Notification> Notifications,
                llvm::StringRef Root, llvm::raw_ostream &OS);

/// Joins the runs of SARIF files written by tether (one per shard) into
/// one run.
llvm::Error mergeSarif(llvm::ArrayRef<std::string> Inputs,
                       llvm::raw_ostream &OS);

} // namespace tether

#endif
