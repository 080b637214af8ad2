// The shapes of other libraries' task groups, async scopes and limiters:
// what async-unbounded-task-creation looks for in a loop.
#pragma once

namespace folly::coro {
struct AsyncScope {
  template <typename Task> void add(Task &&) {}
};
} // namespace folly::coro

namespace cppcoro {
template <typename T = void> struct task {};
struct async_scope {
  template <typename Awaitable> void spawn(Awaitable &&) {}
};
} // namespace cppcoro

// stdexec: exec is an alias of the namespace that declares the scope.
namespace experimental::execution {
namespace __scope {
struct async_scope {
  template <typename Sender> void spawn(Sender &&) {}
};
} // namespace __scope
using __scope::async_scope;
} // namespace experimental::execution
namespace exec = experimental::execution;

// libunifex declares its scope in a namespace of its own.
namespace unifex {
inline namespace v1 {
namespace _async_scope {
struct async_scope {
  template <typename Sender> void spawn(Sender &&) {}
  template <typename Sender> void detached_spawn(Sender &&) {}
};
} // namespace _async_scope
using _async_scope::async_scope;
} // namespace v1
} // namespace unifex

// corral's nursery starts a task per call of start().
namespace corral {
namespace detail {
class NurseryBase {};
} // namespace detail
template <typename Policy> class BasicNursery : public detail::NurseryBase {
public:
  template <typename Callable, typename... Args> void start(Callable, Args...) {}
};
struct UnsafeErrorPolicy {};
struct Semaphore {
  explicit Semaphore(int);
  int lock();
};
using Nursery = BasicNursery<UnsafeErrorPolicy>;
} // namespace corral

namespace stdexec {
struct sender {};
struct counting_scope {
  int get_token() { return 0; }
};
template <typename Sender> void spawn(Sender &&, int) {}
} // namespace stdexec

namespace app {
// A group of the application's own, named like a task group.
class TaskGroup {
public:
  template <typename F> void spawn(F &&) {}
};
class WorkerGroup : public TaskGroup {};
// Not a task group: a cache whose add starts nothing.
class Cache {
public:
  void add(int) {}
};
// A limiter of the application's own, named like one.
class RequestLimiter {
public:
  bool try_acquire() { return true; }
};
} // namespace app
