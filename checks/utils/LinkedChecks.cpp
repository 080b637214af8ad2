// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- LinkedChecks.cpp - tether ----------------------------------------===//

#include "LinkedChecks.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

namespace clang::tidy::tether {

const LinkedChecks &LinkedChecks::get() {
  static const LinkedChecks Linked = [] {
    ClangTidyOptions Everything = ClangTidyOptions::getDefaults();
    Everything.Checks = "*";
    LinkedChecks Names;
    Names.Checks = getCheckNames(Everything, /*AllowAlpha=*/true);
    llvm::sort(Names.Checks);
    for (const auto &Option : getCheckOptions(Everything, true))
      Names.Options.push_back(Option.getKey().str());
    llvm::sort(Names.Options);
    return Names;
  }();
  return Linked;
}

bool LinkedChecks::isCheck(const std::string &Name) const {
  return std::binary_search(Checks.begin(), Checks.end(), Name);
}

bool LinkedChecks::isOption(const std::string &Key) const {
  if (std::binary_search(Options.begin(), Options.end(), Key))
    return true;
  // readability-identifier-naming makes its option names from the kinds of
  // names it styles (`ClassCase`, `MemberPrefix`) and lists none of them.
  static constexpr llvm::StringLiteral Parts[] = {
      "Case", "Prefix", "Suffix", "IgnoredRegexp", "HungarianPrefix"};
  llvm::StringRef Option = Key;
  return Option.consume_front("readability-identifier-naming.") &&
         llvm::any_of(Parts, [&](llvm::StringRef Part) {
           return Option.ends_with(Part);
         });
}

llvm::ArrayRef<std::string> tetherCheckNames() {
  static const std::vector<std::string> Names = [] {
    std::vector<std::string> Names;
    for (const auto &Module : ClangTidyModuleRegistry::entries()) {
      if (Module.getName() != "tether-module")
        continue;
      ClangTidyCheckFactories Factories;
      Module.instantiate()->addCheckFactories(Factories);
      for (const auto &Factory : Factories)
        Names.push_back(Factory.getKey().str());
    }
    llvm::sort(Names);
    return Names;
  }();
  return Names;
}

} // namespace clang::tidy::tether
