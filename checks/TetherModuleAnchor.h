// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TetherModuleAnchor.h - tether ------------------------------------===//
//
// The async- checks live in a static library whose registration nothing
// calls: an executable or plugin that links them includes this header once,
// and its reference to the anchor keeps the registration from being dropped.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_TETHERMODULEANCHOR_H
#define TETHER_CHECKS_TETHERMODULEANCHOR_H

namespace clang::tidy {
extern volatile int TetherModuleAnchorSource;
[[maybe_unused]] static int TetherModuleAnchorDestination =
    TetherModuleAnchorSource;
} // namespace clang::tidy

#endif // TETHER_CHECKS_TETHERMODULEANCHOR_H
