// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Configuration.h - tether check -------------------------*- C++ -*-===//
//
// The clang-tidy configuration of a run: the flags (--checks,
// --config-file, --header-filter, --extra-arg...) over the .clang-tidy
// files, read once at start-up, and checked before anything is linted. A
// check glob that enables nothing is an error (a typo must not go green);
// an option no check knows is a warning with the nearest known name.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_CONFIGURATION_H
#define TETHER_TOOL_CHECK_CONFIGURATION_H

#include "CheckRequest.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "utils/NearestName.h"
#include "llvm/Support/Error.h"
#include <memory>

namespace tether {

using clang::tidy::tether::nearestName;

/// A problem of the configuration, and where it was written.
struct ConfigurationProblem {
  bool IsError = false;
  std::string Message;
  /// The option it is about, for an unknown option.
  std::string Option;
};

class Configuration {
public:
  /// Reads --config-file when given; an error when it cannot be read or
  /// parsed.
  static llvm::Expected<Configuration> load(const CheckRequest &Request);

  /// A provider of the options of each file. Providers cache what they
  /// read and are not thread-safe: one per thread.
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> provider() const;

  /// The problems of the configurations that apply to \p Files: globs that
  /// match no check, no check enabled, unknown options.
  std::vector<ConfigurationProblem>
  verify(llvm::ArrayRef<std::string> Files) const;

private:
  clang::tidy::ClangTidyOptions Defaults;
  clang::tidy::ClangTidyOptions Overrides;
  std::optional<clang::tidy::ClangTidyOptions> FromConfigFile;
  std::string ConfigFile;
};

} // namespace tether

#endif
