// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- ResultCache.h - tether check ---------------------------*- C++ -*-===//
//
// The incremental cache: a translation unit whose compile command,
// configuration, lookup environment and tether build are unchanged, and
// whose every input file still has the text the compiler read when it was
// linted, is not linted again. As in ccache's direct mode the raw text is
// hashed, so an edit to a comment or a NOLINT invalidates the entry, as it
// must. Entries are pruned by age and total size.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_RESULTCACHE_H
#define TETHER_TOOL_CHECK_RESULTCACHE_H

#include "TranslationUnitLint.h"
#include "llvm/ADT/StringMap.h"
#include <chrono>
#include <mutex>
#include <optional>

namespace tether {

class ResultCache {
public:
  /// \p ToolIdentity identifies the tether build (what its checks do).
  ResultCache(std::string Directory, std::string ToolIdentity);

  /// The key of a translation unit: everything but its input files.
  std::string key(const clang::tooling::CompileCommand &Command,
                  llvm::StringRef Configuration, bool FixNotes) const;

  /// The stored result when every input is unchanged.
  std::optional<TranslationUnitResult> lookup(llvm::StringRef Key);

  /// Stores a result of a translation unit that compiled; why not, when it
  /// could not be written (the run goes on: it only costs the next one
  /// time).
  std::optional<std::string> store(llvm::StringRef Key,
                                   const TranslationUnitResult &Result);

  /// Creates the directory; the reason when it cannot.
  std::optional<std::string> prepare() const;

  /// Removes entries unused for \p MaxAge, then the least recently used
  /// beyond \p MaxBytes in all; returns how many were removed.
  unsigned prune(std::chrono::hours MaxAge, uint64_t MaxBytes);

private:
  std::optional<uint64_t> currentHash(llvm::StringRef Path);
  std::string entryPath(llvm::StringRef Key) const;

  const std::string Directory;
  const std::string ToolIdentity;
  std::mutex HashesMutex;
  /// Per run: a header included by many translation units is read once.
  llvm::StringMap<std::optional<uint64_t>> Hashes;
};

/// What identifies this tether build: its version, clang's, and a hash of
/// the executable.
std::string toolIdentity(const char *Argv0, void *MainAddress);

} // namespace tether

#endif
