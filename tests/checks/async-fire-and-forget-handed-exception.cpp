// A running task whose coroutine catches every exception into an object its
// caller gave it (`context.exception = std::current_exception()`), dropped
// by a caller that reads that member afterwards, is owned by that caller: it
// collects the outcome itself, as a promise's owner does (QCoro's waitFor).
// RUN: %check_tidy %s async-fire-and-forget %t

#include <coroutine>
#include <exception>

struct Eager {
  struct promise_type {
    Eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct Step {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};

struct WaitContext {
  bool Finished = false;
  std::exception_ptr Exception;
  std::exception_ptr Other;
};
void runLoopUntil(bool &Done);

Eager runCoroutine(WaitContext &Context) {
  try {
    co_await Step{};
  } catch (...) {
    Context.Exception = std::current_exception();
  }
  Context.Finished = true;
}

Eager runWithPointer(WaitContext *Context) {
  try {
    co_await Step{};
  } catch (const std::exception &) {
    Context->Exception = std::current_exception();
  }
  Context->Finished = true;
}

void waitFor() {
  WaitContext Context;
  runCoroutine(Context);
  runLoopUntil(Context.Finished);
  if (Context.Exception)
    std::rethrow_exception(Context.Exception);
}

void waitThroughPointer() {
  WaitContext Context;
  runWithPointer(&Context);
  runLoopUntil(Context.Finished);
  if (Context.Exception)
    std::rethrow_exception(Context.Exception);
}

// Nobody reads the exception after the call.
void neverCollected() {
  WaitContext Context;
  if (Context.Exception)
    return;
  runCoroutine(Context);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'runCoroutine' is discarded and runs unowned: its result and its exception are lost; co_await it or keep it to await later [async-fire-and-forget]
  runLoopUntil(Context.Finished);
  if (Context.Other)
    std::rethrow_exception(Context.Other);
}

// The handler stores the exception, then rethrows it: it escapes the body.
Eager storesAndRethrows(WaitContext &Context) {
  try {
    co_await Step{};
  } catch (...) {
    Context.Exception = std::current_exception();
    throw;
  }
}

// The exception is kept in the coroutine's own frame.
Eager keepsItsOwn(WaitContext &Context) {
  WaitContext Own;
  try {
    co_await Step{};
  } catch (...) {
    Own.Exception = std::current_exception();
  }
  Context.Finished = true;
}

void notHanded() {
  WaitContext Context;
  storesAndRethrows(Context);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'storesAndRethrows' is discarded and runs unowned
  keepsItsOwn(Context);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'keepsItsOwn' is discarded and runs unowned
  if (Context.Exception)
    std::rethrow_exception(Context.Exception);
}
