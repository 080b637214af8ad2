// cppcoro's async_scope (include/cppcoro/async_scope.hpp): spawn starts the
// awaitable in an eager oneway_task, counted by the scope and joined by it.
#pragma once
#include <coroutine>
#include <exception>
#include <utility>

namespace cppcoro {
struct oneway_task {
  struct promise_type {
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
    oneway_task get_return_object() { return {}; }
    void return_void() {}
  };
};

template <typename T = void> struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};

class async_scope {
public:
  template <typename AWAITABLE> void spawn(AWAITABLE &&awaitable) {
    [](async_scope *scope, std::decay_t<AWAITABLE> awaitable) -> oneway_task {
      scope->on_work_started();
      co_await std::move(awaitable);
      scope->on_work_finished();
    }(this, std::forward<AWAITABLE>(awaitable));
  }

private:
  void on_work_started() noexcept {}
  void on_work_finished() noexcept {}

public:
  // Completes once every spawned task has finished: co_await scope.join().
  struct join_awaiter {
    bool await_ready() noexcept { return true; }
    void await_suspend(std::coroutine_handle<>) noexcept {}
    void await_resume() noexcept {}
  };
  join_awaiter join() noexcept { return {}; }
};
} // namespace cppcoro
