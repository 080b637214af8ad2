// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- CompileHints.h - tether check --------------------------*- C++ -*-===//
//
// The remedy for a translation unit that does not compile for a reason
// known to come from linting with clang what was built with another
// compiler: older Asio releases (standalone 1.22, Boost 1.74) do not see
// clang's coroutine support, and every awaitable then fails in a cascade of
// errors that does not name the cause.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_COMPILEHINTS_H
#define TETHER_TOOL_CHECK_COMPILEHINTS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace tether {

/// One line that names the remedy for \p FirstError, the first error of a
/// translation unit; empty when its cause is not one of the known ones.
std::string compileHint(llvm::StringRef FirstError);

} // namespace tether

#endif // TETHER_TOOL_CHECK_COMPILEHINTS_H
