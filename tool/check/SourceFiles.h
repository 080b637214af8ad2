// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- SourceFiles.h - tether check ---------------------------*- C++ -*-===//
//
// The text of the source files the reports point into, each read once per
// run: lines and columns of offsets and the text of a line; and the hash
// tether check identifies a file's content by.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_SOURCEFILES_H
#define TETHER_TOOL_CHECK_SOURCEFILES_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cstdint>
#include <memory>
#include <vector>

namespace tether {

/// A 1-based line and column (in bytes), as compilers print them.
struct Position {
  unsigned Line = 0;
  unsigned Column = 0;
};

/// The hash tether check identifies a file's content by.
uint64_t contentHash(llvm::StringRef Text);

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

} // namespace tether

#endif
