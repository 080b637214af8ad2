// RUN: %check_tidy -fix-notes %s async-blocking-call-in-coroutine %t -- -- %asio_flags -I %runtime_include
// A std::mutex held across a suspension becomes a tether::mutex whose lock is
// awaited, as a note's fix, when that compiles and changes nothing else: the
// mutex is declared on its own in this file, this guard is its only use, and
// the guard is only unlocked. Otherwise the warning stands without a fix.

#include <asio.hpp>
#include <mutex>
#include <tether/tether.hpp>

using asio::awaitable;
using asio::use_awaitable;

awaitable<void> tick();

// The one place the member is locked: rewritten, with the include.
class Cache {
public:
  awaitable<void> refresh() {
    std::unique_lock<std::mutex> Lock(Mu);
// CHECK-NOTES: :[[@LINE-1]]:34: warning: mutex 'Mu' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE+3]]:5: note: the coroutine suspends here with 'Mu' locked
// CHECK-NOTES: :[[@LINE-3]]:34: note: make 'Mu' a 'tether::mutex' and await its lock: waiting for it suspends the coroutine, not its thread
// CHECK-FIXES: {{^}}    auto Lock = co_await Mu.lock();{{$}}
    co_await tick();
    Lock.unlock();
  }

private:
  std::mutex Mu;
// CHECK-FIXES: {{^}}  tether::mutex Mu;{{$}}
};

// Locked in two coroutines: a rewrite of one guard would not compile with the
// other.
std::mutex Shared;

awaitable<void> first() {
  std::unique_lock<std::mutex> Lock(Shared);
// CHECK-NOTES: :[[@LINE-1]]:32: warning: mutex 'Shared' is held across a suspension point: {{.*}}
// CHECK-NOTES: :[[@LINE+1]]:3: note: the coroutine suspends here with 'Shared' locked
  co_await tick();
}

awaitable<void> second() {
  std::lock_guard<std::mutex> Lock(Shared);
// CHECK-NOTES: :[[@LINE-1]]:31: warning: mutex 'Shared' is held across a suspension point: {{.*}}
// CHECK-NOTES: :[[@LINE+1]]:3: note: the coroutine suspends here with 'Shared' locked
  co_await tick();
}

// A guard used for more than unlocking: tether's guard has no owns_lock().
std::mutex Checked;

awaitable<bool> probe() {
  std::unique_lock<std::mutex> Lock(Checked);
// CHECK-NOTES: :[[@LINE-1]]:32: warning: mutex 'Checked' is held across a suspension point: {{.*}}
// CHECK-NOTES: :[[@LINE+1]]:3: note: the coroutine suspends here with 'Checked' locked
  co_await tick();
  co_return Lock.owns_lock();
}

// Two mutexes declared together: rewriting the type would change both.
struct Pair {
  std::mutex A, B;
  awaitable<void> run() {
    std::lock_guard<std::mutex> Lock(A);
// CHECK-NOTES: :[[@LINE-1]]:33: warning: mutex 'A' is held across a suspension point: {{.*}}
// CHECK-NOTES: :[[@LINE+1]]:5: note: the coroutine suspends here with 'A' locked
    co_await tick();
  }
};

// A mutex that is not a std::mutex (a recursive one) keeps its type.
std::recursive_mutex Again;

awaitable<void> recursive() {
  std::lock_guard<std::recursive_mutex> Lock(Again);
// CHECK-NOTES: :[[@LINE-1]]:41: warning: mutex 'Again' is held across a suspension point: {{.*}}
// CHECK-NOTES: :[[@LINE+1]]:3: note: the coroutine suspends here with 'Again' locked
  co_await tick();
}
