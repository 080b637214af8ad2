// Coroutine libraries' ways to move a coroutine to another executor:
// concurrencpp's resume_on and executor_tag, libcoro's and cppcoro's thread
// pool schedule(), cppcoro's schedule_on.
#pragma once
#include <coroutine>
#include <exception>
#include <memory>

#define TETHER_TEST_LAZY_TASK(Name)                                            \
  struct promise_type {                                                        \
    Name get_return_object() { return {}; }                                    \
    std::suspend_always initial_suspend() noexcept { return {}; }              \
    std::suspend_always final_suspend() noexcept { return {}; }                \
    void return_void() {}                                                      \
    void unhandled_exception() { throw; }                                      \
  };                                                                           \
  bool await_ready() { return false; }                                         \
  void await_suspend(std::coroutine_handle<>) {}                               \
  void await_resume() {}

struct tether_test_awaiter {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};

namespace concurrencpp {
struct executor_tag {};
struct thread_executor {};
struct thread_pool_executor {};
template <typename T = void> struct result {
  TETHER_TEST_LAZY_TASK(result)
};
template <typename Executor>
tether_test_awaiter resume_on(std::shared_ptr<Executor> Target);
} // namespace concurrencpp

namespace coro {
template <typename T = void> struct task {
  TETHER_TEST_LAZY_TASK(task)
};
struct thread_pool {
  tether_test_awaiter schedule();
};
} // namespace coro

namespace cppcoro {
template <typename T = void> struct task {
  TETHER_TEST_LAZY_TASK(task)
};
struct static_thread_pool {
  tether_test_awaiter schedule();
};
template <typename Scheduler, typename Awaitable>
task<> schedule_on(Scheduler &, Awaitable);
} // namespace cppcoro
