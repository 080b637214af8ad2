//===--- TestFiles.h - tether check unit tests ------------------*- C++ -*-===//
//
// A scratch directory per test, removed with it.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TESTS_TOOL_TESTFILES_H
#define TETHER_TESTS_TOOL_TESTFILES_H

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>
#include <string>

namespace tether {

class ScratchDirectory {
public:
  ScratchDirectory() {
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("tether-unit", Path));
    llvm::SmallString<256> Real;
    EXPECT_FALSE(llvm::sys::fs::real_path(Path, Real));
    Path = Real;
  }
  ~ScratchDirectory() { llvm::sys::fs::remove_directories(Path); }

  std::string path(llvm::StringRef Relative = "") const {
    llvm::SmallString<256> Joined(Path);
    if (!Relative.empty())
      llvm::sys::path::append(Joined, Relative);
    return std::string(Joined);
  }

  std::string write(llvm::StringRef Relative, llvm::StringRef Text) const {
    const std::string File = path(Relative);
    EXPECT_FALSE(
        llvm::sys::fs::create_directories(llvm::sys::path::parent_path(File)));
    std::error_code Error;
    llvm::raw_fd_ostream OS(File, Error);
    EXPECT_FALSE(Error);
    OS << Text;
    return File;
  }

  static std::string read(llvm::StringRef File) {
    auto Text = llvm::MemoryBuffer::getFile(File);
    return Text ? (*Text)->getBuffer().str() : "<unreadable>";
  }

private:
  llvm::SmallString<256> Path;
};

} // namespace tether

#endif
