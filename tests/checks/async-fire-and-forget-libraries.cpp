// RUN: %check_tidy %s async-fire-and-forget %t -- -- -I %S/Inputs
// RUN: %check_tidy -fix-notes -check-suffixes=,FIXNOTES %s async-fire-and-forget %t -- -- -I %S/Inputs
// RUN: %check_tidy -check-suffixes=,OPTS %s async-fire-and-forget %t -- \
// RUN:   -config="{CheckOptions: {async-fire-and-forget.TaskTypes: '::lib::opaque_job', \
// RUN:     async-fire-and-forget.DetachedSpawnFunctions: '::stdexec::start_detached;::experimental::execution::start_detached;::folly::coro::Task::start;::folly::coro::TaskWithExecutor::start;::coro::scheduler::spawn_detached;::coro::thread_pool::spawn_detached;^::legacy::spawn_w.*'}}" \
// RUN:   -- -I %S/Inputs

#include "coro_lib.h"
#include "detached_apis.h"

lib::lazy_task lazy() { co_return; }
lib::eager_task eager() { co_return; }
lib::traits_task traits() { co_return; }
lib::strict_task strict() { co_return; }
lib::opaque_job enqueue();

lib::lazy_task inLazyCoroutine() {
  lazy();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'lazy' is discarded and never started: its body does not run; co_await it or keep it to await later [async-fire-and-forget]
  // CHECK-FIXES: {{^}}  co_await lazy();{{$}}
  traits();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'traits' is discarded and never started
  // CHECK-FIXES: {{^}}  co_await traits();{{$}}

  // Awaiting an eager task changes when this coroutine continues: the
  // rewrite is offered on a note.
  eager();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'eager' is discarded and runs unowned: nobody can wait for it or cancel it, and an exception escaping it ends the program; co_await it or keep it to await later
  // CHECK-NOTES: :[[@LINE-2]]:3: note: co_await the task to own it; this coroutine then waits for it
  // CHECK-FIXES-FIXNOTES: {{^}}  co_await eager();{{$}}

  // strict_task's promise filters what it awaits: lazy_task cannot await it.
  strict();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'strict' is discarded and never started
  // CHECK-FIXES: {{^}}  co_await strict();{{$}}

  enqueue();
  // CHECK-NOTES-OPTS: :[[@LINE-1]]:3: warning: task returned by 'enqueue' is discarded: if it is lazy it never runs, if it is eager nobody owns it; co_await it or keep it to await later
  co_return;
}

lib::strict_task inStrictCoroutine() {
  strict();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'strict' is discarded and never started
  // CHECK-FIXES: {{^}}  co_await strict();{{$}}
  lazy();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'lazy' is discarded and never started
  co_return;
}

// Members of class templates are visited again, instantiated, after the
// rest of the class: each finding is still placed in the right callable.
template <typename T> struct Worker {
  lib::lazy_task run() {
    lazy();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: task returned by 'lazy' is discarded and never started
    // CHECK-FIXES: {{^}}    co_await lazy();{{$}}
    auto Plain = [] { lazy(); };
    // CHECK-NOTES: :[[@LINE-1]]:23: warning: task returned by 'lazy' is discarded and never started
    Plain();
    co_return;
  }
  void plain() {
    lazy();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: task returned by 'lazy' is discarded and never started
  }
  lib::lazy_task after() {
    T Value{};
    (void)Value;
    lazy();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: task returned by 'lazy' is discarded and never started
    // CHECK-FIXES: {{^}}    co_await lazy();{{$}}
    co_return;
  }
};
template struct Worker<int>;
template struct Worker<long>;

void detachedStarts(folly::coro::Task<int> Task, folly::coro::Task<int> Other) {
  stdexec::start_detached(stdexec::just());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'start_detached' starts work that nobody owns: its result and its exception are lost [async-fire-and-forget]
  using stdexec::start_detached;
  start_detached(stdexec::just());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'start_detached' starts work that nobody owns
  exec::start_detached(stdexec::just());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'start_detached' starts work that nobody owns
  static_cast<folly::coro::Task<int> &&>(Task).start();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'start' starts work that nobody owns: its result and its exception are lost; keep what it returns
  static_cast<folly::coro::Task<int> &&>(Other).scheduleOn(1).start();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'start' starts work that nobody owns
  legacy::spawn_worker([] {});
  // CHECK-NOTES-OPTS: :[[@LINE-1]]:3: warning: 'spawn_worker' starts work that nobody owns
  legacy::spawn_logger([] {});
}

void libcoroSpawns(coro::scheduler &Scheduler, coro::thread_pool &Pool) {
  Scheduler.spawn_detached(coro::task<>{});
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'spawn_detached' starts work that nobody owns: its result and its exception are lost [async-fire-and-forget]
  Pool.spawn_detached(coro::task<>{});
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'spawn_detached' starts work that nobody owns: its result and its exception are lost [async-fire-and-forget]
  // Its bool says whether the task was scheduled; checking it owns nothing,
  // but the call is not discarded: not reported.
  bool Scheduled = Scheduler.spawn_detached(coro::task<>{});
  (void)Scheduled;
}

// Negatives: owned work, and start() of things that are not tasks.
struct Stopwatch {
  int start() { return 0; }
};
lib::lazy_task owned(folly::coro::Task<int> Task) {
  co_await lazy();
  lib::lazy_task Kept = lazy();
  co_await static_cast<lib::lazy_task &&>(Kept);
  co_await eager();
  auto Future = static_cast<folly::coro::Task<int> &&>(Task).start();
  (void)Future;
  Stopwatch Watch;
  Watch.start();
  lib::opaque_job Job = enqueue();
  (void)Job;
}
