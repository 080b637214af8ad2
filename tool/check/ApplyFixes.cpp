//===--- ApplyFixes.cpp - tether check ------------------------------------===//

#include "ApplyFixes.h"
#include "SourceFiles.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <set>

using namespace clang;

namespace tether {

llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::sys::fs::file_status Status;
  const bool Exists = !llvm::sys::fs::status(Path, Status);
  llvm::SmallString<256> Temporary;
  int FD;
  if (std::error_code E = llvm::sys::fs::createUniqueFile(
          Path + ".tether-%%%%%%.tmp", FD, Temporary))
    return llvm::createStringError(E,
                                   "cannot write " + Path + ": " + E.message());
  std::error_code Error;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    Error = OS.error();
    OS.clear_error();
  }
  if (!Error && Exists)
    Error = llvm::sys::fs::setPermissions(Temporary, Status.permissions());
  if (!Error)
    Error = llvm::sys::fs::rename(Temporary, Path);
  if (!Error)
    return llvm::Error::success();
  llvm::sys::fs::remove(Temporary);
  return llvm::createStringError(Error, "cannot write " + Path + ": " +
                                            Error.message());
}

namespace {

/// Adds \p R to \p Into. An insertion where another edit is inserted
/// goes after it, as clang-tidy orders them; an overlap is a conflict.
bool add(tooling::Replacements &Into, const tooling::Replacement &R) {
  llvm::Error Conflict = Into.add(R);
  if (!Conflict)
    return true;
  llvm::consumeError(std::move(Conflict));
  const unsigned Offset = Into.getShiftedCodePosition(R.getOffset());
  const unsigned Length =
      Into.getShiftedCodePosition(R.getOffset() + R.getLength()) - Offset;
  if (Length != R.getLength())
    return false;
  Into = Into.merge(tooling::Replacements(tooling::Replacement(
      R.getFilePath(), Offset, Length, R.getReplacementText())));
  return true;
}

bool isIncludeInsertion(const tooling::Replacement &R) {
  return R.getLength() == 0 &&
         R.getReplacementText().ltrim().starts_with("#include");
}

} // namespace

FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings, bool FixNotes,
                      const llvm::StringMap<uint64_t> &LintedHashes) {
  FixOutcome Outcome;
  std::map<std::string, tooling::Replacements> PerFile;
  // The #include lines to insert, by file and offset: each once, in order.
  std::map<std::string, std::map<unsigned, std::set<std::string>>> Includes;
  // The files each accepted fix-it edits.
  std::vector<std::vector<std::string>> Accepted;
  for (const Finding &F : Findings) {
    const llvm::StringMap<tooling::Replacements> *Fix =
        tidy::getFixIt(*F.Error, FixNotes);
    if (!Fix || Fix->empty())
      continue;
    // All of a finding's edits or none of them.
    std::map<std::string, tooling::Replacements> Merged;
    bool Conflicts = false;
    for (const auto &InFile : *Fix) {
      const std::string File = InFile.getKey().str();
      tooling::Replacements &Into =
          Merged.try_emplace(File, PerFile[File]).first->second;
      for (const tooling::Replacement &R : InFile.getValue())
        if (!isIncludeInsertion(R))
          Conflicts |= !add(Into, R);
    }
    if (Conflicts) {
      Outcome.Conflicting.push_back(&F);
      continue;
    }
    for (const auto &InFile : *Fix)
      for (const tooling::Replacement &R : InFile.getValue())
        if (isIncludeInsertion(R))
          Includes[InFile.getKey().str()][R.getOffset()].insert(
              R.getReplacementText().str());
    std::vector<std::string> &Files = Accepted.emplace_back();
    for (auto &[File, Replacements] : Merged) {
      PerFile[File] = std::move(Replacements);
      Files.push_back(File);
    }
  }
  for (const auto &[File, AtOffsets] : Includes)
    for (const auto &[Offset, Lines] : AtOffsets) {
      std::string Text;
      for (const std::string &Line : Lines)
        Text += Line;
      add(PerFile[File], tooling::Replacement(File, Offset, 0, Text));
    }
  llvm::StringSet<> Written;
  for (const auto &[File, Replacements] : PerFile) {
    auto Text = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
    auto Linted = LintedHashes.find(File);
    if (!Text || Linted == LintedHashes.end() ||
        contentHash((*Text)->getBuffer()) != Linted->getValue()) {
      Outcome.Changed.push_back(File);
      continue;
    }
    llvm::Expected<std::string> Fixed =
        tooling::applyAllReplacements((*Text)->getBuffer(), Replacements);
    llvm::Error Failure =
        Fixed ? writeFileAtomically(File, *Fixed) : Fixed.takeError();
    if (Failure) {
      Outcome.Unwritable.emplace_back(File, llvm::toString(std::move(Failure)));
      continue;
    }
    Written.insert(File);
  }
  Outcome.Files = Written.size();
  Outcome.Fixed = llvm::count_if(Accepted, [&](const auto &Files) {
    return llvm::all_of(
        Files, [&](const std::string &File) { return Written.contains(File); });
  });
  return Outcome;
}

} // namespace tether
