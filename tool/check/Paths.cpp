// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Paths.cpp - tether check -----------------------------------------===//

#include "Paths.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace tether {

std::string absolutePath(llvm::StringRef Base, llvm::StringRef Path) {
  llvm::SmallString<256> Absolute;
  if (!llvm::sys::path::is_absolute(Path))
    Absolute = Base;
  llvm::sys::path::append(Absolute, Path);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

std::string canonicalPath(llvm::StringRef Base, llvm::StringRef Path) {
  llvm::SmallString<256> Joined;
  if (!llvm::sys::path::is_absolute(Path))
    Joined = Base;
  llvm::sys::path::append(Joined, Path);
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Joined, Real))
    return std::string(Real);
  return absolutePath(Base, Path);
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
    // relative_path points into Relative: copy it out before it is reassigned.
    Relative = llvm::sys::path::relative_path(Relative).str();
  llvm::sys::path::native(Relative, llvm::sys::path::Style::posix);
  return std::string(Relative);
}

std::string projectRoot(llvm::StringRef Directory) {
  for (llvm::SmallString<256> Candidate = Directory; !Candidate.empty();
       llvm::sys::path::remove_filename(Candidate)) {
    llvm::SmallString<256> Git(Candidate);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return std::string(Candidate);
    if (!llvm::sys::path::has_relative_path(Candidate))
      break;
  }
  return Directory.str();
}

std::string percentEncode(llvm::StringRef Path) {
  std::string Encoded;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C)) {
      Encoded += C;
      continue;
    }
    Encoded += '%';
    Encoded += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
    Encoded += llvm::hexdigit(C & 15, /*LowerCase=*/false);
  }
  return Encoded;
}

std::string fileUri(llvm::StringRef AbsolutePath) {
  return "file://" + percentEncode(AbsolutePath);
}

} // namespace tether
