// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- AsyncCheck.h - tether --------------------------------------------===//
//
// The base of every async- check: options read and checked the same way in
// all, and options under the check's name that it does not know reported,
// in every vehicle.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_ASYNCCHECK_H
#define TETHER_CHECKS_UTILS_ASYNCCHECK_H

#include "Facts.h"
#include "NameList.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"

namespace clang::tidy::tether {

/// A list option as a check holds it: the names it matches, and its entries
/// as written, which storeOptions writes back. It owns its text, so a
/// default can be built where the option is read.
class NameListOption : public NameList {
public:
  NameListOption(StringRef Option, std::vector<std::string> Entries,
                 NameList Names)
      : NameList(std::move(Names)), Option(Option.str()),
        Entries(std::move(Entries)) {}

  const std::string Option;
  const std::vector<std::string> Entries;
};

/// A check whose list options are name lists: entries it cannot use are
/// reported as configuration errors naming the option.
class AsyncCheck : public ClangTidyCheck {
public:
  AsyncCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), TidyContext(*Context),
        SystemHeaders(Context->getOptions().SystemHeaders.value_or(false)) {}

  /// Reports the options under this check's name that it does not read
  /// (a typo, or an option of another version), with the nearest it does.
  /// One async- check also reports the unknown options of every other check,
  /// which clang-tidy says only under --verify-config.
  void onStartOfTranslationUnit() override;

protected:
  ClangTidyContext &TidyContext;

  /// Whether findings in system headers are reported (--system-headers);
  /// when not, the matchers skip system headers (see isReportable).
  const bool SystemHeaders;

  /// The list option \p OptionName: ';'-separated entries, \p Default
  /// when it is not set.
  NameListOption readNameList(StringRef OptionName, StringRef Default = "") {
    const std::string Text = Options.get(OptionName, Default).str();
    std::vector<StringRef> Entries = utils::options::parseStringList(Text);
    NameList Names(Entries, [&](StringRef Entry, StringRef Error) {
      configurationDiag("invalid regular expression '%0' for option "
                        "'%1.%2': %3; the entry is ignored")
          << Entry << getID() << OptionName << Error;
    });
    return NameListOption(
        OptionName, std::vector<std::string>(Entries.begin(), Entries.end()),
        std::move(Names));
  }

  /// The unsigned option \p OptionName; a value outside [\p Min, \p Max]
  /// is reported and \p Default is used.
  unsigned readBounded(StringRef OptionName, unsigned Default, unsigned Min,
                       unsigned Max);

  /// The option \p OptionName, text spliced into code by fix-its; an empty
  /// one is reported and \p Default is used.
  std::string readCode(StringRef OptionName, StringRef Default);

  void storeNameList(ClangTidyOptions::OptionMap &Opts,
                     const NameListOption &List) {
    Options.store(Opts, List.Option,
                  utils::options::serializeStringList(std::vector<StringRef>(
                      List.Entries.begin(), List.Entries.end())));
  }

  /// A note per call of \p Chain, facts of other translation units, where
  /// each call is, or at \p Warning when its file cannot be read.
  void noteChain(llvm::ArrayRef<ChainHop> Chain, SourceLocation Warning,
                 ASTContext &Ctx);

private:
  void reportOwnUnknownOptions();
  /// Whether this is the enabled async- check that comes first by name.
  bool reportsForEveryCheck() const;
  void reportOtherUnknownOptions();

  bool OptionsChecked = false;
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_ASYNCCHECK_H
