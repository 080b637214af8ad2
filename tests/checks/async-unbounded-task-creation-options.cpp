// Every option: a smaller constant bound, another concurrency in the
// rewrite, spawn and limiter functions of the application, a helper of its
// own that bounds what it runs. Then bad entries, reported as such.
// RUN: %check_tidy -fix-notes %s async-unbounded-task-creation %t -- \
// RUN:   -config="{CheckOptions: {async-unbounded-task-creation.MaxConstantTripCount: 2, \
// RUN:     async-unbounded-task-creation.MaxConcurrency: 4, \
// RUN:     async-unbounded-task-creation.SpawnFunctions: '::legacy::spawn_worker;^::legacy::post_.*', \
// RUN:     async-unbounded-task-creation.LimiterFunctions: '::legacy::Gate::enter', \
// RUN:     async-unbounded-task-creation.BoundedHelpers: '::legacy::each_bounded'}}" \
// RUN:   -- -I %runtime_include %asio_flags
// RUN: %tidy %s --checks='-*,async-unbounded-task-creation' \
// RUN:   -config="{CheckOptions: {async-unbounded-task-creation.LimiterFunctions: 'acquire_(;::legacy::Gate::enter', \
// RUN:     async-unbounded-task-creation.MaxConcurrency: many}}" \
// RUN:   -- -std=c++20 -I %runtime_include %asio_flags 2>&1 | %filecheck -check-prefix=BAD %s

#include <tether/task_group.hpp>
#include <vector>

namespace legacy {
inline void spawn_worker(int) {}
inline void post_job(int) {}
struct Gate {
  void enter() {}
};
template <typename Range, typename Fn> void each_bounded(const Range &Items, Fn F) {
  for (const auto &Item : Items)
    spawn_worker(Item);
}
} // namespace legacy

tether::task<int> fetch(int Id) { co_return Id; }

tether::task<void> fanOut(tether::task_group &G, const std::vector<int> &Ids) {
  for (int I = 0; I < 3; ++I)
    G.spawn(fetch(I));
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'spawn' on 'task_group' starts a task in every iteration of the 'for' loop on 'I < 3' (3 iterations in all) and nothing bounds
  // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here and keep it in the task until the task ends: a semaphore of 4 permits lets 4 tasks run at once
  for (int I = 0; I < 2; ++I)
    G.spawn(fetch(I));
  for (int Id : Ids)
    G.spawn(fetch(Id));
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Ids'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: run the loop with 'tether::for_each_bounded': at most 4 tasks run at once
  // CHECK-FIXES: {{^}}#include <tether/for_each_bounded.hpp>{{$}}
  // CHECK-FIXES: {{^}}  co_await tether::for_each_bounded(Ids, 4, [&](auto&& Id) { return fetch(Id); });{{$}}
  co_return;
}

void legacyCode(const std::vector<int> &Ids, legacy::Gate &Gate) {
  for (int Id : Ids)
    legacy::spawn_worker(Id);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'spawn_worker' starts a task in every iteration of the range-for loop over 'Ids' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size
  // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'std::counting_semaphore' here and release it when the task ends: a semaphore of 4 lets 4 run at once
  for (int Id : Ids)
    legacy::post_job(Id);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'post_job' starts a task in every iteration
  // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'std::counting_semaphore' here
  for (int Id : Ids) {
    Gate.enter();
    legacy::spawn_worker(Id);
  }
  legacy::each_bounded(Ids, [](int Id) {
    for (int Part = 0; Part < Id; ++Part)
      legacy::spawn_worker(Part);
  });
  auto Body = [](int Id) {
    for (int Part = 0; Part < Id; ++Part)
      legacy::spawn_worker(Part);
  };
  legacy::each_bounded(Ids, Body);
  auto Elsewhere = [](int Id) {
    for (int Part = 0; Part < Id; ++Part)
      legacy::spawn_worker(Part);
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'spawn_worker' starts a task in every iteration of the 'for' loop on 'Part < Id'
    // CHECK-NOTES: :[[@LINE-2]]:7: note: acquire a 'std::counting_semaphore' here
  };
  Elsewhere(1);
}

// BAD-DAG: warning: invalid configuration value 'many' for option 'async-unbounded-task-creation.MaxConcurrency'; expected an integer [clang-tidy-config]
// BAD-DAG: warning: invalid regular expression 'acquire_(' for option 'async-unbounded-task-creation.LimiterFunctions': parentheses not balanced; the entry is ignored [clang-tidy-config]
