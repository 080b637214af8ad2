// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- NameList.h - tether ----------------------------------------------===//
//
// A list of names from a check option: each entry is either a qualified name
// ("::std::thread::detach", matched without template arguments, so it names
// every specialization; without a leading "::" it matches any enclosing
// scope) or a regular expression (any entry with a regex metacharacter),
// matched against the fully qualified name as clang-tidy's own lists are.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_NAMELIST_H
#define TETHER_CHECKS_UTILS_NAMELIST_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <string>
#include <vector>

namespace clang::tidy::tether {

/// "::ns::Class::member" for \p ND: template arguments and inline namespaces
/// (std::__1, std::__cxx11) dropped, so one spelling covers every
/// specialization and standard library.
std::string templateFreeQualifiedName(const NamedDecl &ND);

class NameList {
public:
  NameList() = default;
  /// \p OnInvalid hears of each entry that is not a valid regular
  /// expression (such an entry matches nothing).
  NameList(
      llvm::ArrayRef<llvm::StringRef> Entries,
      llvm::function_ref<void(llvm::StringRef Entry, llvm::StringRef Error)>
          OnInvalid);

  bool matches(const NamedDecl &ND) const;
  /// Matches \p Member as if it were declared in \p Class: a member that a
  /// library declares in a base (libstdc++'s std::future::wait lives in
  /// std::__basic_future) is listed under the class users call it on.
  bool matchesMemberOf(const CXXRecordDecl &Class,
                       const NamedDecl &Member) const;
  bool empty() const { return Exact.empty() && Patterns.empty(); }

private:
  bool matches(llvm::StringRef Identifier,
               llvm::function_ref<std::string()> QualifiedName) const;

  struct ExactName {
    std::string Name;       // always starts with "::"
    std::string Identifier; // its last component, checked first: cheap
    bool Anchored;          // written with a leading "::": no enclosing scope
  };
  std::vector<ExactName> Exact;
  std::vector<llvm::Regex> Patterns;
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_NAMELIST_H
