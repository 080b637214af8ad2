// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Paths.h - tether check ---------------------------------*- C++ -*-===//
//
// Paths as tether check handles them: made absolute once, against a
// directory given explicitly (never the process's working directory, which
// the threads of a run must not depend on), with symbolic links resolved so
// that a file reached two ways is one file; relative to the project root
// in reports, and as percent-encoded URIs in SARIF.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_PATHS_H
#define TETHER_TOOL_CHECK_PATHS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace tether {

/// \p Path against \p Base when relative, with "." and ".." removed as
/// text. For paths that need not exist (reports to write).
std::string absolutePath(llvm::StringRef Base, llvm::StringRef Path);

/// \p Path against \p Base, with symbolic links resolved when the file
/// exists: "../inc/h.hpp" from a linked directory is the file it opens.
/// Falls back to absolutePath() for a file that does not exist.
std::string canonicalPath(llvm::StringRef Base, llvm::StringRef Path);

/// Whether \p Path is \p Directory or under it, at a path boundary
/// (/src/app-old is not under /src/app).
bool isUnder(llvm::StringRef Path, llvm::StringRef Directory);

/// \p Path relative to \p Root when it is under it, with '/' separators;
/// otherwise \p Path.
std::string relativeTo(llvm::StringRef Root, llvm::StringRef Path);

/// The top of the git work tree that holds \p Directory, or \p Directory.
std::string projectRoot(llvm::StringRef Directory);

/// \p Path with every byte outside RFC 3986's unreserved characters and
/// '/' percent-encoded, as a URI reference.
std::string percentEncode(llvm::StringRef Path);

/// The file:// URI of an absolute path (a trailing '/' kept).
std::string fileUri(llvm::StringRef AbsolutePath);

} // namespace tether

#endif
