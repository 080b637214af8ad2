// An async scope's spawn starts what it is given in an eager task that the
// scope counts and joins: the scope owns it. The same eager task started
// anywhere else has no owner.
// RUN: %check_tidy %s async-fire-and-forget %t -- -header-filter='.*' -- -I %S/Inputs
// RUN: %check_tidy -check-suffixes=,NOSCOPES %s async-fire-and-forget %t -- -header-filter='.*' \
// RUN:   -config="{CheckOptions: {async-fire-and-forget.ScopeSpawnFunctions: ''}}" \
// RUN:   -- -I %S/Inputs

#include "cppcoro_async_scope.h"

cppcoro::task<> handle();

void serve(cppcoro::async_scope &Scope) {
  Scope.spawn(handle());
  [](cppcoro::task<> T) -> cppcoro::oneway_task {
    co_await std::move(T);
  }(handle());
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: task returned by the immediately invoked lambda is discarded and runs unowned: nobody can wait for it or cancel it, and an exception escaping it ends the program; co_await it or keep it to await later [async-fire-and-forget]
}

// Without the option, the spawn of the scope is an unowned start too:
// CHECK-MESSAGES-NOSCOPES: cppcoro_async_scope.h:35:5: warning: task returned by the immediately invoked lambda is discarded and runs unowned: nobody can wait for it or cancel it, and an exception escaping it ends the program; co_await it or keep it to await later [async-fire-and-forget]
