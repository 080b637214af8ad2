// The shapes of TooManyCooks' starts: a lazy tmc::task; spawn, spawn_many,
// whose wrappers are awaited or detached; and a fork_group that starts each
// task it is given at once and is awaited to join them.
#pragma once
#include <coroutine>
#include <cstddef>
#include <exception>

namespace tmc {
template <typename Result> struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};

template <typename Awaitable, typename Result> class aw_spawn {
public:
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
  void detach() {}
};
template <typename Awaitable> aw_spawn<Awaitable, void> spawn(Awaitable &&) {
  return {};
}

template <typename Result, std::size_t Count, typename IterBegin,
          typename IterEnd, bool IsFunc>
class aw_spawn_many {
public:
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
  void detach() {}
};
template <typename Iter>
aw_spawn_many<void, 0, Iter, Iter, false> spawn_many(Iter, Iter,
                                                     std::size_t = 0) {
  return {};
}

template <std::size_t MaxCount, typename Result> class aw_fork_group {
public:
  template <typename Awaitable> void fork(Awaitable &&) {}
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
inline aw_fork_group<0, void> fork_group() { return {}; }
} // namespace tmc
