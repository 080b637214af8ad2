// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- SpawnApis.h - tether ---------------------------------------------===//
//
// The functions of other libraries that start work: the checks that ask
// who owns started work and how much of it runs at once share these lists.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_SPAWNAPIS_H
#define TETHER_CHECKS_UTILS_SPAWNAPIS_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::tether::spawn {

/// Starts that hand back nothing that owns the work (or a future that is
/// easily dropped): stdexec's start_detached (now `exec::start_detached`,
/// which is `experimental::execution`) and folly's Task::start.
inline constexpr llvm::StringLiteral DetachedStartFunctions =
    "::stdexec::start_detached;::std::execution::start_detached;"
    "::experimental::execution::start_detached;::exec::start_detached;"
    "::folly::coro::Task::start;::folly::coro::TaskWithExecutor::start;"
    "::coro::scheduler::spawn_detached;::coro::thread_pool::spawn_detached";

/// Members that start the work of the object they are called on and hand
/// back nothing to wait for it with: TooManyCooks' `spawn(t).detach()`,
/// `spawn_many(ts).detach()`, `spawn_func(f).detach()`,
/// `spawn_tuple(ts...).detach()`. A list of their own:
/// async-dangling-reference, which reads DetachedStartFunctions, does not take
/// them.
inline constexpr llvm::StringLiteral DetachMembers =
    "::tmc::aw_spawn::detach;::tmc::aw_spawn_many::detach;"
    "::tmc::aw_spawn_func::detach;::tmc::aw_spawn_tuple::detach";

/// Spawns into a group that owns the work until the code awaits the group:
/// TooManyCooks' `fg.fork(t)` on a `tmc::fork_group()`, joined by
/// `co_await std::move(fg)`. A list of their own: async-dangling-reference,
/// which reads ScopeSpawnFunctions, does not take them.
inline constexpr llvm::StringLiteral GroupForkFunctions =
    "::tmc::aw_fork_group::fork";

/// Starts that run a task detached and call a completion callback when it
/// is done (async_simple's `lazy().via(ex).start(cb)`, `.detach()`,
/// `lazy().directlyStart(cb, ex)`): the code that starts the task waits for
/// it, if at all, through what the callback or the task signals.
inline constexpr llvm::StringLiteral CallbackStartFunctions =
    "::async_simple::coro::detail::LazyBase::start;"
    "::async_simple::coro::RescheduleLazy::detach;"
    "::async_simple::coro::Lazy::directlyStart";

/// Spawns onto an async scope or nursery that owns the work: folly,
/// corral, and any `async_scope` (cppcoro's; stdexec's, declared in
/// `experimental::execution::__scope`; unifex's, in
/// `unifex::_async_scope`), and the P3149 free functions.
inline constexpr llvm::StringLiteral ScopeSpawnFunctions =
    "::folly::coro::AsyncScope::add;::folly::coro::CancellableAsyncScope::add;"
    "::corral::BasicNursery::start;"
    "async_scope::spawn;async_scope::spawn_future;async_scope::spawn_on;"
    "async_scope::spawn_call_on;async_scope::detached_spawn;"
    "async_scope::detached_spawn_on;async_scope::detached_spawn_call_on;"
    "::stdexec::spawn;::std::execution::spawn;::std::execution::spawn_future";

/// Coroutine types made to be started and dropped: their promise ignores
/// what the coroutine returns and throws (concurrencpp's null_result),
/// rethrows it out of the executor's run() (Boost.Cobalt's detached) or to
/// whoever resumes the coroutine (DPP's job, "to send off a coroutine to
/// execute on its own", which its event router starts per event), or
/// ends the program on it (kelcoro's job, drogon's AsyncTask, asyncpp's
/// fire_and_forget_task and launch_task, corolib's oneway_task, "which cannot
/// be co_awaited for", which have no result). asyncpp's template is lazy or
/// eager: a lazy one dropped still never runs.
inline constexpr llvm::StringLiteral FireAndForgetTypes =
    "::concurrencpp::null_result;::boost::cobalt::detached;::dd::job;"
    "::dpp::job;::drogon::AsyncTask;::asyncpp::detail::fire_and_forget_task_"
    "impl;"
    "::asyncpp::detail::launch_task;::corolib::oneway_task";

/// Operations made to be started with a detached token: they run until they
/// are cancelled and complete with no error to lose (Boost.MySQL's
/// `connection_pool::async_run` always completes with success; its
/// connections' tasks are joined by the pool; Boost.MQTT5's
/// `mqtt_client::async_run` completes only with `operation_aborted`).
inline constexpr llvm::StringLiteral DetachedOperations =
    "::boost::mysql::connection_pool::async_run;"
    "::boost::mysql::detail::basic_connection_node::async_run;"
    "::boost::mqtt5::mqtt_client::async_run;"
    "::async_mqtt5::mqtt_client::async_run";

/// Asio's calls that run a callable later on an executor: a switch of
/// executor when awaited, and how a task hands a completion handler its
/// result on the handler's own executor.
inline constexpr llvm::StringLiteral PostFunctions =
    "::asio::post;::asio::dispatch;::asio::defer;"
    "::boost::asio::post;::boost::asio::dispatch;::boost::asio::defer";

} // namespace clang::tidy::tether::spawn

#endif // TETHER_CHECKS_UTILS_SPAWNAPIS_H
