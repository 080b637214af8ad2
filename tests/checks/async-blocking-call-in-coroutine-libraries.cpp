// Coroutines of other libraries (custom task types, cppcoro, folly) get the
// warning and advice, no rewrite into a runtime they cannot await.
// RUN: %check_tidy -check-suffixes=,NOTE -fix-notes %s async-blocking-call-in-coroutine %t -- -- -I %S/Inputs

#include "coro_lib.h"
#include <chrono>
#include <future>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

std::mutex Mutex;

lib::lazy_task lazyWork(std::future<int> &Future) {
  std::this_thread::sleep_for(1ms);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: suspend on a timer instead, such as 'co_await tether::sleep_for(...)'
  Future.wait();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::future::wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
  co_return;
}

lib::eager_task eagerWork(lib::lazy_task Next) {
  std::lock_guard Guard(Mutex);
// CHECK-NOTES: :[[@LINE-1]]:19: warning: mutex 'Mutex' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE+1]]:3: note: the coroutine suspends here with 'Mutex' locked
  co_await std::move(Next);
}

template <typename T> lib::lazy_task generic(T Value) {
  std::this_thread::sleep_for(Value);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: suspend on a timer instead, such as 'co_await tether::sleep_for(...)'
  co_return;
}

void instantiate() { generic(1ms); }
