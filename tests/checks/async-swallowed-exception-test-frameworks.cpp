// The assertion macros of test frameworks wrap what they check in a `try`
// whose handler records the exception as a failed assertion, inside a
// `do { } while (false)`: a handler expanded from a macro defined outside
// the main file is the framework's code, and `do { } while (false)` runs
// once, it is no loop.
// RUN: %check_tidy %s async-swallowed-exception %t -- -- -I %S/Inputs

#include "cancellation_libs.h"
#include "test_frameworks.h"

void log(const char *);
cppcoro::task<> next();
// An awaitable with a value to assert on.
struct answer {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  int await_resume();
};
answer value();

// doctest (cppcoro's tests), Catch2 (libcoro's), Boost.Test: silent, in
// loops that go on awaiting.
cppcoro::task<> doctestChecks() {
  for (int I = 0; I < 3; ++I) {
    CHECK(co_await value() == I);
    CHECK_THROWS_AS(co_await next(), const cppcoro::operation_cancelled &);
  }
  co_await next();
}

cppcoro::task<> catchChecks() {
  while (true) {
    REQUIRE(co_await value() == 1);
    co_await next();
  }
}

cppcoro::task<> boostChecks() {
  for (;;) {
    BOOST_CHECK_THROW(co_await next(), std::exception);
    BOOST_CHECK_NO_THROW(co_await next());
  }
}

// A macro of the main file is the user's own code: its handler counts.
#define LOGGING(op)                                                            \
  try {                                                                        \
    op;                                                                        \
  } catch (...) {                                                              \
    log("failed");                                                             \
  }

cppcoro::task<> userMacro() {
  for (;;) {
    LOGGING(co_await next())
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler swallows cancellation and the loop goes on: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
  }
}

// `do { } while (false)` written out: straight-line code.
cppcoro::task<> onceLoop() {
  do {
    try {
      co_await next();
    } catch (...) {
      log("failed");
    }
  } while (false);
}

cppcoro::task<> onceLoopThenMore() {
  do {
    try {
      co_await next();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and control goes on to more async work: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
      log("failed");
    }
  } while ((void)0, 0);
  co_await next();
}

// `continue` in a `do { } while (false)` leaves it.
cppcoro::task<> continueLeavesOnceLoop() {
  do {
    try {
      co_await next();
    } catch (...) {
      log("failed");
      continue;
    }
    co_await next();
  } while (false);
}

// A do loop that repeats is a loop.
cppcoro::task<> repeatingDoLoop(bool Again) {
  do {
    try {
      co_await next();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
      log("failed");
    }
  } while (Again);
}
