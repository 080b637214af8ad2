// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TetherClangdMain.cpp - tether ------------------------------------===//
//
// tether-clangd: clangd with the async- checks built in, so that editors
// show their findings and offer their fix-its as quick fixes.
//
//===----------------------------------------------------------------------===//

#include "tether/Version.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

// Debian installs no clangd headers: these are clangd 19's declarations.
namespace clang::clangd {
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

namespace clang::tidy {
extern volatile int TetherModuleAnchorSource;
// The module lives in a static library: referencing its anchor keeps its
// registration from being dropped by the linker.
[[maybe_unused]] static int TetherModuleAnchorDestination =
    TetherModuleAnchorSource;
} // namespace clang::tidy

// clangd 19 runs only the checks it has timed as fast unless the user's
// .clangd relaxes `FastCheckFilter`. The async- checks are measured (see
// bench/lint-overhead) to add under 5% to parsing, so they count as fast
// without any .clangd line; every other check keeps clangd's own verdict.
// The link routes clangd's calls of isFastTidyCheck here (-Wl,--wrap).
#define TETHER_IS_FAST_TIDY_CHECK                                              \
  "_ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE"
std::optional<bool> clangdIsFastTidyCheck(llvm::StringRef Check) asm(
    "__real_" TETHER_IS_FAST_TIDY_CHECK);
std::optional<bool> tetherIsFastTidyCheck(llvm::StringRef Check) asm(
    "__wrap_" TETHER_IS_FAST_TIDY_CHECK);

std::optional<bool> tetherIsFastTidyCheck(llvm::StringRef Check) {
  if (Check.starts_with("async-"))
    return true;
  return clangdIsFastTidyCheck(Check);
}

// clangd's versionString() is what --version prints and what the LSP
// `initialize` reply gives as serverInfo.version: it names tether first.
#define TETHER_VERSION_STRING_SYMBOL "_ZN5clang6clangd13versionStringB5cxx11Ev"
std::string clangdVersionString() asm("__real_" TETHER_VERSION_STRING_SYMBOL);
std::string tetherVersionString() asm("__wrap_" TETHER_VERSION_STRING_SYMBOL);

std::string tetherVersionString() {
  return "tether-clangd version " TETHER_VERSION_STRING ", " +
         clangdVersionString();
}

int main(int argc, char *argv[]) {
  return clang::clangd::clangdMain(argc, argv);
}
