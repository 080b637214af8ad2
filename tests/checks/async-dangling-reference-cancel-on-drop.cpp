// An eager task type whose destructor destroys its coroutine's frame (uvco's
// Promise and MultiPromise: the destructor cancels the coroutine through the
// core it shares with it) ends its coroutine when its holder dies: held by a
// local declared after the object, in an inner block, or in a container
// declared after the object, it cannot outlive the object. A specialization
// whose destructor is defined in another file (`Promise<void>`) is judged by
// the template's other specializations. Declared before the object, or of a
// type whose destructor frees only a finished frame, the task is reported.
// RUN: %check_tidy %s async-dangling-reference %t -- -- -I %S/Inputs

#include "cancel_on_drop.h"
#include <coroutine>
#include <exception>
#include <vector>

// Eager; its destructor frees the frame only once the coroutine is done.
struct Detaching {
  struct promise_type {
    Detaching get_return_object() {
      return Detaching{
          std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  std::coroutine_handle<promise_type> Handle;
  ~Detaching() {
    if (Handle.done())
      Handle.destroy();
  }
};

struct Channel {
  Event Ready;
  int Slot = 0;
  Promise<int> get() {
    co_await Ready;
    co_return Slot;
  }
  Promise<void> put(int V) {
    co_await Ready;
    Slot = V;
  }
  Detaching watch() {
    co_await Ready;
    ++Slot;
  }
};

Promise<int> handle(Channel &C) {
  co_await C.Ready;
  co_return C.Slot;
}

void cancelledInTime() {
  Channel Chan;
  {
    Promise<int> Reader = Chan.get();
  }
  Promise<void> Writer = Chan.put(2);
  std::vector<Promise<int>> Clients;
  Clients.push_back(handle(Chan));
}

void declaredBefore(Channel &Other) {
  Promise<int> Early = handle(Other);
  Channel Chan;
  Early = handle(Chan);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: task 'handle' stored in 'Early' can outlive local 'Chan', which its parameter 'C' refers to [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'Chan' is destroyed here, at the end of its scope
}

void freedOnlyWhenDone() {
  Channel Chan;
  Detaching Watcher = Chan.watch();
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: task 'watch' stored in 'Watcher' can outlive local 'Chan', the object it runs on [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'Chan' is destroyed here, at the end of its scope
}
