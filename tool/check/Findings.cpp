// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Findings.cpp - tether check --------------------------------------===//

#include "Findings.h"
#include "Paths.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"

using namespace clang::tidy;

namespace tether {

namespace {

Location locate(llvm::StringRef File, unsigned Offset, llvm::StringRef Root,
                SourceFiles &Sources) {
  Location Where;
  if (File.empty())
    return Where;
  Where.File = File.str();
  Where.RelativeFile = relativeTo(Root, File);
  Where.Offset = Offset;
  Where.Start = Sources.position(File, Offset);
  Where.LineText = Sources.line(File, Where.Start.Line).str();
  return Where;
}

std::string withoutWhitespace(llvm::StringRef Text) {
  std::string Kept;
  for (char C : Text)
    if (!llvm::isSpace(C))
      Kept += C;
  return Kept;
}

} // namespace

std::vector<Finding> describeFindings(llvm::ArrayRef<const RawFinding *> Errors,
                                      llvm::StringRef Root, bool FixNotes,
                                      SourceFiles &Sources) {
  std::vector<Finding> Findings;
  llvm::StringMap<unsigned> Occurrences;
  for (const RawFinding *Raw : Errors) {
    const ClangTidyError &Error = Raw->Error;
    Finding F;
    F.Error = &Error;
    F.Check = Error.DiagnosticName;
    // WarningsAsErrors of the file's configuration, as clang-tidy applies it.
    F.IsError =
        Error.DiagLevel == ClangTidyError::Error || Error.IsWarningAsError;
    F.Message = Error.Message.Message;
    F.Where =
        locate(Error.Message.FilePath, Error.Message.FileOffset, Root, Sources);
    for (const clang::tooling::DiagnosticMessage &Note : Error.Notes)
      F.Notes.push_back({Note.Message, locate(Note.FilePath, Note.FileOffset,
                                              Root, Sources)});
    if (const llvm::StringMap<clang::tooling::Replacements> *Fix =
            getFixIt(Error, FixNotes))
      for (const auto &InFile : *Fix)
        for (const clang::tooling::Replacement &R : InFile.getValue()) {
          Edit E;
          E.Where = locate(InFile.getKey(), R.getOffset(), Root, Sources);
          E.Length = R.getLength();
          E.End =
              Sources.position(InFile.getKey(), R.getOffset() + R.getLength());
          E.Text = R.getReplacementText().str();
          F.Fix.push_back(std::move(E));
        }
    F.EnclosingFunction = Raw->EnclosingFunction;
    std::string Identity = F.Check;
    for (const std::string &Part : {F.Where.RelativeFile, F.EnclosingFunction,
                                    withoutWhitespace(F.Where.LineText)})
      (Identity += '\0') += Part;
    const std::string Base = llvm::utohexstr(llvm::xxh3_64bits(Identity),
                                             /*LowerCase=*/true, 16);
    F.Fingerprint = Base + ":" + std::to_string(Occurrences[Base]++);
    Findings.push_back(std::move(F));
  }
  return Findings;
}

} // namespace tether
