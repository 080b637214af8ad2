// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
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

/// Adds \p R to \p Into. An insertion where another is inserted goes
/// after it, as clang-tidy orders them; an edit that overlaps another, or
/// an insertion inside a replaced range, is a conflict.
bool add(tooling::Replacements &Into, const tooling::Replacement &R) {
  llvm::Error Conflict = Into.add(R);
  if (!Conflict)
    return true;
  llvm::consumeError(std::move(Conflict));
  if (R.getLength() != 0 ||
      llvm::any_of(Into, [&](const tooling::Replacement &Existing) {
        return Existing.getOffset() < R.getOffset() &&
               R.getOffset() < Existing.getOffset() + Existing.getLength();
      }))
    return false;
  Into = Into.merge(tooling::Replacements(tooling::Replacement(
      R.getFilePath(), Into.getShiftedCodePosition(R.getOffset()), 0,
      R.getReplacementText())));
  return true;
}

/// The lines of an insertion made only of #include lines.
std::optional<llvm::SmallVector<llvm::StringRef>>
includeLines(const tooling::Replacement &R) {
  if (R.getLength() != 0)
    return std::nullopt;
  llvm::SmallVector<llvm::StringRef> Lines;
  R.getReplacementText().split(Lines, '\n', -1, /*KeepEmpty=*/false);
  if (Lines.empty() || !llvm::all_of(Lines, [](llvm::StringRef Line) {
        return Line.ltrim().starts_with("#include");
      }))
    return std::nullopt;
  return Lines;
}

} // namespace

FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings, bool FixNotes,
                      const llvm::StringMap<uint64_t> &LintedHashes) {
  FixOutcome Outcome;
  // The edits of the fix-its accepted so far, to find overlaps.
  std::map<std::string, tooling::Replacements> Accepted;
  // The #include lines to insert, by file and offset: each once, in order.
  std::map<std::string, std::map<unsigned, std::set<std::string>>> Includes;
  // The accepted fix-its, in order.
  std::vector<const llvm::StringMap<tooling::Replacements> *> Fixes;
  for (const Finding &F : Findings) {
    const llvm::StringMap<tooling::Replacements> *Fix =
        tidy::getFixIt(*F.Error, FixNotes);
    if (!Fix || Fix->empty())
      continue;
    // All of a finding's edits or none of them.
    std::map<std::string, tooling::Replacements> WithThis;
    bool Conflicts = false;
    for (const auto &InFile : *Fix) {
      const std::string File = InFile.getKey().str();
      tooling::Replacements &Into =
          WithThis.try_emplace(File, Accepted[File]).first->second;
      for (const tooling::Replacement &R : InFile.getValue())
        if (!includeLines(R))
          Conflicts |= !add(Into, R);
    }
    if (Conflicts) {
      Outcome.Conflicting.push_back(&F);
      continue;
    }
    for (auto &[File, Replacements] : WithThis)
      Accepted[File] = std::move(Replacements);
    for (const auto &InFile : *Fix)
      for (const tooling::Replacement &R : InFile.getValue())
        if (auto Lines = includeLines(R))
          for (llvm::StringRef Line : *Lines)
            Includes[InFile.getKey().str()][R.getOffset()].insert(
                (Line + "\n").str());
    Fixes.push_back(Fix);
  }
  // The includes first: an edit where one is inserted goes after it.
  std::map<std::string, tooling::Replacements> PerFile;
  for (const auto &[File, AtOffsets] : Includes)
    for (const auto &[Offset, Lines] : AtOffsets) {
      std::string Text;
      for (const std::string &Line : Lines)
        Text += Line;
      add(PerFile[File], tooling::Replacement(File, Offset, 0, Text));
    }
  for (const llvm::StringMap<tooling::Replacements> *Fix : Fixes)
    for (const auto &InFile : *Fix)
      for (const tooling::Replacement &R : InFile.getValue())
        if (!includeLines(R))
          add(PerFile[InFile.getKey().str()], R);
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
  Outcome.Fixed = llvm::count_if(Fixes, [&](const auto *Fix) {
    return llvm::all_of(Fix->keys(), [&](llvm::StringRef File) {
      return Written.contains(File);
    });
  });
  return Outcome;
}

} // namespace tether
