// A call made inside a lambda handed to an expected-exception assertion
// (option ExpectedThrowFunctions; concurrencpp's tests:
// `assert_throws<std::invalid_argument>([] { when_all(nullptr); })`) tests
// that the call throws: its task is never meant to exist.
// RUN: %check_tidy %s async-fire-and-forget %t -- -- -I %S/Inputs
// RUN: %check_tidy -check-suffixes=,NONE %s async-fire-and-forget %t -- \
// RUN:   -config="{CheckOptions: {async-fire-and-forget.ExpectedThrowFunctions: ''}}" \
// RUN:   -- -I %S/Inputs

#include "coro_lib.h"
#include <stdexcept>

lib::lazy_task whenAll(int *Results);
lib::eager_task makeDelay(int Executor);

namespace tests {
template <typename Error, typename F> void assert_throws(F &&Fn) {
  try {
    Fn();
  } catch (const Error &) {
    return;
  }
  throw std::logic_error("no exception");
}
template <typename Error, typename F>
void assert_throws_with_error_message(F &&Fn, const char *) {
  assert_throws<Error>(Fn);
}
template <typename F> void run(F &&Fn) { Fn(); }
} // namespace tests

void preconditions() {
  tests::assert_throws<std::invalid_argument>([] { whenAll(nullptr); });
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:52: warning: task returned by 'whenAll' is discarded and never started
  tests::assert_throws_with_error_message<std::invalid_argument>(
      [] { makeDelay(0); }, "executor is null");
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:12: warning: task returned by 'makeDelay' is discarded and runs unowned
  // Any other function that runs the lambda: the task is dropped there.
  tests::run([] { whenAll(nullptr); });
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: task returned by 'whenAll' is discarded and never started
}

template <typename T> void typedPreconditions() {
  tests::assert_throws<std::invalid_argument>([] { makeDelay(sizeof(T)); });
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:52: warning: task returned by 'makeDelay' is discarded and runs unowned
}
template void typedPreconditions<int>();
