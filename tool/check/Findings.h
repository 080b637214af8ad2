//===--- Findings.h - tether check ------------------------------*- C++ -*-===//
//
// The findings of a run as the reports see them: positions in lines and
// columns, paths relative to the project root, and a fingerprint that
// survives unrelated edits and code moves (check, file, enclosing function,
// the finding's line with whitespace removed, and the occurrence among
// findings sharing all of these; never a line number).
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_FINDINGS_H
#define TETHER_TOOL_CHECK_FINDINGS_H

#include "TranslationUnitLint.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <string>
#include <vector>

namespace tether {

/// A 1-based line and column (in bytes), as compilers print them.
struct Position {
  unsigned Line = 0;
  unsigned Column = 0;
};

/// The text of the source files the reports point into, read once.
class SourceFiles {
public:
  /// The file's text, or null when it cannot be read.
  const llvm::MemoryBuffer *text(llvm::StringRef Path);
  Position position(llvm::StringRef Path, unsigned Offset);
  /// The text of a 1-based line, without its end of line.
  llvm::StringRef line(llvm::StringRef Path, unsigned Line);

private:
  struct File {
    std::unique_ptr<llvm::MemoryBuffer> Text;
    std::vector<unsigned> LineStarts;
  };
  File *load(llvm::StringRef Path);
  llvm::StringMap<File> Files;
};

struct Location {
  /// Absolute path, as the diagnostic has it.
  std::string File;
  /// Relative to the project root when under it, otherwise absolute.
  std::string RelativeFile;
  unsigned Offset = 0;
  Position Start;
  /// The text of the line it starts on.
  std::string LineText;
};

struct Edit {
  Location Where;
  unsigned Length = 0;
  Position End;
  std::string Text;
};

struct Note {
  std::string Message;
  Location Where;
};

struct Finding {
  const clang::tidy::ClangTidyError *Error;
  std::string Check;
  bool IsError = false;
  std::string Message;
  Location Where;
  std::vector<Note> Notes;
  /// What --fix (or, with \c ApplyAnyFix, --fix-notes) would apply.
  std::vector<Edit> Fix;
  std::string EnclosingFunction;
  std::string Fingerprint;
};

/// The report view of \p Errors (in the order given), with fingerprints.
std::vector<Finding>
describeFindings(llvm::ArrayRef<const TidyFinding *> Errors,
                 llvm::StringRef Root, bool ApplyAnyFix, SourceFiles &Sources);

/// Whether \p Path is \p Directory or under it, at a path boundary
/// (/src/app-old is not under /src/app).
bool isUnder(llvm::StringRef Path, llvm::StringRef Directory);

/// \p Path relative to \p Root when it is under it, with '/' separators.
std::string relativeTo(llvm::StringRef Root, llvm::StringRef Path);

/// The directory holding the enclosing git work tree of the current
/// directory, or the current directory.
std::string projectRoot();

} // namespace tether

#endif
