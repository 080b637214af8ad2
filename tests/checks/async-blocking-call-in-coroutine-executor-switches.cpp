// After a co_await that moves the coroutine to another executor (option
// ExecutorSwitches), the coroutine runs where blocking is what the
// executor is for: blocking calls after it are not findings.
// RUN: %check_tidy %s async-blocking-call-in-coroutine %t -- -- -I %S/Inputs %asio_flags
// RUN: %check_tidy -check-suffixes=,NOSWITCHES %s async-blocking-call-in-coroutine %t -- \
// RUN:   -config="{CheckOptions: {async-blocking-call-in-coroutine.ExecutorSwitches: ''}}" \
// RUN:   -- -I %S/Inputs %asio_flags

#include "executor_switches.h"
#include <asio.hpp>
#include <fstream>
#include <unistd.h>

// concurrencpp's example 4: "we're running on the background executor now.
// we can safely block."
concurrencpp::result<>
replace(std::shared_ptr<concurrencpp::thread_executor> Background,
        std::shared_ptr<concurrencpp::thread_pool_executor> Pool) {
  std::ifstream Early("config");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::basic_ifstream' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
  co_await concurrencpp::resume_on(Background);
  std::ifstream Input("file");
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:17: warning: 'std::basic_ifstream' blocks the thread
  co_await concurrencpp::resume_on(Pool);
  std::ofstream Output("file");
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:17: warning: 'std::basic_ofstream' blocks the thread
}

// A switch that is not awaited switches nothing: after it the coroutine is
// where it was, and not where its author meant it to be (concurrencpp's
// example 4 drops the switch back to the background executor).
concurrencpp::result<>
dropped(std::shared_ptr<concurrencpp::thread_executor> Background) {
  concurrencpp::resume_on(Background);
  std::ofstream Output("file");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::basic_ofstream' blocks the thread
  co_return;
}

concurrencpp::result<>
droppedSwitchBack(std::shared_ptr<concurrencpp::thread_executor> Background,
                  std::shared_ptr<concurrencpp::thread_pool_executor> Pool) {
  co_await concurrencpp::resume_on(Background);
  std::ifstream Input("file");
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:17: warning: 'std::basic_ifstream' blocks the thread
  concurrencpp::resume_on(Pool);
  std::ofstream Output("file");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::basic_ofstream' blocks the thread
}

// A template coroutine whose promise type depends on the template.
template <typename T>
concurrencpp::result<T>
onBackground(std::shared_ptr<concurrencpp::thread_executor> Background) {
  co_await concurrencpp::resume_on(Background);
  sleep(1);
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
  concurrencpp::resume_on(Background);
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
}
template concurrencpp::result<int>
onBackground<int>(std::shared_ptr<concurrencpp::thread_executor>);

// A coroutine that takes an executor tag starts on the executor it is given
// (concurrencpp's executor::submit_bridge, its tests' coroutines).
concurrencpp::result<>
onExecutor(concurrencpp::executor_tag,
           std::shared_ptr<concurrencpp::thread_executor>) {
  sleep(1);
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
  co_return;
}

// libcoro and cppcoro: schedule() on a thread pool.
coro::task<> libcoroTask(coro::thread_pool &Pool) {
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
  co_await Pool.schedule();
  sleep(1);
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
}

cppcoro::task<> cppcoroTask(cppcoro::static_thread_pool &Pool,
                            cppcoro::task<> Work) {
  co_await cppcoro::schedule_on(Pool, Work);
  sleep(1);
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
}

cppcoro::task<> cppcoroPool(cppcoro::static_thread_pool &Pool) {
  co_await Pool.schedule();
  sleep(1);
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
}

// Asio: posting to a thread pool moves the coroutine there; posting to the
// io_context it runs on only yields.
asio::awaitable<void> asioPool(asio::thread_pool &Pool) {
  co_await asio::post(Pool, asio::use_awaitable);
  sleep(1);
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
}

asio::awaitable<void> asioPoolExecutor(asio::thread_pool &Pool) {
  co_await asio::dispatch(Pool.get_executor(), asio::use_awaitable);
  sleep(1);
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
}

asio::awaitable<void> asioYield(asio::io_context &Io) {
  co_await asio::post(Io, asio::use_awaitable);
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
}

// A nullary post or dispatch completes on the executor its token is bound to:
// bound to a thread pool, it moves the coroutine there; bound to nothing, it
// brings the coroutine back to its own executor (asio-coro's thread_pool
// example). Posting to an io_context also comes back to an event loop.
asio::awaitable<void> asioBoundToken(asio::thread_pool &Pool) {
  co_await asio::post(asio::bind_executor(Pool, asio::use_awaitable));
  sleep(1);
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
  co_await asio::dispatch(asio::use_awaitable);
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
}

asio::awaitable<void> asioBackToLoop(asio::thread_pool &Pool,
                                     asio::io_context &Io) {
  co_await asio::post(Pool, asio::use_awaitable);
  sleep(1);
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
  co_await asio::post(asio::bind_executor(Io, asio::use_awaitable));
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
  co_await asio::post(asio::bind_executor(Pool, asio::use_awaitable));
  sleep(1);
  // CHECK-MESSAGES-NOSWITCHES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
  co_await asio::defer(Io, asio::use_awaitable);
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread
}
