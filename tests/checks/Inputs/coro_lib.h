// A small coroutine library of the kinds found in real code: a lazy task
// (cppcoro style), an eager task, a task whose promise comes from a
// std::coroutine_traits specialization, a task whose promise filters what it
// awaits, and a handle type no promise in view declares.
#pragma once
#include <coroutine>
#include <exception>

namespace lib {

template <typename Promise> struct final_awaiter {
  bool await_ready() noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> H) noexcept {
    if (auto Next = H.promise().Continuation)
      return Next;
    return std::noop_coroutine();
  }
  void await_resume() noexcept {}
};

struct lazy_task {
  struct promise_type {
    std::coroutine_handle<> Continuation;
    lazy_task get_return_object() {
      return lazy_task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    final_awaiter<promise_type> final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  explicit lazy_task(std::coroutine_handle<promise_type> H) : Handle(H) {}
  lazy_task(lazy_task &&Other) noexcept : Handle(Other.Handle) { Other.Handle = {}; }
  ~lazy_task() {
    if (Handle)
      Handle.destroy();
  }
  bool await_ready() { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> Caller) {
    Handle.promise().Continuation = Caller;
    return Handle;
  }
  void await_resume() {}
  std::coroutine_handle<promise_type> Handle;
};

// Starts at once: initial_suspend does not suspend.
struct eager_task {
  struct promise_type {
    std::coroutine_handle<> Continuation;
    eager_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  bool await_ready() { return true; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};

// Its promise comes from a coroutine_traits specialization, and its initial
// awaiter is the library's own.
struct never_ready {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
struct traits_task {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
struct traits_promise {
  traits_task get_return_object() { return {}; }
  never_ready initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void return_void() {}
  void unhandled_exception() { std::terminate(); }
};

// Its promise only awaits strict_task: nothing else may be co_awaited.
struct strict_task {
  struct promise_type {
    strict_task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
    strict_task &&await_transform(strict_task &&Task) { return static_cast<strict_task &&>(Task); }
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};

// A handle to work started elsewhere: no promise in view.
struct opaque_job {
  int Id;
};

} // namespace lib

template <typename... Args> struct std::coroutine_traits<lib::traits_task, Args...> {
  using promise_type = lib::traits_promise;
};
