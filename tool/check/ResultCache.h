//===--- ResultCache.h - tether check ---------------------------*- C++ -*-===//
//
// The incremental cache: a translation unit whose compile command,
// configuration and tether build are unchanged, and whose every input file
// still has the text it had when it was linted, is not linted again. As in
// ccache's direct mode the raw text is hashed, so an edit to a comment or a
// NOLINT invalidates the entry, as it must.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_RESULTCACHE_H
#define TETHER_TOOL_CHECK_RESULTCACHE_H

#include "TranslationUnitLint.h"
#include "llvm/ADT/StringMap.h"
#include <mutex>
#include <optional>

namespace tether {

class ResultCache {
public:
  /// \p Stamp identifies the tether build (what its checks do).
  ResultCache(std::string Directory, std::string Stamp);

  /// The key of a translation unit: everything but its input files.
  std::string key(const clang::tooling::CompileCommand &Command,
                  llvm::StringRef Configuration, bool ApplyAnyFix) const;

  /// The stored result when every input is unchanged.
  std::optional<TranslationUnitResult> lookup(llvm::StringRef Key);

  /// Stores a result of a translation unit that compiled; a failure to
  /// write only costs the next run time, so it is not an error.
  void store(llvm::StringRef Key, const TranslationUnitResult &Result);

  /// Creates the directory; the reason when it cannot.
  std::optional<std::string> prepare() const;

private:
  std::optional<uint64_t> contentHash(llvm::StringRef Path);
  std::string entryPath(llvm::StringRef Key) const;

  const std::string Directory;
  const std::string Stamp;
  std::mutex HashesMutex;
  /// Per run: a header included by many translation units is read once.
  llvm::StringMap<std::optional<uint64_t>> Hashes;
};

/// What identifies this tether executable: path, size and time of change.
std::string executableStamp(const char *Argv0, void *MainAddress);

} // namespace tether

#endif
