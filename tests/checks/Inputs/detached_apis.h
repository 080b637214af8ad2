// The shapes of other libraries' detached starts: stdexec's start_detached
// customization point, folly's Task::start(), which returns a future, and
// libcoro's spawn_detached.
#pragma once

namespace stdexec {
struct just_sender {};
inline just_sender just() { return {}; }
struct start_detached_t {
  template <typename Sender> void operator()(Sender &&) const {}
};
inline constexpr start_detached_t start_detached{};
} // namespace stdexec

// stdexec today: exec is an alias of the namespace that declares it.
namespace experimental::execution {
struct start_detached_t {
  template <typename Sender> void operator()(Sender &&) const {}
};
inline constexpr start_detached_t start_detached{};
} // namespace experimental::execution
namespace exec = experimental::execution;

namespace folly {
template <typename T> struct SemiFuture {};
template <typename T> struct Future {};
namespace coro {
template <typename T> struct TaskWithExecutor {
  Future<T> start() && { return {}; }
};
template <typename T> struct Task {
  SemiFuture<T> start() && { return {}; }
  TaskWithExecutor<T> scheduleOn(int) && { return {}; }
};
} // namespace coro
} // namespace folly

// libcoro: spawn_detached says only whether the task was scheduled.
namespace coro {
template <typename T = void> struct task {};
struct scheduler {
  bool spawn_detached(task<void> &&) { return true; }
};
struct thread_pool {
  bool spawn_detached(task<void> &&) noexcept { return true; }
};
} // namespace coro

namespace legacy {
inline void spawn_worker(void (*)()) {}
inline void spawn_logger(void (*)()) {}
} // namespace legacy
