// Task groups and async scopes of several libraries, eager and lazy tasks,
// and detached starts, in loops over input.
// RUN: %check_tidy %s async-unbounded-task-creation %t -- -- -I %S/Inputs

#include "coro_lib.h"
#include "detached_apis.h"
#include "task_scopes.h"

int count();
folly::coro::Task<int> load(int);
cppcoro::task<> handle(int);
lib::eager_task eager(int);
lib::lazy_task lazy(int);

template <typename T> struct List {
  void push_back(T &&);
  T *begin();
  T *end();
};

void scopes(List<int> &Ids, folly::coro::AsyncScope &Folly, cppcoro::async_scope &Cppcoro,
            exec::async_scope &Exec, stdexec::counting_scope &Counting, app::WorkerGroup &Group) {
  for (int Id : Ids)
    Folly.add(load(Id));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'add' on 'AsyncScope' starts a task in every iteration of the range-for loop over 'Ids' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  for (int Id : Ids)
    Cppcoro.spawn(handle(Id));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'spawn' on 'async_scope' starts a task in every iteration of the range-for loop over 'Ids'
  for (int Id : Ids)
    Exec.spawn(stdexec::sender{});
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'spawn' on 'async_scope' starts a task in every iteration
  for (int Id : Ids)
    stdexec::spawn(stdexec::sender{}, Counting.get_token());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'spawn' starts a task in every iteration
  for (int Id : Ids)
    Group.spawn([Id] { return Id; });
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'spawn' on 'TaskGroup' starts a task in every iteration
  for (int Id : Ids)
    stdexec::start_detached(stdexec::just());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'start_detached' starts a task in every iteration
  for (int Id : Ids)
    exec::start_detached(stdexec::just());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'start_detached' starts a task in every iteration
  List<folly::SemiFuture<int>> Started;
  unifex::async_scope Unifex;
  for (int Id : Ids)
    Unifex.spawn(stdexec::sender{});
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'spawn' on 'async_scope' starts a task in every iteration
  for (int Id : Ids)
    Unifex.detached_spawn(stdexec::sender{});
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'detached_spawn' starts a task in every iteration
  corral::Nursery Nursery;
  for (int Id : Ids)
    Nursery.start(handle, Id);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'start' on 'BasicNursery' starts a task in every iteration of the range-for loop over 'Ids'
  // A semaphore's lock is an acquire; taken inside each task it bounds the
  // work, not the tasks (docs: every task and its frame exist at once).
  corral::Semaphore Sem(1000);
  for (int Id : Ids) {
    Sem.lock();
    Nursery.start(handle, Id);
  }
  for (int Id : Ids)
    Nursery.start([&Sem, Id] {
      Sem.lock();
      return Id;
    });
  // CHECK-MESSAGES: :[[@LINE-4]]:5: warning: 'start' on 'BasicNursery' starts a task in every iteration
  for (int I = 0, N = count(); I < N; ++I)
    Started.push_back(folly::coro::Task<int>().start());
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'start' starts a task in every iteration of the 'for' loop on 'I < N'

  // A limiter named like one, a cache that is no task group.
  app::RequestLimiter Limiter;
  for (int Id : Ids) {
    if (!Limiter.try_acquire())
      continue;
    Folly.add(load(Id));
  }
  app::Cache Cache;
  for (int Id : Ids)
    Cache.add(Id);
}

// Eager tasks run from their creation: kept in a container or dropped, one
// per item is unbounded. Lazy tasks collected start only when awaited.
lib::lazy_task collect(List<int> &Ids) {
  List<lib::eager_task> Running;
  for (int Id : Ids)
    Running.push_back(eager(Id));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'eager' starts an eager task in every iteration of the range-for loop over 'Ids' and nothing bounds how many run at once; use 'tether::for_each_bounded' or acquire a semaphore permit before the spawn
  for (int Id : Ids)
    eager(Id);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'eager' starts an eager task in every iteration
  List<lib::lazy_task> Waiting;
  for (int Id : Ids)
    Waiting.push_back(lazy(Id));
  for (int Id : Ids) {
    auto Task = eager(Id);
    co_await Task;
  }
  for (int Id : Ids)
    co_await lazy(Id);
}
