// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- RuntimeFixes.cpp - tether ----------------------------------------===//

#include "RuntimeFixes.h"
#include "clang/Lex/HeaderSearch.h"

namespace clang::tidy::tether {

RuntimeFixes::RuntimeFixes(const ClangTidyCheck::OptionsView &Options,
                           bool SelfContained)
    : Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               SelfContained) {}

void RuntimeFixes::registerPreprocessor(Preprocessor *PP) {
  this->PP = PP;
  Inserter.registerPreprocessor(PP);
  // Looked up before the translation unit is parsed: under clangd, a lookup
  // made between a warning and its note loses the note's fix-it.
  Reachable =
      PP->getHeaderSearchInfo()
          .LookupFile(runtime::Umbrella, SourceLocation(), /*isAngled=*/true,
                      /*FromDir=*/nullptr, /*CurDir=*/nullptr,
                      /*Includers=*/{}, /*SearchPath=*/nullptr,
                      /*RelativePath=*/nullptr, /*RequestingModule=*/nullptr,
                      /*SuggestedModule=*/nullptr, /*IsMapped=*/nullptr,
                      /*IsFrameworkFound=*/nullptr)
          .has_value();
}

void RuntimeFixes::storeOptions(ClangTidyCheck::OptionsView &Options,
                                ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

AsioFlavour RuntimeFixes::flavour() const {
  return PP ? runtimeFlavour(*PP) : AsioFlavour::None;
}

std::string RuntimeFixes::noteMessage(llvm::StringRef Message,
                                      const runtime::Api &Api) const {
  if (Reachable)
    return Message.str();
  return (Message + "; <" + Api.Header +
          "> is not on this file's include path: add tether's runtime to the "
          "build ('find_package(tether)', link 'tether::runtime')")
      .str();
}

void RuntimeFixes::addInclude(DiagnosticBuilder &Diag, SourceLocation Loc,
                              const runtime::Api &Api,
                              const SourceManager &SM) {
  if (std::optional<FixItHint> Include = Inserter.createIncludeInsertion(
          SM.getFileID(SM.getExpansionLoc(Loc)),
          (llvm::Twine("<") + Api.Header + ">").str()))
    Diag << *Include;
}

} // namespace clang::tidy::tether
