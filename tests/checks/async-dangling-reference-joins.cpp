// A started task is joined by a wait, later in the scope that starts it, on
// a synchronisation object that the task signals once it is done: in the
// completion callback given to its start, or as the last action of its
// body. async_simple's starts (`lazy().via(ex).start(cb)`, `.detach()`,
// `directlyStart`) leave the wait to the code that starts the task.
// RUN: %check_tidy %s async-dangling-reference %t -- -- -I %S/Inputs

#include "async_simple_lazy.h"
#include <atomic>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>

using async_simple::Executor;
using async_simple::Try;
using async_simple::coro::Lazy;

struct ScopedHold {
  explicit ScopedHold(int &Data);
  ~ScopedHold();
};

// std::latch counted down by the completion callback, waited for after.
void latchInCallback(Executor *Ex) {
  int Data = 0;
  std::latch Done(1);
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  Work().via(Ex).start([&](Try<void>) { Done.count_down(); });
  Done.wait();
}

// Counted down by the coroutine itself, as its last action, through a
// reference parameter.
Lazy<> produce(int &Data, std::latch &Done) {
  Data = 1;
  Done.count_down();
  co_return;
}

void latchInTask(Executor *Ex) {
  int Data = 0;
  std::latch Done(1);
  produce(Data, Done).via(Ex).detach();
  Done.wait();
}

// A wait on a latch the task does not count down waits for something else.
void unrelatedLatch(Executor *Ex) {
  int Data = 0;
  std::latch Done(1);
  std::latch Other(1);
  produce(Data, Done).via(Ex).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'produce' started by 'detach' through 'via' can outlive local 'Data', which its parameter 'Data' refers to [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: task 'produce' started by 'detach' through 'via' can outlive local 'Done', which its parameter 'Done' refers to [async-dangling-reference]
  Other.wait();
}

// A wait before the start is over before the task runs.
void waitBeforeStart(Executor *Ex) {
  int Data = 0;
  std::latch Done(1);
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  Done.wait();
  Work().via(Ex).start([&](Try<void>) { Done.count_down(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task of the coroutine lambda started by 'start' through 'via' can outlive local 'Work', the object it runs on [async-dangling-reference]
}

// A promise set by the callback, its future waited for: taken before the
// start, moved into the callback, or taken at the wait.
void promiseThenFuture(Executor *Ex) {
  int Data = 0;
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  std::promise<void> Finished;
  std::future<void> Result = Finished.get_future();
  Work().via(Ex).start([&](Try<void>) { Finished.set_value(); });
  Result.get();
}

void promiseMovedIntoCallback(Executor *Ex) {
  int Data = 0;
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  std::promise<void> Finished;
  std::future<void> Result = Finished.get_future();
  Work().via(Ex).start(
      [Finished = std::move(Finished)](Try<void>) mutable {
        Finished.set_value();
      });
  Result.wait();
}

void futureTakenAtTheWait(Executor *Ex) {
  int Data = 0;
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  std::promise<void> Finished;
  Work().directlyStart([&Finished](auto &&) { Finished.set_value(); }, Ex);
  Finished.get_future().wait();
}

// The future of another promise says nothing of this task.
void futureOfAnotherPromise(Executor *Ex) {
  int Data = 0;
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  std::promise<void> Finished;
  std::promise<void> Other;
  Work().via(Ex).start([&](Try<void>) { Finished.set_value(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task of the coroutine lambda started by 'start' through 'via' can outlive local 'Work', the object it runs on [async-dangling-reference]
  Other.get_future().wait();
}

// A counter the callbacks decrement, spun on until it reaches zero.
void counterSpin(Executor *Ex) {
  int Data = 0;
  std::atomic<int> Pending(2);
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  Work().via(Ex).start([&](Try<void>) { Pending--; });
  Work().via(Ex).start(
      [&](Try<void>) { Pending.fetch_sub(1, std::memory_order_relaxed); });
  while (Pending.load(std::memory_order_relaxed) != 0) {
  }
}

// A counter incremented under a mutex, a condition variable notified, and a
// wait on it for the count, after the starts.
void counterAndConditionVariable(Executor *Ex) {
  int Data = 0;
  std::mutex Mutex;
  std::condition_variable Changed;
  int Finished = 0;
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  for (int I = 0; I < 2; ++I)
    Work().via(Ex).start([&](Try<void>) {
      std::lock_guard Lock(Mutex);
      ++Finished;
      Changed.notify_one();
    });
  std::unique_lock Lock(Mutex);
  Changed.wait(Lock, [&] { return Finished == 2; });
}

// The same wait on a condition variable nobody notifies for this task.
void conditionVariableOfSomethingElse(Executor *Ex) {
  int Data = 0;
  std::mutex Mutex;
  std::condition_variable Changed;
  std::condition_variable Other;
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  Work().via(Ex).start([&](Try<void>) { Changed.notify_one(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task of the coroutine lambda started by 'start' through 'via' can outlive local 'Work', the object it runs on [async-dangling-reference]
  std::unique_lock Lock(Mutex);
  Other.wait(Lock);
}

// The task decrements the counter as its last action (async_simple's
// MutexTest): silent. With a scoped lock still alive there, or work after
// the decrement, the task runs on after the test stopped waiting.
void lastActionOfTheTask(Executor *Ex) {
  int Data = 0;
  std::atomic<int> Pending(1);
  auto Work = [&]() -> Lazy<> {
    {
      ScopedHold Hold(Data);
      Data = 1;
    }
    Pending--;
    co_return;
  };
  Work().via(Ex).detach();
  while (Pending) {
  }
}

void scopedLockAliveAtTheSignal(Executor *Ex) {
  int Data = 0;
  std::atomic<int> Pending(1);
  auto Work = [&]() -> Lazy<> {
    ScopedHold Hold(Data);
    Pending--;
    co_return;
  };
  Work().via(Ex).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task of the coroutine lambda started by 'detach' through 'via' can outlive local 'Work', the object it runs on [async-dangling-reference]
  while (Pending) {
  }
}

void workAfterTheSignal(Executor *Ex) {
  int Data = 0;
  std::atomic<int> Pending(1);
  auto Work = [&]() -> Lazy<> {
    Pending--;
    Data = 1;
    co_return;
  };
  Work().via(Ex).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task of the coroutine lambda started by 'detach' through 'via' can outlive local 'Work', the object it runs on [async-dangling-reference]
  while (Pending) {
  }
}

// A spin on a counter that only the other task changes.
void spinOnAnotherTasksCounter(Executor *Ex) {
  int Data = 0;
  std::atomic<int> Pending(1);
  auto Counted = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  auto Uncounted = [&]() -> Lazy<> {
    Data = 2;
    co_return;
  };
  Counted().via(Ex).start([&](Try<void>) { Pending--; });
  Uncounted().via(Ex).start([](Try<void>) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task of the coroutine lambda started by 'start' through 'via' can outlive local 'Uncounted', the object it runs on [async-dangling-reference]
  while (Pending) {
  }
}

// async_simple's Latch, counted down by the task and awaited after.
Lazy<> coroLatch(Executor *Ex) {
  int Data = 0;
  async_simple::coro::Latch Done(1);
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_await Done.count_down();
  };
  Work().via(Ex).detach();
  co_await Done.wait();
}

Lazy<> coroLatchOfSomethingElse(Executor *Ex) {
  int Data = 0;
  async_simple::coro::Latch Done(1);
  async_simple::coro::Latch Other(1);
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_await Done.count_down();
  };
  Work().via(Ex).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task of the coroutine lambda started by 'detach' through 'via' can outlive local 'Work', the object it runs on [async-dangling-reference]
  co_await Other.wait();
}

// A started member coroutine that never uses its object does not refer to
// it (async_simple's demo HTTP servers); one that does, does.
class Server {
public:
  Lazy<> accept(Executor *Ex) {
    for (int Socket = 0; Socket < 3; ++Socket) {
      serveOne(Socket).via(Ex).detach();
      countOne(Socket).via(Ex).detach();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: task 'countOne' started by 'detach' through 'via' can outlive '*this': nothing keeps the 'Server' it refers to alive until the task completes [async-dangling-reference]
    }
    co_return;
  }
  Lazy<> serveOne(int Socket) {
    int Handled = Socket;
    co_return;
  }
  Lazy<> countOne(int Socket) {
    Served += Socket;
    co_return;
  }

private:
  int Served = 0;
};
