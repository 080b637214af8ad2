// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- UnusedNolint.cpp - tether check ----------------------------------===//

#include "UnusedNolint.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace clang::tidy;

namespace tether {
namespace {

struct Directive {
  unsigned Offset;
  unsigned FirstLine;
  unsigned LastLine;
  std::string Checks;
};

/// The directives with a check list, with the lines they cover, as
/// clang-tidy reads them: anywhere in the text, BEGIN and END paired by
/// their check lists.
std::vector<Directive> directivesIn(llvm::StringRef Text) {
  std::vector<Directive> Found;
  std::vector<Directive> Open;
  unsigned Line = 1;
  size_t Counted = 0;
  for (size_t At = Text.find("NOLINT"); At != llvm::StringRef::npos;
       At = Text.find("NOLINT", At + 1)) {
    Line += Text.slice(Counted, At).count('\n');
    Counted = At;
    llvm::StringRef Rest = Text.substr(At + 6);
    llvm::StringRef Kind;
    for (llvm::StringRef Suffix : {"NEXTLINE", "BEGIN", "END"})
      if (Rest.consume_front(Suffix)) {
        Kind = Suffix;
        break;
      }
    if (!Rest.consume_front("("))
      continue;
    const size_t Close = Rest.find(')');
    if (Close == llvm::StringRef::npos)
      continue;
    Directive D{static_cast<unsigned>(At), Line, Line,
                Rest.take_front(Close).str()};
    if (Kind == "NEXTLINE") {
      D.FirstLine = D.LastLine = Line + 1;
    } else if (Kind == "BEGIN") {
      Open.push_back(D);
      continue;
    } else if (Kind == "END") {
      auto Begin = llvm::find_if(llvm::reverse(Open), [&](const Directive &B) {
        return B.Checks == D.Checks;
      });
      if (Begin == Open.rend())
        continue;
      D = *Begin;
      D.LastLine = Line;
      Open.erase(std::next(Begin).base());
    }
    Found.push_back(std::move(D));
  }
  return Found;
}

} // namespace

std::vector<RawFinding>
findUnusedNolints(llvm::ArrayRef<std::string> Files,
                  llvm::ArrayRef<RaisedDiagnostic> Raised,
                  SourceFiles &Sources) {
  std::vector<RawFinding> Unused;
  for (const std::string &File : Files) {
    const llvm::MemoryBuffer *Text = Sources.text(File);
    if (!Text)
      continue;
    for (const Directive &D : directivesIn(Text->getBuffer())) {
      llvm::SmallVector<llvm::StringRef> Globs;
      llvm::StringRef(D.Checks).split(Globs, ',', -1, /*KeepEmpty=*/false);
      for (llvm::StringRef Glob : Globs) {
        Glob = Glob.trim();
        if (!Glob.starts_with("async-"))
          continue;
        GlobList Matches(Glob);
        const bool Suppresses = llvm::any_of(Raised, [&](const auto &R) {
          return R.File == File && D.FirstLine <= R.Line &&
                 R.Line <= D.LastLine && Matches.contains(R.Check);
        });
        if (Suppresses)
          continue;
        ClangTidyError Error(UnusedNolintName, ClangTidyError::Warning,
                             /*BuildDirectory=*/"", /*IsWarningAsError=*/false);
        Error.Message.Message =
            ("NOLINT for '" + Glob +
             "' suppresses no finding; remove it so that it hides no future "
             "one")
                .str();
        Error.Message.FilePath = File;
        Error.Message.FileOffset = D.Offset;
        Unused.push_back({std::move(Error), ""});
      }
    }
  }
  return Unused;
}

} // namespace tether
