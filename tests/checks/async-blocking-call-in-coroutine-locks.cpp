// RUN: %check_tidy %s async-blocking-call-in-coroutine %t -- -- %asio_flags
// RUN: %check_tidy -check-suffixes=,STRICT %s async-blocking-call-in-coroutine %t -- \
// RUN:   -config="{CheckOptions: {async-blocking-call-in-coroutine.StrictLocking: true}}" -- %asio_flags

#include <asio.hpp>
#include <mutex>
#include <shared_mutex>
#include <utility>

using asio::awaitable;
using asio::use_awaitable;

struct Timer {
  asio::steady_timer Wait;
  awaitable<void> tick() { co_await Wait.async_wait(use_awaitable); }
};

std::mutex Mutex;
std::shared_mutex Shared;
std::recursive_mutex Recursive;
int Counter;

awaitable<void> guardAcrossAwait(Timer &T) {
  std::lock_guard<std::mutex> Guard(Mutex);
// CHECK-NOTES: :[[@LINE-1]]:31: warning: mutex 'Mutex' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE+1]]:3: note: the coroutine suspends here with 'Mutex' locked
  co_await T.tick();
}

awaitable<void> uniqueAcrossAwait(Timer &T) {
  std::unique_lock Lock(Mutex);
// CHECK-NOTES: :[[@LINE-1]]:20: warning: mutex 'Mutex' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE+2]]:3: note: the coroutine suspends here with 'Mutex' locked
  ++Counter;
  co_await T.tick();
  ++Counter;
}

awaitable<void> scopedAcrossAwait(Timer &T) {
  std::scoped_lock Both(Mutex, Recursive);
// CHECK-NOTES: :[[@LINE-1]]:20: warning: mutexes 'Mutex, Recursive' are held across a suspension point: every thread that wants them blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE+1]]:3: note: the coroutine suspends here with 'Mutex, Recursive' locked
  co_await T.tick();
}

awaitable<void> sharedAcrossAwait(Timer &T) {
  std::shared_lock Reader(Shared);
// CHECK-NOTES: :[[@LINE-1]]:20: warning: mutex 'Shared' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE+1]]:3: note: the coroutine suspends here with 'Shared' locked
  co_await T.tick();
}

awaitable<void> manualAcrossAwait(Timer &T) {
  Mutex.lock();
// CHECK-NOTES: :[[@LINE-1]]:9: warning: mutex 'Mutex' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE+1]]:3: note: the coroutine suspends here with 'Mutex' locked
  co_await T.tick();
  Mutex.unlock();
}

awaitable<void> heldOnOnePath(Timer &T, bool Early) {
  std::unique_lock Lock(Mutex);
// CHECK-NOTES: :[[@LINE-1]]:20: warning: mutex 'Mutex' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE+3]]:3: note: the coroutine suspends here with 'Mutex' locked
  if (Early)
    Lock.unlock();
  co_await T.tick();
}

awaitable<void> relockedInLoop(Timer &T) {
  std::unique_lock Lock(Mutex, std::defer_lock);
  for (int I = 0; I < 3; ++I) {
    Lock.lock();
// CHECK-NOTES-STRICT: :[[@LINE-1]]:10: warning: blocking lock of mutex 'Mutex' in a coroutine: the thread stalls while another holder has it; use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
    ++Counter;
    Lock.unlock();
    co_await T.tick();
    Lock.lock();
// CHECK-NOTES-STRICT: :[[@LINE-1]]:10: warning: blocking lock of mutex 'Mutex' in a coroutine: the thread stalls while another holder has it; use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
  }
}

awaitable<void> movedIntoAnotherGuard(Timer &T) {
  std::unique_lock Lock(Mutex);
// CHECK-NOTES: :[[@LINE-1]]:20: warning: mutex 'Mutex' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE+2]]:3: note: the coroutine suspends here with 'Mutex' locked
  std::unique_lock Kept = std::move(Lock);
  co_await T.tick();
}

awaitable<void> adopted(Timer &T) {
  Mutex.lock();
// CHECK-NOTES: :[[@LINE-1]]:9: warning: mutex 'Mutex' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE+2]]:3: note: the coroutine suspends here with 'Mutex' locked
  std::lock_guard Guard(Mutex, std::adopt_lock);
  co_await T.tick();
}

struct Cache {
  std::mutex Lock;
  int Value;
  awaitable<void> refresh(Timer &T) {
    std::lock_guard Guard(Lock);
// CHECK-NOTES: :[[@LINE-1]]:21: warning: mutex 'Lock' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE+2]]:5: note: the coroutine suspends here with 'Lock' locked
    Value = 0;
    co_await T.tick();
  }
};

// Critical sections that end before the coroutine suspends: silent unless
// StrictLocking.
awaitable<void> shortSection(Timer &T) {
  {
    std::lock_guard Guard(Mutex);
// CHECK-NOTES-STRICT: :[[@LINE-1]]:21: warning: blocking lock of mutex 'Mutex' in a coroutine: the thread stalls while another holder has it; use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
    ++Counter;
  }
  co_await T.tick();
}

awaitable<void> unlockedBefore(Timer &T) {
  std::unique_lock Lock(Mutex);
// CHECK-NOTES-STRICT: :[[@LINE-1]]:20: warning: blocking lock of mutex 'Mutex' in a coroutine: the thread stalls while another holder has it; use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
  ++Counter;
  Lock.unlock();
  co_await T.tick();
}

awaitable<void> movedAway(Timer &T) {
  std::unique_lock Lock(Mutex);
// CHECK-NOTES-STRICT: :[[@LINE-1]]:20: warning: blocking lock of mutex 'Mutex' in a coroutine: the thread stalls while another holder has it; use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
  ++Counter;
  auto Give = [](std::unique_lock<std::mutex> L) { (void)L; };
  Give(std::move(Lock));
  co_await T.tick();
}

awaitable<void> released(Timer &T) {
  std::unique_lock Lock(Mutex);
// CHECK-NOTES-STRICT: :[[@LINE-1]]:20: warning: blocking lock of mutex 'Mutex' in a coroutine: the thread stalls while another holder has it; use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
  Lock.release()->unlock();
  co_await T.tick();
}

awaitable<void> manualShort(Timer &T) {
  Mutex.lock();
// CHECK-NOTES-STRICT: :[[@LINE-1]]:9: warning: blocking lock of mutex 'Mutex' in a coroutine: the thread stalls while another holder has it; use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
  ++Counter;
  Mutex.unlock();
  co_await T.tick();
}

awaitable<void> lockAfterLastAwait(Timer &T) {
  co_await T.tick();
  std::lock_guard Guard(Mutex);
// CHECK-NOTES-STRICT: :[[@LINE-1]]:19: warning: blocking lock of mutex 'Mutex' in a coroutine: the thread stalls while another holder has it; use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
  ++Counter;
}

// Not blocking acquisitions: try_lock, deferred or tried locks, and locks
// of an async mutex (a guard type over a mutex that is not listed).
struct AsyncMutex {
  void lock();
  void unlock();
  bool try_lock();
};
AsyncMutex Async;

awaitable<void> notBlocking(Timer &T) {
  std::unique_lock Tried(Mutex, std::try_to_lock);
  std::unique_lock Deferred(Mutex, std::defer_lock);
  if (Mutex.try_lock())
    Mutex.unlock();
  std::unique_lock<AsyncMutex> Awaited(Async);
  co_await T.tick();
}

// A lock handed to the awaited expression is the awaiter's to release.
struct ConditionVariable {
  awaitable<void> async_wait(std::unique_lock<std::mutex> &Lock);
};

awaitable<void> handedToAwaiter(ConditionVariable &Cv) {
  std::unique_lock Lock(Mutex);
// CHECK-NOTES-STRICT: :[[@LINE-1]]:20: warning: blocking lock of mutex 'Mutex' in a coroutine: the thread stalls while another holder has it; use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
  co_await Cv.async_wait(Lock);
}

// Not coroutines.
void plain() {
  std::lock_guard Guard(Mutex);
  ++Counter;
}

// Member coroutines of class templates: a co_await there is resolved only in
// each instantiation, and the template as written is judged once for all of
// them (explicitly instantiated, implicitly, or not at all).
template <class T> struct Box {
  std::mutex Guarded;
  T Value;
  awaitable<void> refresh(Timer &T2) {
    std::lock_guard<std::mutex> Lock(Guarded);
// CHECK-NOTES: :[[@LINE-1]]:33: warning: mutex 'Guarded' is held across a suspension point: {{.*}}
// CHECK-NOTES: :[[@LINE+1]]:5: note: the coroutine suspends here with 'Guarded' locked
    co_await T2.tick();
  }
  awaitable<void> shortSection(Timer &T2) {
    {
      std::lock_guard<std::mutex> Lock(Guarded);
// CHECK-NOTES-STRICT: :[[@LINE-1]]:35: warning: blocking lock of mutex 'Guarded' in a coroutine: {{.*}}
      ++Value;
    }
    co_await T2.tick();
  }
  awaitable<void> handedOn(ConditionVariable &Cv) {
    std::unique_lock<std::mutex> Lock(Guarded);
// CHECK-NOTES-STRICT: :[[@LINE-1]]:34: warning: blocking lock of mutex 'Guarded' in a coroutine: {{.*}}
    co_await Cv.async_wait(Lock);
  }
};
template struct Box<int>;

template <class T> struct Pending {
  std::mutex Guarded;
  awaitable<void> run(Timer &T2) {
    std::unique_lock<std::mutex> Lock(Guarded);
// CHECK-NOTES: :[[@LINE-1]]:34: warning: mutex 'Guarded' is held across a suspension point: {{.*}}
// CHECK-NOTES: :[[@LINE+1]]:5: note: the coroutine suspends here with 'Guarded' locked
    co_await T2.tick();
  }
};

awaitable<void> usePending(Timer &T2) {
  Pending<long> P;
  co_await P.run(T2);
}

// An await that resumes the coroutine at once, on the same thread, is no
// suspension: an Asio this_coro query, or a coroutine in view whose own
// awaits all are such (rest_rpc's connection's get_last_rwtime(), awaited
// under the server's lock). A coroutine that awaits anything else suspends.
struct Connection {
  int LastActive = 0;
  awaitable<int> lastActive() {
    co_await asio::this_coro::executor;
    co_return LastActive;
  }
  awaitable<int> lastActiveThrough() { co_return co_await lastActive(); }
  awaitable<int> lastActiveLater(Timer &T) {
    co_await T.tick();
    co_return LastActive;
  }
};

awaitable<void> checkIdle(Connection &C) {
  std::scoped_lock Lock(Mutex);
// CHECK-NOTES-STRICT: :[[@LINE-1]]:20: warning: blocking lock of mutex 'Mutex' in a coroutine: the thread stalls while another holder has it; use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
  auto Executor = co_await asio::this_coro::executor;
  (void)Executor;
  Counter = co_await C.lastActive();
  Counter += co_await C.lastActiveThrough();
}

awaitable<void> checkIdleLater(Connection &C, Timer &T) {
  std::scoped_lock Lock(Mutex);
// CHECK-NOTES: :[[@LINE-1]]:20: warning: mutex 'Mutex' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
  Counter = co_await C.lastActive();
  Counter += co_await C.lastActiveLater(T);
// CHECK-NOTES: :[[@LINE-1]]:14: note: the coroutine suspends here with 'Mutex' locked
}
