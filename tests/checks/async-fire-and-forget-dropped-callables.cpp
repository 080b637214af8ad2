// A coroutine callable handed to something that calls it and drops what it
// returns: the task is made and destroyed unstarted (lazy), or runs with
// nobody owning it (eager). Asio's post, dispatch and defer, std::thread and
// std::jthread, a std::function whose signature returns void, std::for_each.
// A wrapper whose signature returns the task, a callable that returns no
// task, and one passed where it is kept are not reported.
// RUN: %check_tidy -check-suffixes=,DEF %s async-fire-and-forget %t -- -- %asio_flags
// With the option set, the list replaces the defaults.
// RUN: %check_tidy -check-suffixes=,OPT %s async-fire-and-forget %t -- \
// RUN:   -config="{CheckOptions: {async-fire-and-forget.ResultDroppingCallees: '::asio::post;::run_later'}}" \
// RUN:   -- %asio_flags -DWITH_OPTION

#include <algorithm>
#include <asio.hpp>
#include <coroutine>
#include <functional>
#include <thread>
#include <vector>

using asio::awaitable;

awaitable<void> refresh() { co_return; }

struct Eager {
  struct promise_type {
    Eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

Eager eagerWork() { co_return; }

void runLater(std::function<void()> Work);
void run_later(awaitable<void> (*Work)());

void startAll(asio::io_context &Io, std::vector<int> &Ids) {
  asio::post(Io, []() -> awaitable<void> { co_return; });
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'post' drops the task that the lambda returns: it is never started, its body does not run [async-fire-and-forget]
  asio::post(Io, refresh);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'post' drops the task that 'refresh' returns: it is never started, its body does not run [async-fire-and-forget]
  asio::post(Io, &refresh);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'post' drops the task that 'refresh' returns: it is never started, its body does not run [async-fire-and-forget]
#ifndef WITH_OPTION
  asio::dispatch(Io.get_executor(), refresh);
  // CHECK-MESSAGES-DEF: :[[@LINE-1]]:37: warning: 'dispatch' drops the task that 'refresh' returns: {{.*}}
  std::thread Worker(refresh);
  // CHECK-MESSAGES-DEF: :[[@LINE-1]]:22: warning: 'std::thread' drops the task that 'refresh' returns: it is never started, its body does not run [async-fire-and-forget]
  Worker.join();
  std::function<void()> Callback = [] { return refresh(); };
  // CHECK-MESSAGES-DEF: :[[@LINE-1]]:36: warning: 'std::function' drops the task that the lambda returns: it is never started, its body does not run [async-fire-and-forget]
  Callback();
  runLater(eagerWork);
  // CHECK-MESSAGES-DEF: :[[@LINE-1]]:12: warning: 'std::function' drops the task that 'eagerWork' returns: it runs unowned, its result and its exception are lost [async-fire-and-forget]
  std::for_each(Ids.begin(), Ids.end(), [](int) -> awaitable<void> { co_return; });
  // CHECK-MESSAGES-DEF: :[[@LINE-1]]:41: warning: 'for_each' drops the task that the lambda returns: {{.*}}
#else
  run_later(refresh);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:13: warning: 'run_later' drops the task that 'refresh' returns: it is never started, its body does not run [async-fire-and-forget]
#endif
}

// Not dropped: a std::function that returns the task, callables that return
// none, a task spawned, a generic lambda (its call operator is a template).
void keeps(asio::io_context &Io) {
  std::function<awaitable<void>()> Factory = refresh;
  asio::co_spawn(Io, Factory(), [](std::exception_ptr) {});
  asio::post(Io, [] {});
  asio::post(Io, [&Io] {
    asio::co_spawn(Io, refresh(), [](std::exception_ptr) {});
  });
  std::thread Worker([] {});
  Worker.join();
  std::function<void()> Plain = [] {};
  Plain();
  std::function<void(int)> Generic = [](auto) {};
  Generic(1);
}
