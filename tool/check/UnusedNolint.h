// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- UnusedNolint.h - tether check --------------------------*- C++ -*-===//
//
// NOLINT comments that name an async- check and no longer suppress
// anything: the code they excused was fixed or moved, and they would hide
// the next bug on that line.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_UNUSEDNOLINT_H
#define TETHER_TOOL_CHECK_UNUSEDNOLINT_H

#include "SourceFiles.h"
#include "TranslationUnitLint.h"

namespace tether {

inline constexpr llvm::StringLiteral UnusedNolintName = "tether-unused-nolint";

/// The NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/END comments of \p Files that
/// name an async- check for which no diagnostic in \p Raised was raised on
/// the lines they cover, each as a warning at the comment.
std::vector<RawFinding>
findUnusedNolints(llvm::ArrayRef<std::string> Files,
                  llvm::ArrayRef<RaisedDiagnostic> Raised,
                  SourceFiles &Sources);

} // namespace tether

#endif
