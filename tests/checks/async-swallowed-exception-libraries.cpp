// RUN: %check_tidy -check-suffixes=,DEFAULT -fix-notes %s async-swallowed-exception %t -- -- -I %S/Inputs
// RUN: %check_tidy -check-suffixes=,ALL -fix-notes %s async-swallowed-exception %t -- \
// RUN:   -config="{CheckOptions: {async-swallowed-exception.OnlyInCoroutines: false, \
// RUN:     async-swallowed-exception.IgnoreCatchWithKeywords: 'intentional'}}" -- -I %S/Inputs

#include "cancellation_libs.h"

void log(const char *);
folly::coro::Task<> step();
cppcoro::task<> next();
plain::job work();

// folly and cppcoro cancel by throwing: a broad handler that carries on is
// flagged; the rethrow fix-it needs tether, so there is none.
folly::coro::Task<> follyLoop() {
  for (;;) {
    try {
      co_await step();
    } catch (const folly::OperationCancelled &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
      log("cancelled");
    }
  }
}

folly::coro::Task<> follyRethrows() {
  for (;;) {
    try {
      co_await step();
    } catch (const folly::OperationCancelled &) {
      throw;
    } catch (const std::exception &E) {
      log(E.what());
    }
  }
}

cppcoro::task<> cppcoroLoop() {
  while (true) {
    try {
      co_await next();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on
      log("failed");
    }
  }
}

// A library that does not cancel by exception: only emptiness counts.
plain::job plainLoop() {
  for (;;) {
    try {
      co_await work();
    } catch (...) {
      log("failed");
    }
    try {
      co_await work();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: empty handler swallows the exception in a coroutine; handle it, rethrow it or store it
      // CHECK-FIXES: {{^}}      throw;{{$}}
    }
  }
}

// Outside coroutines: around a task's result by default, anywhere with
// OnlyInCoroutines off.
void waits(cppcoro::task<> Task, folly::coro::Task<> Other, stdexec::sender S) {
  try {
    cppcoro::sync_wait(Task);
  } catch (...) {
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: empty handler swallows the exception of a task's result
    // CHECK-FIXES-DEFAULT: {{^}}    throw;{{$}}
    // With OnlyInCoroutines off, a cancellation swallowed before more waits:
    // CHECK-MESSAGES-ALL: :[[@LINE-4]]:5: warning: handler swallows cancellation and control goes on to more async work: the code keeps running after it was cancelled; rethrow cancellations
  }
  try {
    folly::coro::blockingWait(std::move(Other));
  } catch (const folly::OperationCancelled &) {}
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: empty handler swallows the exception of a task's result
  // CHECK-FIXES-DEFAULT: {{^}}  } catch (const folly::OperationCancelled &) { throw; }{{$}}
  // CHECK-MESSAGES-ALL: :[[@LINE-3]]:5: warning: handler swallows cancellation and control goes on to more async work
  try {
    stdexec::sync_wait(S);
  } catch (const std::exception &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: empty handler swallows the exception of a task's result
    // CHECK-FIXES: {{^}}    throw;{{$}}
  }
  try {
    log("no task here");
  } catch (...) {
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:5: warning: empty handler swallows the exception; handle it, rethrow it or store it
    // CHECK-FIXES-ALL: {{^}}    throw;{{$}}
  }
  try {
    log("no task here");
  } catch (...) {
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:5: warning: empty handler swallows the exception; handle it
    // CHECK-FIXES-ALL: {{^}}    throw;{{$}}
    // @TODO: only the default keywords know this one
  }
  try {
    log("no task here");
  } catch (...) {
    // intentional: best effort
  }
}

// A callback loop that re-arms an operation after swallowing everything.
struct Reactor {
  bool running();
  void async_poll();
};
void pollLoop(Reactor &R) {
  while (R.running()) {
    try {
      R.async_poll();
    } catch (...) {
      // CHECK-MESSAGES-ALL: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on: the code keeps running after it was cancelled; rethrow cancellations
      log("poll");
    }
  }
}

// Error adaptors of P2300 senders: one that does nothing drops the error;
// one that does something, and let_error's replacement sender, recover
// from it, as a handler returning a fallback does (stdexec's own tests
// recover so).
void senders(stdexec::sender S) {
  stdexec::upon_error(S, [](std::exception_ptr) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: completion handler ignores the 'std::exception_ptr' it receives from 'upon_error': the exception is lost; rethrow it or handle it
  stdexec::upon_error(S, [](std::exception_ptr E) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: completion handler ignores the 'std::exception_ptr' it receives from 'upon_error'
  // CHECK-FIXES: {{^}}  stdexec::upon_error(S, [](std::exception_ptr E) { if (E) std::rethrow_exception(E); });{{$}}
  stdexec::upon_error(S, [](std::exception_ptr) { log("error"); });
  stdexec::let_error(S, [](std::exception_ptr E) {
    log("error");
    return stdexec::sender{};
  });
  stdexec::let_error(S, [](std::exception_ptr) { return stdexec::sender{}; });
  stdexec::let_error(S, [](std::exception_ptr E) {
    log("error");
    std::rethrow_exception(E);
    return stdexec::sender{};
  });
}

// Promises that drop what escapes the coroutine.
struct quiet_task {
  struct promise_type {
    quiet_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: empty 'unhandled_exception()' swallows every exception that escapes the coroutine: its awaiter never sees it; rethrow it or store it [async-swallowed-exception]
    // CHECK-FIXES: {{^}}    void unhandled_exception() { throw; }{{$}}
  };
};
quiet_task useQuiet() { co_return; }

template <typename T> struct generic_task {
  struct promise_type {
    generic_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {
      // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: empty 'unhandled_exception()' swallows every exception
      // CHECK-FIXES: {{^}}      throw;{{$}}
      // errors are not our business
    }
  };
};
generic_task<int> useGeneric() { co_return; }

// A noexcept unhandled_exception() cannot rethrow: std::terminate would run.
struct noexcept_task {
  struct promise_type {
    noexcept_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() noexcept {}
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: empty 'unhandled_exception()' swallows every exception that escapes the coroutine
  };
};
noexcept_task useNoexcept() { co_return; }

// A promise of this file that no coroutine uses is no coroutine's: nothing
// can escape into it (stdexec's concept tests only name it in a
// static_assert).
struct unused_task {
  struct promise_type {
    unused_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
static_assert(sizeof(unused_task::promise_type) > 0);

struct stored_task {
  struct promise_type {
    std::exception_ptr Error;
    stored_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { Error = std::current_exception(); }
  };
};

// Not a promise: no get_return_object, not named promise_type.
struct listener {
  void unhandled_exception() {}
};
