// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- SyncApis.h - tether ----------------------------------------------===//
//
// The calls that wait for started work: the checks that ask whether
// something waits for a task share these lists, the defaults of their
// options.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_SYNCAPIS_H
#define TETHER_CHECKS_UTILS_SYNCAPIS_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::tether::sync {

/// Members that wait, on the object they are called on, for the work it
/// tracks: a thread, a future, a task handle.
inline constexpr llvm::StringLiteral HandleWaits =
    "join;get;wait;wait_for;wait_until";

/// Members of a task group or an async scope that wait for every task it
/// owns (cppcoro, folly, libunifex, stdexec), beyond a `join`.
inline constexpr llvm::StringLiteral ScopeJoins =
    "complete;cleanup;on_empty;joinAsync";

/// Members that return once the event loop or the pool they are called on
/// has no work left: Asio's io_context::run, a thread pool's join or wait,
/// and libcoro's shutdown of a thread_pool or a scheduler, which completes
/// every task scheduled before it.
inline constexpr llvm::StringLiteral LoopJoins =
    "::(io_context|io_service|thread_pool|system_context|static_thread_pool)"
    "::(run|join|wait)$;"
    "::(thread_pool|scheduler|io_scheduler)::shutdown$";

} // namespace clang::tidy::tether::sync

#endif // TETHER_CHECKS_UTILS_SYNCAPIS_H
