// A range-for over an iota view whose bounds are compile-time constants runs
// a count known at compile time, as a counted loop up to a constant does;
// one whose bound comes from input, or that has none, does not.
// RUN: %check_tidy %s async-unbounded-task-creation %t -- -- -I %S/Inputs

#include "coro_lib.h"
#include <ranges>
#include <vector>

lib::eager_task bump(int);

constexpr int Shards = 8;

// kelcoro's tests: ten jobs, as `for (int I = 0; I < 10; ++I)` starts.
void tenBumps() {
  for (auto I : std::views::iota(0, 10))
    bump(I);
  for (int I : std::ranges::iota_view(0, Shards))
    bump(I);
  for (int I : std::ranges::iota_view<int, int>(2, 2 + Shards))
    bump(I);
  for (unsigned I : std::views::iota(0u, 4u))
    bump(static_cast<int>(I));
}

void inputBumps(int N) {
  for (auto I : std::views::iota(0, N))
    bump(I);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'bump' starts an eager task in every iteration of the range-for loop over 'std::views::iota(0, N)' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
}

// A constant count above MaxConstantTripCount is reported, with its count.
void manyBumps() {
  for (auto I : std::views::iota(0, 1000))
    bump(I);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'bump' starts an eager task in every iteration of the range-for loop over 'std::views::iota(0, 1000)' (1000 iterations in all) and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
}

// An iota with no end never stops.
void endlessBumps() {
  for (auto I : std::views::iota(0))
    bump(I);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'bump' starts an eager task in every iteration of the range-for loop over 'std::views::iota(0)' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
}

// A constant loop inside a loop over input still runs once per item.
void nestedBumps(const std::vector<int> &Items) {
  for (int Item : Items)
    for (auto I : std::views::iota(0, 4))
      bump(Item + I);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'bump' starts an eager task in every iteration of the range-for loop over 'Items' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
}
