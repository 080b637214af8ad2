// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- CompileDatabase.h - tether check -----------------------*- C++ -*-===//
//
// The compile database of a build directory, checked before anything is
// linted: a compile_commands.json that does not parse or is cut off is an
// error (never the entries before the damage and a green run), and a
// relative "directory" is resolved against the database's own directory,
// so that every command names its files by absolute paths.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_COMPILEDATABASE_H
#define TETHER_TOOL_CHECK_COMPILEDATABASE_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <memory>

namespace tether {

struct LoadedDatabase {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  /// The directory it was found in, absolute.
  std::string Directory;
};

/// The database in \p BuildDirectory (absolute), or when it is empty in
/// \p WorkingDirectory/build, then \p WorkingDirectory.
llvm::Expected<LoadedDatabase>
loadCompileDatabase(llvm::StringRef BuildDirectory,
                    llvm::StringRef WorkingDirectory);

/// The entries of a compile_commands.json text with every relative
/// "directory" made absolute against \p DatabaseDirectory; an error naming
/// the first problem when the text is not a compile database.
llvm::Expected<std::string>
normalizeCompileCommands(llvm::StringRef Text,
                         llvm::StringRef DatabaseDirectory);

} // namespace tether

#endif
