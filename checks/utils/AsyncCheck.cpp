// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- AsyncCheck.cpp - tether ------------------------------------------===//

#include "AsyncCheck.h"
#include "LinkedChecks.h"
#include "NearestName.h"

namespace clang::tidy::tether {

void AsyncCheck::onStartOfTranslationUnit() {
  if (OptionsChecked)
    return;
  OptionsChecked = true;
  reportOwnUnknownOptions();
  if (reportsForEveryCheck())
    reportOtherUnknownOptions();
}

bool AsyncCheck::reportsForEveryCheck() const {
  for (const std::string &Check : tetherCheckNames())
    if (TidyContext.isCheckEnabled(Check))
      return Check == getID();
  return false;
}

void AsyncCheck::reportOtherUnknownOptions() {
  const llvm::ArrayRef<std::string> Own = tetherCheckNames();
  for (const auto &Option : TidyContext.getOptions().CheckOptions) {
    const StringRef Key = Option.getKey();
    // Keys without a check name are global options (IgnoreMacros).
    const StringRef Check = Key.split('.').first;
    // An enabled async- check reports its own, with nearer suggestions.
    if (Check == Key ||
        (llvm::is_contained(Own, Check) && TidyContext.isCheckEnabled(Check)))
      continue;
    // Knowing every option means making every check: only for such keys.
    const LinkedChecks &Linked = LinkedChecks::get();
    if (Linked.isOption(Key.str()))
      continue;
    if (const std::optional<std::string> Nearest =
            nearestName(Key, Linked.Options))
      configurationDiag("unknown option '%0'; did you mean '%1'?")
          << Key << *Nearest;
    else
      configurationDiag("unknown option '%0'") << Key;
  }
}

void AsyncCheck::noteChain(llvm::ArrayRef<ChainHop> Chain,
                           SourceLocation Warning, ASTContext &Ctx) {
  for (const ChainHop &Hop : Chain) {
    const SourceLocation Loc = sourceLocation(Ctx.getSourceManager(), Hop.Site);
    if (Loc.isValid())
      diag(Loc, "%0 calls %1 here", DiagnosticIDs::Note)
          << Hop.Caller << Hop.Callee;
    else
      diag(Warning, "%0 calls %1 at %2:%3", DiagnosticIDs::Note)
          << Hop.Caller << Hop.Callee << Hop.Site.File << Hop.Site.Line;
  }
}

void AsyncCheck::reportOwnUnknownOptions() {
  ClangTidyOptions::OptionMap Known;
  storeOptions(Known);
  const std::string Prefix = (getID() + ".").str();
  for (const auto &Option : TidyContext.getOptions().CheckOptions) {
    const StringRef Key = Option.getKey();
    if (!Key.starts_with(Prefix) || Known.count(Key))
      continue;
    std::vector<std::string> Names;
    for (const auto &Candidate : Known)
      Names.push_back(Candidate.getKey().drop_front(Prefix.size()).str());
    const std::optional<std::string> Nearest =
        nearestName(Key.drop_front(Prefix.size()), Names);
    if (!Nearest)
      configurationDiag("unknown option '%0'") << Key;
    else
      configurationDiag("unknown option '%0'; did you mean '%1%2'?")
          << Key << Prefix << *Nearest;
  }
}

unsigned AsyncCheck::readBounded(StringRef OptionName, unsigned Default,
                                 unsigned Min, unsigned Max) {
  const unsigned Value = Options.get(OptionName, Default);
  if (Min <= Value && Value <= Max)
    return Value;
  configurationDiag("option '%0.%1' is %2, outside %3 to %4; %5 is used")
      << getID() << OptionName << Value << Min << Max << Default;
  return Default;
}

std::string AsyncCheck::readCode(StringRef OptionName, StringRef Default) {
  const std::string Value = Options.get(OptionName, Default).str();
  if (!StringRef(Value).trim().empty())
    return Value;
  configurationDiag("option '%0.%1' is empty; '%2' is used")
      << getID() << OptionName << Default;
  return Default.str();
}

} // namespace clang::tidy::tether
