// A combinator (when_any, when_all over a container) starts every task it is
// given: running them all at once is its contract, the caller chose how many
// to make and awaits the result. A loop that makes a task per input item is
// still reported.
// RUN: %check_tidy %s async-unbounded-task-creation %t -- -- -I %S/Inputs

#include "coro_lib.h"
#include <utility>
#include <vector>

lib::eager_task runChild(lib::lazy_task Child);
lib::eager_task fetch(int Id);
lib::lazy_task lazyFetch(int Id);

// kelcoro's when_any(std::vector<task<T>>).
lib::lazy_task firstOf(std::vector<lib::lazy_task> Tasks) {
  std::vector<lib::eager_task> Jobs;
  for (auto &T : Tasks)
    Jobs.push_back(runChild(std::move(T)));
  co_return;
}

// The same loop in a lambda of the combinator (kelcoro starts them in the
// callback of its own suspension).
lib::lazy_task allOf(std::vector<lib::lazy_task> Tasks) {
  auto Start = [&] {
    for (auto &T : Tasks)
      runChild(std::move(T));
  };
  Start();
  co_return;
}

// One task per input item: the count comes from the input.
lib::lazy_task serve(std::vector<int> Ids) {
  for (int Id : Ids)
    fetch(Id);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'fetch' starts an eager task in every iteration of the range-for loop over 'Ids' and nothing bounds how many run at once; use 'tether::for_each_bounded' or acquire a semaphore permit before the spawn [async-unbounded-task-creation]
  co_return;
}

// A plain function starting the tasks it is given: nothing awaits them.
void startAll(std::vector<lib::lazy_task> Tasks) {
  for (auto &T : Tasks)
    runChild(std::move(T));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'runChild' starts an eager task in every iteration of the range-for loop over 'Tasks' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
}

// A new task per task given, not the given one.
lib::lazy_task shadowAll(std::vector<lib::lazy_task> Tasks) {
  for (auto &T : Tasks)
    fetch(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'fetch' starts an eager task in every iteration of the range-for loop over 'Tasks' and nothing bounds how many run at once; use 'tether::for_each_bounded' or acquire a semaphore permit before the spawn [async-unbounded-task-creation]
  co_return;
}

// Tasks the coroutine made itself, one per input item, then started.
lib::lazy_task makeAndStart(std::vector<int> Ids) {
  std::vector<lib::lazy_task> Tasks;
  for (int Id : Ids)
    Tasks.push_back(lazyFetch(Id));
  for (auto &T : Tasks)
    runChild(std::move(T));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'runChild' starts an eager task in every iteration of the range-for loop over 'Tasks' and nothing bounds how many run at once; use 'tether::for_each_bounded' or acquire a semaphore permit before the spawn [async-unbounded-task-creation]
  co_return;
}
