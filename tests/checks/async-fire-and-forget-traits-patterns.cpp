// A library may make one instance of a class template a coroutine type
// through a partial specialization of std::coroutine_traits: Boost.Cobalt's
// `coroutine_traits<coroutine_handle<post_coroutine_promise<T>>, Args...>`.
// Only the instances that fit the pattern are tasks; every other
// `coroutine_handle` is a plain handle, and dropping the one `release()`
// hands back (Cobalt's fork, gather, join and race) starts and loses nothing.
// RUN: %check_tidy %s async-fire-and-forget %t

#include <coroutine>

namespace lib {
template <class T> struct post_promise {
  std::coroutine_handle<post_promise> get_return_object() {
    return std::coroutine_handle<post_promise>::from_promise(*this);
  }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void return_void() {}
  void unhandled_exception() {}
};
} // namespace lib

template <class T, class... Args>
struct std::coroutine_traits<std::coroutine_handle<lib::post_promise<T>>,
                             Args...> {
  using promise_type = lib::post_promise<T>;
};

std::coroutine_handle<lib::post_promise<int>> post_later() { co_return; }

struct fork {
  struct promise_type {
    fork get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> release() { return Handle; }
  std::coroutine_handle<promise_type> Handle;
};

struct other_promise {};
std::coroutine_handle<other_promise> handle_of(void *Address);
std::coroutine_handle<lib::post_promise<int>> *posted_handle();

void handles(fork &F, void *Address) {
  F.release();
  handle_of(Address);
  posted_handle();
}

void posts() {
  post_later();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'post_later' is discarded and never started: its body does not run; co_await it or keep it to await later [async-fire-and-forget]
}
