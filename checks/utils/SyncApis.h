// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- SyncApis.h - tether ----------------------------------------------===//
//
// The calls that wait for started work, and the synchronisation objects a
// task signals when it is done: the checks that ask whether something waits
// for a task share these lists, the defaults of their options.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_SYNCAPIS_H
#define TETHER_CHECKS_UTILS_SYNCAPIS_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::tether::sync {

/// Members that wait, on the object they are called on, for the work it
/// tracks: a thread, a future, a task handle. YACLib spells them
/// capitalised (`std::move(f).Get()`, `wg.Wait()`).
inline constexpr llvm::StringLiteral HandleWaits =
    "join;get;wait;wait_for;wait_until;Join;Get;Wait";

/// Calls in a task type's destructor that wait for its work to end
/// (std::jthread's join; not `get`, which a destructor calls on its
/// pointers).
inline constexpr llvm::StringLiteral DestructorJoins = "join;wait;Join;Wait";

/// Free functions that wait for the futures they are given: YACLib's
/// `Wait(f...)`, `WaitFor(d, f...)`, `WaitUntil(t, f...)`.
inline constexpr llvm::StringLiteral FreeFunctionWaits =
    "::yaclib::Wait;::yaclib::WaitFor;::yaclib::WaitUntil";

/// Members of a task group or an async scope that wait for every task it
/// owns (cppcoro, folly, libunifex, stdexec), beyond a `join`.
inline constexpr llvm::StringLiteral ScopeJoins =
    "complete;cleanup;on_empty;joinAsync";

/// Members that wait until a synchronisation object is signalled, beyond
/// the waits of a handle: a semaphore's acquire, a latch's or a barrier's
/// arrive_and_wait, a channel's receive (it waits for a send).
inline constexpr llvm::StringLiteral SyncWaits =
    "acquire;arrive_and_wait;async_receive;receive";

/// Calls that put the calling thread to sleep for a while.
inline constexpr llvm::StringLiteral Sleeps =
    "::std::this_thread::sleep_for;::std::this_thread::sleep_until;"
    "::sleep;::usleep;::nanosleep;::clock_nanosleep";

/// Members that return once the event loop or the pool they are called on
/// has no work left: Asio's io_context::run, a thread pool's join, wait or
/// wait_stop (kelcoro's, which joins its workers after a request_stop),
/// asio-grpc's GrpcContext::run, libcoro's shutdown of a thread_pool or
/// a scheduler, which completes every task scheduled before it, and
/// YACLib's ManualExecutor::Drain (runs jobs until none is left) and
/// FairThreadPool::Wait (returns once its threads have stopped).
inline constexpr llvm::StringLiteral LoopJoins =
    "::(io_context|io_service|thread_pool|system_context|static_thread_pool)"
    "::(run|join|wait|wait_stop)$;"
    "::agrpc::GrpcContext::run;"
    "::(thread_pool|scheduler|io_scheduler)::shutdown$;"
    "::yaclib::ManualExecutor::Drain;::yaclib::FairThreadPool::Wait";

/// Objects that one thread or task signals and another waits for: latches,
/// barriers, semaphores, promises and futures, condition variables, atomics
/// (a counter spun on), channels (a send that a receive waits for), of the
/// standard library, Asio and the coroutine libraries. A class derived from
/// one is one too.
inline constexpr llvm::StringLiteral SyncTypes =
    "::std::latch;::std::barrier;::std::counting_semaphore;::std::promise;"
    "::std::future;::std::shared_future;::std::condition_variable;"
    "::std::condition_variable_any;::std::atomic;::std::atomic_flag;"
    "::std::atomic_ref;::async_simple::coro::Latch;"
    "::async_simple::coro::CountingSemaphore;"
    "::async_simple::coro::ConditionVariable;::async_simple::Promise;"
    "::async_simple::Future;::coro::latch;::coro::event;"
    "::cppcoro::async_latch;::cppcoro::single_consumer_event;"
    "::folly::Baton;::folly::coro::Baton;::asio::experimental::basic_channel;"
    "::asio::experimental::basic_concurrent_channel;"
    "::boost::asio::experimental::basic_channel;"
    "::boost::asio::experimental::basic_concurrent_channel;::tether::channel";

/// Members that signal a synchronisation object. Increments, decrements and
/// assignments of one signal it too.
inline constexpr llvm::StringLiteral SignalFunctions =
    "count_down;arrive;arrive_and_drop;arrive_and_wait;set_value;"
    "set_exception;set_value_at_thread_exit;set_exception_at_thread_exit;"
    "setValue;setException;notify_one;notify_all;notify;notifyOne;notifyAll;"
    "release;fetch_add;fetch_sub;fetch_and;fetch_or;fetch_xor;store;"
    "exchange;compare_exchange_weak;compare_exchange_strong;test_and_set;set;"
    "post;send;try_send;try_send_n;async_send";

} // namespace clang::tidy::tether::sync

#endif // TETHER_CHECKS_UTILS_SYNCAPIS_H
