// Half-written code, the editor's normal state: the check neither crashes nor
// reports nonsense on what does not compile, and still reports what does.
// RUN: %not %tidy %s --checks='-*,async-fire-and-forget' -- -std=c++20 -I %S/Inputs 2>&1 | %filecheck %s

#include "coro_lib.h"

lib::lazy_task lazy() { co_return; }
lib::lazy_task unfinished(int Count);

lib::lazy_task broken() {
  undeclared_task();
  lazy(1, 2);
  unfinished();
  lazy().missing_member();
  lazy().;
  auto Half = lazy() + ;
  co_return;
}

lib::lazy_task stillChecked() {
  lazy();
  co_return;
}

// CHECK-NOT: warning: {{.*}}[async-fire-and-forget]
// CHECK: :[[@LINE-5]]:3: warning: task returned by 'lazy' is discarded and never started
// CHECK-NOT: warning: {{.*}}[async-fire-and-forget]
