//===--- Findings.cpp - tether check --------------------------------------===//

#include "Findings.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

using namespace clang::tidy;

namespace tether {

SourceFiles::File *SourceFiles::load(llvm::StringRef Path) {
  auto [Entry, Inserted] = Files.try_emplace(Path);
  File &Loaded = Entry->getValue();
  if (Inserted) {
    if (auto Text = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/
                                                false)) {
      Loaded.Text = std::move(*Text);
      llvm::StringRef Content = Loaded.Text->getBuffer();
      Loaded.LineStarts.push_back(0);
      for (size_t I = 0; I < Content.size(); ++I)
        if (Content[I] == '\n')
          Loaded.LineStarts.push_back(I + 1);
    }
  }
  return Loaded.Text ? &Loaded : nullptr;
}

const llvm::MemoryBuffer *SourceFiles::text(llvm::StringRef Path) {
  File *Loaded = load(Path);
  return Loaded ? Loaded->Text.get() : nullptr;
}

Position SourceFiles::position(llvm::StringRef Path, unsigned Offset) {
  File *Loaded = load(Path);
  if (!Loaded)
    return {};
  auto Next = llvm::upper_bound(Loaded->LineStarts, Offset);
  const unsigned Line = Next - Loaded->LineStarts.begin();
  return {Line, Offset - Loaded->LineStarts[Line - 1] + 1};
}

llvm::StringRef SourceFiles::line(llvm::StringRef Path, unsigned Line) {
  File *Loaded = load(Path);
  if (!Loaded || Line == 0 || Line > Loaded->LineStarts.size())
    return {};
  llvm::StringRef Content = Loaded->Text->getBuffer();
  const unsigned Start = Loaded->LineStarts[Line - 1];
  const unsigned End = Line < Loaded->LineStarts.size()
                           ? Loaded->LineStarts[Line]
                           : Content.size();
  return Content.slice(Start, End).rtrim("\r\n");
}

bool isUnder(llvm::StringRef Path, llvm::StringRef Directory) {
  return !Directory.empty() && Path.starts_with(Directory) &&
         (Path.size() == Directory.size() ||
          llvm::sys::path::is_separator(Path[Directory.size()]) ||
          llvm::sys::path::is_separator(Directory.back()));
}

std::string relativeTo(llvm::StringRef Root, llvm::StringRef Path) {
  llvm::SmallString<256> Relative(Path);
  if (isUnder(Path, Root) &&
      llvm::sys::path::replace_path_prefix(Relative, Root, ""))
    Relative = llvm::sys::path::relative_path(Relative);
  llvm::sys::path::native(Relative, llvm::sys::path::Style::posix);
  return std::string(Relative);
}

std::string projectRoot() {
  llvm::SmallString<256> Directory;
  llvm::sys::fs::current_path(Directory);
  for (llvm::SmallString<256> Candidate = Directory; !Candidate.empty();
       llvm::sys::path::remove_filename(Candidate)) {
    llvm::SmallString<256> Git(Candidate);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return std::string(Candidate);
    if (!llvm::sys::path::has_relative_path(Candidate))
      break;
  }
  return std::string(Directory);
}

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

std::vector<Finding>
describeFindings(llvm::ArrayRef<const TidyFinding *> Errors,
                 llvm::StringRef Root, bool ApplyAnyFix, SourceFiles &Sources) {
  std::vector<Finding> Findings;
  llvm::StringMap<unsigned> Occurrences;
  for (const TidyFinding *Tidy : Errors) {
    const ClangTidyError &Error = Tidy->Error;
    Finding F;
    F.Error = &Error;
    F.Check = Error.DiagnosticName;
    F.IsError = Error.DiagLevel == ClangTidyError::Error;
    F.Message = Error.Message.Message;
    F.Where =
        locate(Error.Message.FilePath, Error.Message.FileOffset, Root, Sources);
    for (const clang::tooling::DiagnosticMessage &Note : Error.Notes)
      F.Notes.push_back({Note.Message, locate(Note.FilePath, Note.FileOffset,
                                              Root, Sources)});
    if (const llvm::StringMap<clang::tooling::Replacements> *Fix =
            getFixIt(Error, ApplyAnyFix))
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
    F.EnclosingFunction = Tidy->EnclosingFunction;
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
