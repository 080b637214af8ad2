// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- GitDiff.cpp - tether check ---------------------------------------===//

#include "GitDiff.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

namespace tether {

bool ChangedLines::contains(llvm::StringRef File, unsigned Line) const {
  auto InFile = Runs.find(File);
  if (InFile == Runs.end())
    return false;
  return llvm::any_of(InFile->getValue(), [&](const auto &Run) {
    return Run.first <= Line && Line <= Run.second;
  });
}

std::optional<std::string> ChangedLines::newPath(llvm::StringRef Header) {
  std::string Path;
  if (Header.consume_front("\"")) {
    // C-quoted: non-ASCII, '"', '\\' and control characters escaped.
    while (!Header.empty() && Header.front() != '"') {
      char C = Header.front();
      Header = Header.drop_front();
      if (C != '\\' || Header.empty()) {
        Path += C;
        continue;
      }
      C = Header.front();
      Header = Header.drop_front();
      if (C >= '0' && C <= '7') {
        unsigned Byte = C - '0';
        for (int Digit = 0; Digit < 2 && !Header.empty() &&
                            Header.front() >= '0' && Header.front() <= '7';
             ++Digit, Header = Header.drop_front())
          Byte = Byte * 8 + (Header.front() - '0');
        Path += static_cast<char>(Byte);
        continue;
      }
      switch (C) {
      case 'a':
        Path += '\a';
        break;
      case 'b':
        Path += '\b';
        break;
      case 'f':
        Path += '\f';
        break;
      case 'n':
        Path += '\n';
        break;
      case 'r':
        Path += '\r';
        break;
      case 't':
        Path += '\t';
        break;
      case 'v':
        Path += '\v';
        break;
      default:
        Path += C; // '"', '\\'
      }
    }
    if (Header.empty())
      return std::nullopt; // unterminated
  } else {
    // git ends a name that has a space with a tab, for patch(1).
    Path = Header.rtrim("\r").split('\t').first.str();
  }
  llvm::StringRef Name(Path);
  if (!Name.consume_front("b/"))
    return std::nullopt; // /dev/null: the file was deleted
  return Name.str();
}

ChangedLines ChangedLines::parse(llvm::StringRef Diff) {
  ChangedLines Changed;
  std::vector<std::pair<unsigned, unsigned>> *Current = nullptr;
  llvm::SmallVector<llvm::StringRef> Lines;
  Diff.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    if (Line.consume_front("+++ ")) {
      std::optional<std::string> Path = newPath(Line);
      Current = Path ? &Changed.Runs[*Path] : nullptr;
      continue;
    }
    // @@ -old[,count] +new[,count] @@
    if (!Current || !Line.consume_front("@@ "))
      continue;
    llvm::StringRef New = Line.split(' ').second.split(' ').first;
    if (!New.consume_front("+"))
      continue;
    auto [StartText, CountText] = New.split(',');
    unsigned Start = 0, Count = 1;
    if (StartText.getAsInteger(10, Start) ||
        (!CountText.empty() && CountText.getAsInteger(10, Count)))
      continue;
    if (Count)
      Current->emplace_back(Start, Start + Count - 1);
  }
  return Changed;
}

namespace {

/// Runs git in \p Root and returns what it printed.
llvm::Expected<std::string> git(llvm::StringRef Root,
                                llvm::ArrayRef<llvm::StringRef> Arguments) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError(Git.getError(), "git is not on the PATH");
  llvm::SmallString<128> Output, Errors;
  if (std::error_code E =
          llvm::sys::fs::createTemporaryFile("tether-git", "out", Output))
    return llvm::createStringError(E, "cannot create a temporary file");
  if (std::error_code E =
          llvm::sys::fs::createTemporaryFile("tether-git", "err", Errors))
    return llvm::createStringError(E, "cannot create a temporary file");
  llvm::SmallVector<llvm::StringRef> Command{"git", "-C", Root};
  Command.append(Arguments.begin(), Arguments.end());
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, Output.str(),
                                                Errors.str()};
  std::string Failure;
  const int Exit = llvm::sys::ExecuteAndWait(*Git, Command, std::nullopt,
                                             Redirects, 0, 0, &Failure);
  auto Printed = llvm::MemoryBuffer::getFile(Output);
  auto Complaint = llvm::MemoryBuffer::getFile(Errors);
  llvm::sys::fs::remove(Output);
  llvm::sys::fs::remove(Errors);
  if (Exit != 0 || !Printed)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "git " + llvm::join(Arguments, " ") + " failed: " +
            (Complaint && !(*Complaint)->getBuffer().empty()
                 ? (*Complaint)->getBuffer().trim().str()
                 : Failure));
  return (*Printed)->getBuffer().str();
}

} // namespace

llvm::Expected<ChangedLines> changedSince(llvm::StringRef Root,
                                          llvm::StringRef Ref) {
  // From where the branch left Ref, so that what Ref gained since is not
  // counted as the change's.
  llvm::Expected<std::string> Base = git(Root, {"merge-base", Ref, "HEAD"});
  if (!Base)
    return Base.takeError();
  const std::string BaseCommit = llvm::StringRef(*Base).trim().str();
  llvm::Expected<std::string> Diff =
      git(Root, {"diff", "--no-color", "--no-ext-diff", "--src-prefix=a/",
                 "--dst-prefix=b/", "-U0", BaseCommit, "--"});
  if (!Diff)
    return Diff.takeError();
  return ChangedLines::parse(*Diff);
}

} // namespace tether
