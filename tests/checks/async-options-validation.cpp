// Options out of their range, empty, or unknown (under an async- check's
// name or any other): each reported as a configuration warning naming the
// option (and the nearest known name), the default used, the checks going on. A call depth the
// configuration chose must not decide how deep the search recurses.
// RUN: %tidy %s --checks='-*,async-*' \
// RUN:   -config="{CheckOptions: {async-unbounded-task-creation.MaxConcurrency: 0, \
// RUN:     async-blocking-call-in-coroutine.MaxCallDepth: 4294967295, \
// RUN:     async-missing-timeout.DefaultTimeout: '  ', \
// RUN:     async-fire-and-forget.TaskTypez: '::x', \
// RUN:     async-swallowed-exception.Frobnicate: 'on', \
// RUN:     bugprone-unused-return-value.CheckedFunctionz: '::f', \
// RUN:     bugprone-unused-return-value.CheckedFunctions: '::g', \
// RUN:     readability-identifier-naming.ClassCase: lower_case, \
// RUN:     async-fire-and-forgot.TaskTypes: '::x', IgnoreMacros: true}}" \
// RUN:   -- -std=c++20 -I %runtime_include %asio_flags 2>&1 | %filecheck %s \
// RUN:   --implicit-check-not="unknown option 'bugprone-unused-return-value.CheckedFunctions'" \
// RUN:   --implicit-check-not="unknown option 'readability-identifier-naming.ClassCase'" \
// RUN:   --implicit-check-not="unknown option 'IgnoreMacros'"
// Said once, by one check, whichever async- checks are enabled:
// RUN: %tidy %s --checks='-*,async-missing-timeout,async-swallowed-exception' \
// RUN:   -config="{CheckOptions: {bugprone-unused-return-value.CheckedFunctionz: '::f'}}" \
// RUN:   -- -std=c++20 -I %runtime_include %asio_flags 2>&1 \
// RUN:   | grep -c "unknown option 'bugprone-unused-return-value.CheckedFunctionz'; did you mean 'bugprone-unused-return-value.CheckedFunctions'?" \
// RUN:   | %filecheck %s --check-prefix=ONCE
// ONCE: {{^1$}}
// RUN: %tidy %s --checks='-*,async-blocking-call-in-coroutine' \
// RUN:   -config="{CheckOptions: {async-blocking-call-in-coroutine.MaxCallDepth: 4294967295}}" \
// RUN:   -- -std=c++20 -I %runtime_include %asio_flags 2>&1 \
// RUN:   | %filecheck %s --check-prefix=DEPTH --implicit-check-not="'fourfold'"

#include <asio.hpp>
#include <chrono>
#include <thread>
#include <vector>

using asio::awaitable;
using asio::use_awaitable;

awaitable<void> fetch(int) { co_return; }

// CHECK-DAG: warning: option 'async-unbounded-task-creation.MaxConcurrency' is 0, outside 1 to 1048576; 16 is used [clang-tidy-config]
// CHECK-DAG: warning: option 'async-blocking-call-in-coroutine.MaxCallDepth' is 4294967295, outside 0 to 32; 3 is used [clang-tidy-config]
// CHECK-DAG: warning: option 'async-missing-timeout.DefaultTimeout' is empty; 'std::chrono::seconds(30)' is used [clang-tidy-config]
// CHECK-DAG: warning: unknown option 'async-fire-and-forget.TaskTypez'; did you mean 'async-fire-and-forget.TaskTypes'? [clang-tidy-config]
// CHECK-DAG: warning: unknown option 'async-swallowed-exception.Frobnicate' [clang-tidy-config]
// CHECK-DAG: warning: unknown option 'bugprone-unused-return-value.CheckedFunctionz'; did you mean 'bugprone-unused-return-value.CheckedFunctions'? [clang-tidy-config]
// CHECK-DAG: warning: unknown option 'async-fire-and-forgot.TaskTypes'; did you mean 'async-fire-and-forget.TaskTypes'? [clang-tidy-config]

awaitable<void> fanOut(std::vector<int> Ids) {
  auto Ex = co_await asio::this_coro::executor;
  for (int Id : Ids)
    asio::co_spawn(Ex, fetch(Id), asio::detached);
  // CHECK-DAG: :[[@LINE-1]]:5: warning: 'co_spawn' starts a task in every iteration
  // CHECK-DAG: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here and keep it in the task until the task ends: a semaphore of 16 permits lets 16 tasks run at once
}

// The default depth, 3: two calls down is followed, four is not.
void nap() { std::this_thread::sleep_for(std::chrono::seconds(1)); }
void twice() { nap(); }
void thrice() { twice(); }
void fourfold() { thrice(); }
awaitable<void> sleepy() {
  twice();
  // CHECK-DAG: :[[@LINE-1]]:3: warning: 'twice' may block
  // DEPTH: :[[@LINE-2]]:3: warning: 'twice' may block
  fourfold();
  co_return;
}

awaitable<void> read(asio::ip::tcp::socket &S, std::vector<char> &Buf) {
  co_await S.async_read_some(asio::buffer(Buf), use_awaitable);
  // CHECK-DAG: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
  // CHECK-DAG: std::chrono::seconds(30))
}
