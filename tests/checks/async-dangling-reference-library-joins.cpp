// Joins spelled the way a library spells them: YACLib's capitalised waits
// (`std::move(f).Get()`, `wg.Wait()` on a group the futures were attached
// to, `ManualExecutor::Drain()`), a task moved into a local that runs it and
// dies first, a member coroutine that keeps its object alive in its own
// frame, and a watcher coroutine that spins until the tasks are done.
// RUN: %check_tidy %s async-dangling-reference %t -- -- -I %S/Inputs

#include "async_simple_lazy.h"
#include <atomic>
#include <coroutine>
#include <memory>
#include <utility>
#include <vector>

using async_simple::coro::Lazy;

namespace yaclib {
// Eager, as YACLib's: the body runs at the call, Get() blocks for it.
template <typename T = int> struct Future {
  struct promise_type {
    Future get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {}
  };
  T Get() &&;
  bool Ready() const;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  T await_resume() { return {}; }
};
class ManualExecutor {
public:
  std::size_t Drain();
};
class FairThreadPool {
public:
  void HardStop();
  void Wait();
};
template <typename T> void Wait(T Begin, std::size_t Count);
template <typename... T> Future<> WhenAll(T &&...Futures);
struct WaitGroup {
  template <typename... F> void Attach(F &...Futures);
  void Wait();
};
} // namespace yaclib

yaclib::Future<> switchTo(yaclib::ManualExecutor &E);

namespace dd {
// Eager, as kelcoro's async_task: wait() blocks until the body is done.
template <typename T> struct async_task {
  struct promise_type {
    async_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  void wait();
  bool ready() const;
};
class thread_pool {
public:
  explicit thread_pool(int Threads);
  void request_stop();
  void wait_stop() &&;
};
} // namespace dd

void getJoins() {
  int Counter = 0;
  auto Coro = [&]() -> yaclib::Future<> { co_return ++Counter; };
  auto F = Coro();
  std::move(F).Get();
}

void getThroughWhenAll() {
  int Counter = 0;
  auto Coro = [&]() -> yaclib::Future<> { co_return ++Counter; };
  auto F1 = Coro();
  auto F2 = Coro();
  auto All = yaclib::WhenAll(std::move(F1), std::move(F2));
  std::move(All).Get();
}

// A Get() of another future waits for something else.
void getOfAnother(yaclib::Future<> Other) {
  int Counter = 0;
  auto Coro = [&]() -> yaclib::Future<> { co_return ++Counter; };
  auto F = Coro();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: task of the coroutine lambda stored in 'F' can outlive local 'Coro', the object it runs on [async-dangling-reference]
  std::move(Other).Get();
}

void waitOnContainer() {
  int Counter = 0;
  auto Coro = [&]() -> yaclib::Future<> { co_return ++Counter; };
  std::vector<yaclib::Future<>> Futures(4);
  for (std::size_t I = 0; I < 4; ++I)
    Futures[I] = Coro();
  yaclib::Wait(Futures.begin(), Futures.size());
}

// Each task of the container waited for in a range-for.
void waitedOneByOne() {
  int Counter = 0;
  auto Make = [&]() -> dd::async_task<void> {
    ++Counter;
    co_return;
  };
  std::vector<dd::async_task<void>> Tasks;
  for (int I = 0; I < 3; ++I)
    Tasks.push_back(Make());
  for (auto &T : Tasks)
    T.wait();
}

// A range-for that asks each task something else waits for none of them.
void askedOneByOne() {
  int Counter = 0;
  auto Make = [&]() -> dd::async_task<void> {
    ++Counter;
    co_return;
  };
  std::vector<dd::async_task<void>> Tasks;
  for (int I = 0; I < 3; ++I)
    Tasks.push_back(Make());
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: task of the coroutine lambda stored in 'Tasks' can outlive local 'Make', the object it runs on [async-dangling-reference]
  for (auto &T : Tasks)
    (void)T.ready();
}

// kelcoro's pool joins its workers in wait_stop().
void poolStopped() {
  dd::thread_pool Pool(2);
  int Counter = 0;
  auto Make = [&]() -> dd::async_task<void> {
    ++Counter;
    co_return;
  };
  auto T = Make();
  std::move(Pool).wait_stop();
}

// Attached to a wait group, which is then waited for.
void attachedToGroup() {
  int Counter = 0;
  yaclib::WaitGroup Group;
  auto Coro = [&]() -> yaclib::Future<> { co_return ++Counter; };
  auto F1 = Coro();
  auto F2 = Coro();
  Group.Attach(F1, F2);
  Group.Wait();
}

// Attached, but the group is never waited for.
void attachedNotWaited() {
  int Counter = 0;
  yaclib::WaitGroup Group;
  auto Coro = [&]() -> yaclib::Future<> { co_return ++Counter; };
  auto F = Coro();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: task of the coroutine lambda stored in 'F' can outlive local 'Coro', the object it runs on [async-dangling-reference]
  Group.Attach(F);
}

// Drain() runs the manual executor until no job is left.
void drained() {
  yaclib::ManualExecutor E;
  int Counter = 0;
  auto Coro = [&]() -> yaclib::Future<> {
    co_await switchTo(E);
    co_return ++Counter;
  };
  auto F = Coro();
  E.Drain();
}

void poolWaited() {
  yaclib::FairThreadPool Pool;
  int Counter = 0;
  auto Coro = [&]() -> yaclib::Future<> { co_return ++Counter; };
  auto F = Coro();
  Pool.HardStop();
  Pool.Wait();
}

// Drained before the task is started: nothing joins it.
void drainedBefore() {
  yaclib::ManualExecutor E;
  int Counter = 0;
  auto Coro = [&]() -> yaclib::Future<> {
    co_await switchTo(E);
    co_return ++Counter;
  };
  E.Drain();
  auto F = Coro();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: task of the coroutine lambda stored in 'F' can outlive local 'Coro', the object it runs on [async-dangling-reference]
}

// A lazy task moved into a local that runs it: both die before 'Result'.
struct Runner {
  Runner();
  explicit Runner(Lazy<void> &&Task);
  Runner &operator=(Runner &&Other);
  void operator()();
};

Lazy<void> bump(int &Value) {
  ++Value;
  co_return;
}

void movedIntoRunner() {
  int Result = 0;
  {
    auto Task = bump(Result);
    Runner Run(std::move(Task));
    Run();
  }
}

// Moved on by assignment to another runner of the inner block.
void movedOnByAssignment() {
  int Result = 0;
  {
    auto Task = bump(Result);
    Runner Run(std::move(Task));
    Runner Next;
    Next = std::move(Run);
    Next();
  }
}

// Assigned to a runner declared before 'Result', which outlives it.
void assignedToOuterRunner() {
  Runner Outer;
  {
    int Result = 0;
    auto Task = bump(Result);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: task 'bump' stored in 'Task' can outlive local 'Result', which its parameter 'Value' refers to [async-dangling-reference]
    Runner Run(std::move(Task));
    Outer = std::move(Run);
  }
  Outer();
}

// The runner outlives 'Result': it can run the task after 'Result' is gone.
void runnerDeclaredFirst() {
  Runner *Keep = nullptr;
  {
    int Result = 0;
    auto Task = bump(Result);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: task 'bump' stored in 'Task' can outlive local 'Result', which its parameter 'Value' refers to [async-dangling-reference]
    Keep = new Runner(std::move(Task));
  }
  (*Keep)();
}

// A member coroutine that copies shared_from_this() into its own frame
// before its first suspension keeps its object alive.
struct Connection : std::enable_shared_from_this<Connection> {
  int Pending = 0;
  Lazy<void> send();
  Lazy<void> respond(std::shared_ptr<Connection> Self) {
    if (!Self)
      Self = shared_from_this();
    ++Pending;
    co_await send();
    --Pending;
  }
  // Taken only after the first suspension: the object may be gone by then.
  Lazy<void> respondLate(std::shared_ptr<Connection> Self) {
    co_await send();
    Self = shared_from_this();
    --Pending;
  }
  void reply() {
    respond(nullptr).start([](auto &&) {});
    respondLate(nullptr).start([](auto &&) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task 'respondLate' started by 'start' can outlive '*this': nothing keeps the 'Connection' it refers to alive until the task completes [async-dangling-reference]
  }
};

// Each task decrements a counter as its last action; a watcher coroutine
// the caller waits for spins until the counter is zero.
std::atomic<int> Working{0};
Lazy<void> takeABreak();
Lazy<void> work(int &Shared) {
  ++Working;
  co_await takeABreak();
  ++Shared;
  --Working;
}
Lazy<void> watchWorking() {
  while (Working > 0)
    co_await takeABreak();
}
Lazy<void> watchNothing() { co_await takeABreak(); }
template <typename T> void syncAwait(Lazy<T> &&Task);

void watched() {
  int Shared = 0;
  for (int I = 0; I < 4; ++I)
    work(Shared).start([](auto &&) {});
  syncAwait(watchWorking());
}

// A watcher that does not read the counter waits for nothing of the tasks.
void watchedByNothing() {
  int Shared = 0;
  work(Shared).start([](auto &&) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'work' started by 'start' can outlive local 'Shared', which its parameter 'Shared' refers to [async-dangling-reference]
  syncAwait(watchNothing());
}
