// Half-written code, the editor's normal state: the check neither crashes nor
// reports nonsense on what does not compile, and still reports what does.
// RUN: %not %tidy %s --checks='-*,async-unbounded-task-creation' -- -std=c++20 -I %S/Inputs 2>&1 | %filecheck %s

#include "task_scopes.h"

int count();
cppcoro::task<> handle(int);

void broken(cppcoro::async_scope &Scope, int Limit) {
  for (int Id : undeclared_range)
    Scope.spawn(handle(Id));
  for (int I = 0; I < undeclared_bound; ++I)
    Scope.spawn(handle(I));
  while (count() > 0)
    Scope.spawn(handle(undeclared_id));
  for (int I = 0; I < Limit; ++I)
    Scope.spawn(handle(I), 1, 2);
  for (int I = 0; I < Limit; ++I)
    Scope.spawn(handle(I).);
  for (int I = 0; I < Limit; ++I) {
    Scope.missing(handle(I));
  }
  for (int I = 0; I < ; ++I)
    Scope.spawn(handle(I));
}

void stillChecked(cppcoro::async_scope &Scope, int Limit) {
  for (int I = 0; I < Limit; ++I)
    Scope.spawn(handle(I));
}

// CHECK-NOT: warning: {{.*}}[async-unbounded-task-creation]
// CHECK: :[[@LINE-4]]:5: warning: 'spawn' on 'async_scope' starts a task in every iteration of the 'for' loop on 'I < Limit'
// CHECK-NOT: warning: {{.*}}[async-unbounded-task-creation]
