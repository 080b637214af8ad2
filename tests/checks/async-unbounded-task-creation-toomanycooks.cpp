// TooManyCooks' accept loops fork a handler per client into a fork_group,
// which joins them only when it is awaited after the loop; detach() starts
// a task that nothing joins.
// RUN: %check_tidy %s async-unbounded-task-creation %t -- -- -I %S/Inputs

#include "toomanycooks.h"
#include <utility>
#include <vector>

int acceptOne();
tmc::task<void> handler(int Client);

tmc::task<void> acceptLoop() {
  auto Handlers = tmc::fork_group();
  while (true)
    Handlers.fork(handler(acceptOne()));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'fork' starts a task in every iteration of the endless 'while' loop and nothing bounds how many run at once; use 'tether::for_each_bounded' or acquire a semaphore permit before the spawn [async-unbounded-task-creation]
  co_await std::move(Handlers);
}

void detachEach(const std::vector<int> &Clients) {
  for (int Client : Clients)
    tmc::spawn(handler(Client)).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'detach' starts a task in every iteration of the range-for loop over 'Clients' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  // A fixed number of forks is bounded.
  auto Group = tmc::fork_group();
  for (int I = 0; I < 4; ++I)
    Group.fork(handler(I));
}
