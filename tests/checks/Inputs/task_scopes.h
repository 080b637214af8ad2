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

namespace exec {
struct async_scope {
  template <typename Sender> void spawn(Sender &&) {}
};
} // namespace exec

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
