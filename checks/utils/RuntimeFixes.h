// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- RuntimeFixes.h - tether ------------------------------------------===//
//
// What a fix-it that rewrites toward the runtime needs from the translation
// unit: the #include of the header it uses, the Asio flavour the runtime is
// built on there, and whether the runtime can be included at all. A rewrite
// the project cannot build is never a warning's fix (applied by --fix): it
// goes on a note whose message says how to add the runtime.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_RUNTIMEFIXES_H
#define TETHER_CHECKS_UTILS_RUNTIMEFIXES_H

#include "AsioAwaitable.h"
#include "RuntimeApi.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include <set>
#include <string>
#include <utility>

namespace clang::tidy::tether {

class RuntimeFixes {
public:
  RuntimeFixes(const ClangTidyCheck::OptionsView &Options, bool SelfContained);

  /// Once per translation unit, from the check's registerPPCallbacks.
  void registerPreprocessor(Preprocessor *PP);
  void storeOptions(ClangTidyCheck::OptionsView &Options,
                    ClangTidyOptions::OptionMap &Opts) const;

  /// The flavour `tether::task` has here; None before the preprocessor is
  /// registered.
  AsioFlavour flavour() const;

  /// Whether the runtime's headers are on this translation unit's include
  /// paths.
  bool reachable() const { return Reachable; }

  /// \p Message, the text of a note that carries a rewrite into \p Api,
  /// followed by how to add the runtime when it is not reachable.
  std::string noteMessage(llvm::StringRef Message,
                          const runtime::Api &Api) const;

  /// Adds to \p Diag the #include of \p Api in the file that holds \p Loc,
  /// unless that file already has it.
  void addInclude(DiagnosticBuilder &Diag, SourceLocation Loc,
                  const runtime::Api &Api, const SourceManager &SM);

private:
  class IncludeRecorder;

  utils::IncludeInserter Inserter;
  Preprocessor *PP = nullptr;
  bool Reachable = false;
  /// The angled includes each file has, as spelled: the inserter finds an
  /// existing include only where the file's includes are sorted.
  std::set<std::pair<FileID, std::string>> AngledIncludes;
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_RUNTIMEFIXES_H
