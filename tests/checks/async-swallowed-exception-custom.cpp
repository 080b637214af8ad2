// Lists extended by the user: their own task type cancels by exception,
// their cancellation type, their wait function, their callback API.
// RUN: %check_tidy -fix-notes %s async-swallowed-exception %t -- \
// RUN:   -config="{CheckOptions: {async-swallowed-exception.CancellationAwareTaskTypes: '::mylib::job', \
// RUN:     async-swallowed-exception.CancellationCatchingTypes: '::mylib::stopped', \
// RUN:     async-swallowed-exception.TaskResultFunctions: '::mylib::wait', \
// RUN:     async-swallowed-exception.CompletionHandlerFunctions: 'then'}}" -- -I %S/Inputs

#include "cancellation_libs.h"

namespace mylib {
struct stopped {};
struct job { TETHER_TEST_TASK_BODY(job) };
void wait(job);
template <typename F> void then(job, F) {}
} // namespace mylib

void log(const char *);
mylib::job step();

mylib::job loop() {
  for (;;) {
    try {
      co_await step();
    } catch (const mylib::stopped &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and control goes on to more async work: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
      log("stopped");
    }
    // std::exception is no longer a cancellation-catching type.
    try {
      co_await step();
    } catch (const std::exception &) {
      log("failed");
    }
  }
}

void waits(mylib::job Job) {
  try {
    mylib::wait(Job);
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: empty handler swallows the exception of a task's result
    // CHECK-FIXES: {{^}}    throw;{{$}}
  }
  mylib::then(Job, [](std::exception_ptr) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: completion handler ignores the 'std::exception_ptr' it receives from 'then'
}
