//===--- Sarif.h - tether check ---------------------------------*- C++ -*-===//
//
// SARIF 2.1.0 output, as GitHub code scanning reads it: one run, a rule per
// check with its documentation, results with regions, related locations
// for the notes, a partial fingerprint and the fix-its as fixes.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_SARIF_H
#define TETHER_TOOL_CHECK_SARIF_H

#include "Findings.h"
#include "llvm/Support/Error.h"

namespace tether {

/// The key of tether's fingerprint in partialFingerprints.
inline constexpr llvm::StringLiteral FingerprintKey = "tetherFingerprint/v1";

void writeSarif(llvm::ArrayRef<Finding> Findings, llvm::StringRef Root,
                llvm::raw_ostream &OS);

/// Joins the runs of SARIF files written by tether (one per shard) into
/// one run.
llvm::Error mergeSarif(llvm::ArrayRef<std::string> Inputs,
                       llvm::raw_ostream &OS);

} // namespace tether

#endif
