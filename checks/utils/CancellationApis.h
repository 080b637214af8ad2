// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- CancellationApis.h - tether --------------------------------------===//
//
// How each coroutine library cancels: the exception its coroutines are
// cancelled with, and the awaitables that join an async scope (waiting for
// children already started, the last step of a structured shutdown).
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_CANCELLATIONAPIS_H
#define TETHER_CHECKS_UTILS_CANCELLATIONAPIS_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::tether::cancellation {

/// Asio (and the tether runtime on it) cancels an operation with a
/// system_error carrying operation_aborted: a type every other error of the
/// library shares.
inline constexpr llvm::StringLiteral AsioException = "::std::system_error";
inline constexpr llvm::StringLiteral BoostAsioException =
    "::boost::system::system_error";
/// cppcoro and folly throw a type that means cancellation and nothing else.
inline constexpr llvm::StringLiteral CppcoroException =
    "::cppcoro::operation_cancelled";
inline constexpr llvm::StringLiteral FollyException =
    "::folly::OperationCancelled";

/// Awaiting one of these waits for the children a scope already owns: the
/// `async_scope` of cppcoro, stdexec (declared in
/// `experimental::execution::__scope`) and unifex (in `unifex::_async_scope`).
inline constexpr llvm::StringLiteral ScopeJoinFunctions =
    "async_scope::join;async_scope::on_empty;async_scope::complete;"
    "async_scope::cleanup;::folly::coro::AsyncScope::joinAsync;"
    "::folly::coro::CancellableAsyncScope::joinAsync";

} // namespace clang::tidy::tether::cancellation

#endif // TETHER_CHECKS_UTILS_CANCELLATIONAPIS_H
