// An eager task whose type's destructor ends its coroutine (uvco's Promise
// destroys the frame) is cancelled when it is dropped, not left running: the
// warning names that harm. Awaited, kept or spawned, it is owned.
// RUN: %check_tidy %s async-fire-and-forget %t -- -- -I %S/Inputs
// RUN: %check_tidy -fix-notes -check-suffixes=,FIXNOTES %s async-fire-and-forget %t -- -- -I %S/Inputs

#include "cancel_on_drop.h"

struct Source {
  Event Ready;
  Promise<void> notify(int) { co_await Ready; }
  Promise<int> next() {
    co_await Ready;
    co_return 1;
  }
};

Promise<void> publish(Source &S) {
  S.notify(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'notify' is discarded and its destructor cancels it: the coroutine is destroyed where it first suspends and the rest of its body never runs; co_await it or keep it to await later [async-fire-and-forget]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: co_await the task to own it; this coroutine then waits for it
  // CHECK-FIXES-FIXNOTES: {{^}}  co_await S.notify(1);{{$}}
  S.next();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'next' is discarded and its destructor cancels it: the coroutine is destroyed where it first suspends and the rest of its body never runs; co_await it or keep it to await later [async-fire-and-forget]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: co_await the task to own it; this coroutine then waits for it
  // CHECK-FIXES-FIXNOTES: {{^}}  co_await S.next();{{$}}
  co_await S.notify(2);
  Promise<int> Kept = S.next();
  co_await Kept;
}
