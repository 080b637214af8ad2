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

class RuntimeFixes::IncludeRecorder : public PPCallbacks {
public:
  IncludeRecorder(RuntimeFixes &Fixes, const SourceManager &SM)
      : Fixes(Fixes), SM(SM) {}
  void InclusionDirective(SourceLocation HashLoc, const Token &, StringRef Name,
                          bool IsAngled, CharSourceRange, OptionalFileEntryRef,
                          StringRef, StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    if (IsAngled)
      Fixes.AngledIncludes.insert({SM.getFileID(HashLoc), Name.str()});
  }

private:
  RuntimeFixes &Fixes;
  const SourceManager &SM;
};

void RuntimeFixes::registerPreprocessor(Preprocessor *PP) {
  this->PP = PP;
  AngledIncludes.clear();
  Inserter.registerPreprocessor(PP);
  PP->addPPCallbacks(
      std::make_unique<IncludeRecorder>(*this, PP->getSourceManager()));
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
  const FileID File = SM.getFileID(SM.getExpansionLoc(Loc));
  if (AngledIncludes.count({File, Api.Header.str()}) ||
      AngledIncludes.count({File, runtime::Umbrella.str()}))
    return;
  if (std::optional<FixItHint> Include = Inserter.createIncludeInsertion(
          File, (llvm::Twine("<") + Api.Header + ">").str()))
    Diag << *Include;
}

} // namespace clang::tidy::tether
