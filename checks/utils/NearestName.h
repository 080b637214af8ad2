// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- NearestName.h - tether -------------------------------------------===//
//
// The "did you mean" of a misspelled name: the nearest candidate by edit
// distance, when near enough to be a typo of it. Used for option and check
// names in every vehicle and in tether check.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_NEARESTNAME_H
#define TETHER_CHECKS_UTILS_NEARESTNAME_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::tether {

/// The name of \p Candidates nearest to \p Name by edit distance, when near
/// enough to be a typo of it.
std::optional<std::string> nearestName(llvm::StringRef Name,
                                       llvm::ArrayRef<std::string> Candidates);

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_NEARESTNAME_H
