// A lazy task kept in a local variable of a coroutine that nothing reads
// again never runs, as if it were discarded. Any later mention is a use:
// awaited, moved, returned, spawned, captured by a lambda. Outside
// coroutines, a test that a lazy task does not run makes one and lets it go;
// a generator is iterated, not awaited.
// RUN: %check_tidy %s async-fire-and-forget %t -- -- %asio_flags

#include <asio.hpp>
#include <coroutine>
#include <utility>
#include <vector>

using asio::awaitable;
using asio::use_awaitable;

awaitable<int> fetch(int Id) { co_return Id; }

struct Client {
  awaitable<void> ping() { co_return; }
};

awaitable<void> forgotten(Client &C) {
  auto Answer = fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'Answer' returned by 'fetch' is never awaited, moved or returned: its body never runs; co_await it where its result is needed [async-fire-and-forget]
  awaitable<void> Ping = C.ping();
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: task 'Ping' returned by 'ping' is never awaited, moved or returned: its body never runs
  co_return;
}

awaitable<int> awaitedLater() {
  auto First = fetch(1);
  auto Second = fetch(2);
  int Sum = co_await std::move(Second);
  co_return Sum + co_await std::move(First);
}

awaitable<int> returned() {
  auto Task = fetch(3);
  co_return co_await std::move(Task);
}

void spawned(asio::io_context &Io) {
  auto Task = fetch(4);
  asio::co_spawn(Io, std::move(Task), [](std::exception_ptr, int) {});
}

awaitable<void> collected(std::vector<awaitable<int>> &Pending) {
  auto Task = fetch(5);
  Pending.push_back(std::move(Task));
  co_return;
}

awaitable<void> captured() {
  auto Task = fetch(6);
  auto Step = [&]() -> awaitable<int> { co_return co_await std::move(Task); };
  co_await Step();
}

awaitable<void> markedUnused() {
  [[maybe_unused]] auto Task = fetch(7);
  co_return;
}

// A value that is not a task, and a discarded one (reported as discarded).
awaitable<void> notKept() {
  int Value = co_await fetch(8);
  (void)Value;
  fetch(9);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded and never started
  // CHECK-FIXES: {{^}}  co_await fetch(9);{{$}}
}

// A test of laziness: the task is made and destroyed unstarted on purpose.
bool lazyTaskDoesNotRun() {
  bool Started = false;
  {
    auto Task = [&]() -> awaitable<void> {
      Started = true;
      co_return;
    }();
  }
  return !Started;
}

struct Numbers {
  struct promise_type {
    int Current = 0;
    Numbers get_return_object() {
      return {std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int Value) {
      Current = Value;
      return {};
    }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> Handle;
};

Numbers count() { co_yield 1; }

awaitable<void> generatorKept() {
  auto Values = count();
  co_return;
}

// A statement given to a macro (googletest's EXPECT_DEATH): every location
// in the macro's argument is the macro's, but the task is still awaited in
// the coroutine lambda that keeps it.
#define RUN_STATEMENT(Statement)                                               \
  do {                                                                         \
    Statement                                                                  \
  } while (0)
void runMain(awaitable<void> Main);
void inMacro() {
  RUN_STATEMENT({
    runMain([]() -> awaitable<void> {
      auto X = []() -> awaitable<void> { co_return; }();
      co_await std::move(X);
    }());
  });
  RUN_STATEMENT({
    runMain([]() -> awaitable<void> {
      auto X = []() -> awaitable<void> { co_return; }();
      co_return;
    }());
  });
  // CHECK-MESSAGES: :[[@LINE-6]]:3: warning: task 'X' returned by the immediately invoked lambda is never awaited, moved or returned: its body never runs; co_await it where its result is needed [async-fire-and-forget]
}
