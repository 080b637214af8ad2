// A detached start called on the task itself: folly's
// `t().scheduleOn(ex).start()`, and any start listed in SpawnFunctions
// (async_simple's `lazy().via(ex).start(cb)` below). The task reaches the
// start through the members that move it into their result.
// RUN: %check_tidy %s async-dangling-reference %t -- \
// RUN:   -config="{CheckOptions: {async-dangling-reference.SpawnFunctions: '::folly::coro::TaskWithExecutor::start;::async_simple::coro::RescheduleLazy::start'}}"

#include <coroutine>
#include <string>

template <typename Self> struct Promise {
  Self get_return_object() { return {}; }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void return_void() {}
  void unhandled_exception() {}
};

namespace folly::coro {
struct TaskWithExecutor {
  using promise_type = Promise<TaskWithExecutor>;
  void start() &&;
};
template <typename T = void> struct Task {
  using promise_type = Promise<Task>;
  TaskWithExecutor scheduleOn(int Executor) && { return {}; }
};
} // namespace folly::coro

namespace async_simple::coro {
struct RescheduleLazy {
  using promise_type = Promise<RescheduleLazy>;
  template <typename F> void start(F Callback) && {}
};
template <typename T = void> struct Lazy {
  using promise_type = Promise<Lazy>;
  RescheduleLazy via(int Executor) && { return {}; }
};
} // namespace async_simple::coro

folly::coro::Task<> handle(const std::string &Request);

void startFolly() {
  std::string Request = "x";
  handle(Request).scheduleOn(1).start();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'handle' started by 'start' through 'scheduleOn' can outlive local 'Request', which its parameter 'Request' refers to [async-dangling-reference]
  handle("literal").scheduleOn(1).start();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'handle' started by 'start' through 'scheduleOn' can outlive a temporary, which its parameter 'Request' refers to [async-dangling-reference]
}

std::string Global;
void startFollyGlobal() { handle(Global).scheduleOn(1).start(); }

// async_simple's test idiom: a named coroutine lambda whose captures are
// locals, started on an executor; nothing waits for it here (the waits that
// join such a start: async-dangling-reference-joins.cpp).
void startLazy() {
  int Data = 0;
  auto Producer = [&]() -> async_simple::coro::Lazy<> {
    Data = 1;
    co_return;
  };
  Producer().via(1).start([](auto &&) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task of the coroutine lambda started by 'start' through 'via' can outlive local 'Producer', the object it runs on [async-dangling-reference]
}

// Awaited where it is made, or a lambda without captures: nothing dies first.
async_simple::coro::Lazy<> awaited() {
  std::string Request = "x";
  auto Plain = []() -> async_simple::coro::Lazy<> { co_return; };
  Plain().via(1).start([](auto &&) {});
  co_return;
}
