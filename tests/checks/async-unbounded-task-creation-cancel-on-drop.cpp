// An eager task whose type's destructor ends its coroutine (uvco's Promise
// destroys the frame, cancelling what it still runs) does not pile up when
// each one ends before the next starts: dropped, it ends with its statement;
// assigned to a variable, it ends the task the variable held before. Kept in
// a container, the tasks all run at once and are reported.
// RUN: %check_tidy %s async-unbounded-task-creation %t -- -- -I %S/Inputs

#include "cancel_on_drop.h"
#include <vector>

struct Source {
  Event Ready;
  Promise<int> next() {
    co_await Ready;
    co_return 1;
  }
  Promise<void> notify(int) { co_await Ready; }
};

Promise<int> drain(Source &S, std::vector<int> Items) {
  Promise<int> Pending = S.next();
  int Sum = 0;
  for (int Item : Items) {
    S.notify(Item);
    Sum += co_await Pending;
    Pending = S.next();
  }
  co_return Sum;
}

Promise<int> keepAll(Source &S, std::vector<int> Items) {
  std::vector<Promise<void>> All;
  for (int Item : Items)
    All.push_back(S.notify(Item));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'notify' starts an eager task in every iteration of the range-for loop over 'Items' and nothing bounds how many run at once; use 'tether::for_each_bounded' or acquire a semaphore permit before the spawn [async-unbounded-task-creation]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here and keep it in the task until the task ends: a semaphore of 16 permits lets 16 tasks run at once
  co_return 0;
}
