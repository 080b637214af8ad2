// Half-written code, the editor's normal state: the check neither crashes nor
// reports nonsense on what does not compile, and still reports what does.
// RUN: %not %tidy %s --checks='-*,async-blocking-call-in-coroutine' -- -std=c++20 -I %S/Inputs 2>&1 | %filecheck %s

#include "coro_lib.h"
#include <chrono>
#include <mutex>
#include <thread>

std::mutex Mutex;
int helper(int);

lib::lazy_task broken() {
  std::this_thread::sleep_for();
  undeclared_blocking_call();
  helper();
  std::lock_guard Guard(Mutex, 1, 2);
  std::this_thread::sleep_for(std::chrono::seconds(1)).;
  co_await;
  co_return;
}

lib::lazy_task stillChecked() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return;
}

// CHECK-NOT: warning: {{.*}}[async-blocking-call-in-coroutine]
// CHECK: :[[@LINE-5]]:3: warning: 'std::this_thread::sleep_for' blocks the thread
// CHECK-NOT: warning: {{.*}}[async-blocking-call-in-coroutine]
