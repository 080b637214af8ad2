// Which exception carries a cancellation depends on the coroutine's library:
// Asio's is a system_error, cppcoro's an operation_cancelled, folly's an
// OperationCancelled. A handler sees the cancellation only if it catches
// that type or a base of it.
// RUN: %check_tidy %s async-swallowed-exception %t -- -- -I %S/Inputs
// RUN: %check_tidy -check-suffixes=,NOTYPES %s async-swallowed-exception %t -- \
// RUN:   -config="{CheckOptions: {async-swallowed-exception.FireAndForgetTypes: ''}}" \
// RUN:   -- -I %S/Inputs

#include "cancellation_libs.h"
#include <stdexcept>
#include <system_error>

void log(const char *);
cppcoro::task<> next();
cppcoro::task<> accept(cppcoro::cancellation_token);
cppcoro::task<> handleConnection();
folly::coro::Task<> step();

// A system_error in a cppcoro task is an I/O error, not a cancellation.
cppcoro::task<> cppcoroSystemError() {
  for (;;) {
    try {
      co_await next();
    } catch (const std::system_error &E) {
      log(E.what());
    }
  }
}

// std::exception is a base of operation_cancelled: it sees the cancellation.
cppcoro::task<> cppcoroException() {
  for (;;) {
    try {
      co_await next();
    } catch (const std::exception &E) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
      log(E.what());
    }
  }
}

// folly's OperationCancelled is no runtime_error.
folly::coro::Task<> follyRuntimeError() {
  for (;;) {
    try {
      co_await step();
    } catch (const std::runtime_error &E) {
      log(E.what());
    }
  }
}

// cppcoro's socket tests: the accept loop ends on cancellation, then the
// scope joins the connections it owns. A structured shutdown.
cppcoro::task<> echoServer(cppcoro::cancellation_token Token) {
  cppcoro::async_scope ConnectionScope;
  std::exception_ptr Error;
  try {
    while (true) {
      co_await accept(Token);
      ConnectionScope.spawn(handleConnection());
    }
  } catch (const cppcoro::operation_cancelled &) {
  } catch (...) {
    Error = std::current_exception();
  }
  co_await ConnectionScope.join();
  if (Error)
    std::rethrow_exception(Error);
}

// Work after the join is more than a shutdown.
cppcoro::task<> joinThenMore(cppcoro::cancellation_token Token) {
  cppcoro::async_scope Scope;
  try {
    co_await accept(Token);
  } catch (const cppcoro::operation_cancelled &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler swallows cancellation and control goes on to more async work: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
  }
  co_await Scope.join();
  co_await next();
}

// Catching the dedicated cancellation type in a loop that goes on.
cppcoro::task<> cancelledLoop() {
  for (;;) {
    try {
      co_await next();
    } catch (const cppcoro::operation_cancelled &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on
    }
  }
}

// Empty handlers: catching exactly the dedicated cancellation type and
// ending is how the coroutine stops; anything broader swallows errors.
cppcoro::task<> endsOnCancellation() {
  try {
    co_await next();
  } catch (const cppcoro::operation_cancelled &) {
  }
}

cppcoro::task<> swallowsEverything() {
  try {
    co_await next();
  } catch (const std::exception &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: empty handler swallows the exception in a coroutine; handle it, rethrow it or store it [async-swallowed-exception]
  }
}

// folly's OperationCancelled means cancellation too.
folly::coro::Task<> follyEndsOnCancellation() {
  try {
    co_await step();
  } catch (const folly::OperationCancelled &) {
  }
}

// concurrencpp's null_result is made to be started and dropped: its promise
// ignores what escapes by contract (option FireAndForgetTypes).
namespace concurrencpp {
struct null_result {};
struct null_result_promise {
  null_result get_return_object() const noexcept { return {}; }
  std::suspend_never initial_suspend() const noexcept { return {}; }
  std::suspend_never final_suspend() const noexcept { return {}; }
  void return_void() const noexcept {}
  void unhandled_exception() const noexcept {}
  // CHECK-MESSAGES-NOTYPES: :[[@LINE-1]]:8: warning: empty 'unhandled_exception()' swallows every exception that escapes the coroutine
};
} // namespace concurrencpp
template <typename... Args>
struct std::coroutine_traits<concurrencpp::null_result, Args...> {
  using promise_type = concurrencpp::null_result_promise;
};
concurrencpp::null_result fireAndForget() { co_return; }
