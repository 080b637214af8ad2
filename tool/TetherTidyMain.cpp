// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TetherTidyMain.cpp - tether --------------------------------------===//
//
// tether-tidy: clang-tidy with the async- checks built in. Every clang-tidy
// flag and every built-in check works as in clang-tidy-19.
//
//===----------------------------------------------------------------------===//

#include "TetherModuleAnchor.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "tether/Version.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, const char **argv) {
  // --version: tether's version after the LLVM it is built on.
  llvm::cl::AddExtraVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "tether-tidy version " TETHER_VERSION_STRING "\n";
  });
  return clang::tidy::clangTidyMain(argc, argv);
}
