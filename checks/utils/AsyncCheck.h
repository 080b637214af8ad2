//===--- AsyncCheck.h - tether --------------------------------------------===//
//
// The base of every async- check: list options read the same way in all.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_ASYNCCHECK_H
#define TETHER_CHECKS_UTILS_ASYNCCHECK_H

#include "NameList.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::tether {

/// A check whose list options are name lists: entries it cannot use are
/// reported as configuration errors naming the option.
class AsyncCheck : public ClangTidyCheck {
public:
  AsyncCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context),
        SystemHeaders(Context->getOptions().SystemHeaders.value_or(false)) {}

protected:
  /// Whether findings in system headers are reported (--system-headers);
  /// when not, the matchers skip system headers (see isReportable).
  const bool SystemHeaders;

  NameList makeNameList(StringRef OptionName,
                        llvm::ArrayRef<StringRef> Entries) {
    return NameList(Entries, [&](StringRef Entry, StringRef Error) {
      configurationDiag("invalid regular expression '%0' for option "
                        "'%1.%2': %3; the entry is ignored")
          << Entry << getID() << OptionName << Error;
    });
  }
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_ASYNCCHECK_H
