// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- LinkedChecks.h - tether ------------------------------------------===//
//
// Every check and check option that the modules linked into this process
// know: what a configuration may name. Read by tether check's configuration
// and by the async- checks, which report unknown options in every vehicle.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_LINKEDCHECKS_H
#define TETHER_CHECKS_UTILS_LINKEDCHECKS_H

#include "llvm/ADT/ArrayRef.h"
#include <string>
#include <vector>

namespace clang::tidy::tether {

struct LinkedChecks {
  /// Sorted check names.
  std::vector<std::string> Checks;
  /// Sorted option keys, "check-name.Option".
  std::vector<std::string> Options;

  /// Computed once per process: it instantiates every check.
  static const LinkedChecks &get();

  bool isCheck(const std::string &Name) const;
  /// Also the options readability-identifier-naming makes from the kinds
  /// of names it styles.
  bool isOption(const std::string &Key) const;
};

/// The names of tether's own checks, sorted. Cheap: it makes no check.
llvm::ArrayRef<std::string> tetherCheckNames();

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_LINKEDCHECKS_H
