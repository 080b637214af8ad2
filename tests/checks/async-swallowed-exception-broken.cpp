// Half-written code, the editor's normal state: the check neither crashes nor
// reports nonsense on what does not compile, and still reports what does.
// RUN: %not %tidy %s --checks='-*,async-swallowed-exception' -- -std=c++20 -I %S/Inputs 2>&1 | %filecheck %s

#include "cancellation_libs.h"

void log(const char *);
cppcoro::task<> next();

cppcoro::task<> broken() {
  for (;;) {
    try {
      co_await undeclared();
    } catch (const undeclared_error &E) {
      log(E.what());
    }
    try {
      co_await next();
    } catch (const std::exception &E) {
      log(E.missing());
      throw
    }
    try {
      co_await next();
    } catch (const std::exception &E) {
      E.;
    }
  }
}

void handlers(stdexec::sender S) {
  stdexec::upon_error(S, [](std::exception_ptr E) { E.; });
  stdexec::upon_error(S, [](undeclared_ptr) {});
  stdexec::upon_error(S, undeclared_handler);
}

struct half_promise {
  struct promise_type {
    void unhandled_exception() { missing(); }
  };
};
struct typing_promise {
  struct promise_type {
    typing_promise get_return_object();
    void unhandled_exception() { std::; }
  };
};

cppcoro::task<> stillChecked() {
  for (;;) {
    try {
      co_await next();
    } catch (...) {
      log("x");
    }
  }
}

// CHECK-NOT: warning: {{.*}}[async-swallowed-exception]
// CHECK: :[[@LINE-7]]:7: warning: handler swallows cancellation and the loop goes on
// CHECK-NOT: warning: {{.*}}[async-swallowed-exception]
