// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TetherTidyPlugin.cpp - tether ------------------------------------===//
//
// libTetherTidy.so: `clang-tidy-19 --load=/abs/path/libTetherTidy.so`. The
// module registers itself when the library is loaded; clang-tidy's own
// classes and registry are resolved from the clang-tidy executable.
//
//===----------------------------------------------------------------------===//

#include "TetherModuleAnchor.h"
