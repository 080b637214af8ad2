// Task libraries whose cancellation arrives as an exception (folly,
// cppcoro), a task library whose does not, stdexec's error adaptors and
// sync_wait: the declarations async-swallowed-exception looks at.
#pragma once
#include <coroutine>
#include <exception>

#define TETHER_TEST_TASK_BODY(Name)                                            \
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

namespace folly {
struct OperationCancelled : std::exception {};
namespace coro {
template <typename T = void> struct Task { TETHER_TEST_TASK_BODY(Task) };
template <typename T> void blockingWait(Task<T>) {}
} // namespace coro
} // namespace folly

namespace cppcoro {
struct operation_cancelled : std::exception {};
template <typename T = void> struct task { TETHER_TEST_TASK_BODY(task) };
template <typename Awaitable> void sync_wait(Awaitable &&) {}
struct cancellation_token {};
struct async_scope {
  template <typename Awaitable> void spawn(Awaitable &&) {}
  task<> join();
};
} // namespace cppcoro

namespace plain {
// Cancellation is a return value here, never an exception.
struct job { TETHER_TEST_TASK_BODY(job) };
} // namespace plain

namespace stdexec {
struct sender {};
template <typename F> sender upon_error(sender, F) { return {}; }
template <typename F> sender let_error(sender, F) { return {}; }
struct sync_wait_t {
  void operator()(sender) const {}
};
inline constexpr sync_wait_t sync_wait{};
} // namespace stdexec
