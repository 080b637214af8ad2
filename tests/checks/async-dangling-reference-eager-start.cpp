// An eager coroutine runs its body in the call, up to its first suspension,
// while its caller's arguments still live: a reference parameter it uses
// only there cannot dangle (QCoro's sleepFor starts its timer from its
// parameter, then awaits the timer). A use after the first suspension, a
// reference kept past it, or a lazy task is still reported.
// RUN: %check_tidy %s async-dangling-reference %t -- -- -I %S/Inputs

#include "coro_lib.h"
#include <string>
#include <string_view>
#include <utility>

lib::lazy_task pause();
void startTimer(int Ms);
int toMilliseconds(const int &Duration);
void record(std::size_t Size);

// QCoro's sleepFor, and sleepUntil returning it.
lib::eager_task sleepFor(const int &Timeout) {
  startTimer(toMilliseconds(Timeout));
  co_await pause();
}

lib::eager_task sleepUntil(int When) {
  const int Tp = When - 1;
  return sleepFor(Tp);
}

lib::eager_task logFirst(std::string_view Line, const int *Limit) {
  record(Line.size() + *Limit);
  co_await pause();
}

lib::eager_task Pending = lib::eager_task();

void keepLog() {
  std::string Text = "x";
  int Limit = 1;
  Pending = logFirst(Text, &Limit);
}

// The reference is read after the first suspension: the caller's local may
// be gone by then.
lib::eager_task sleepThenRead(const int &Timeout) {
  co_await pause();
  startTimer(Timeout);
}

lib::eager_task readAfterSuspending(int When) {
  const int Tp = When - 1;
  return sleepThenRead(Tp);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: task 'sleepThenRead' returned by 'readAfterSuspending' can outlive local 'Tp', which its parameter 'Timeout' refers to [async-dangling-reference]
}

// A lazy task runs nothing of its body before it is awaited.
lib::lazy_task lazySleep(const int &Timeout) {
  startTimer(Timeout);
  co_await pause();
}

lib::lazy_task lazyReadBeforeSuspending(int When) {
  const int Tp = When - 1;
  return lazySleep(Tp);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: task 'lazySleep' returned by 'lazyReadBeforeSuspending' can outlive local 'Tp', which its parameter 'Timeout' refers to [async-dangling-reference]
}

// Read in the statement that suspends: the suspension may come first.
lib::lazy_task waitFor(const int &Timeout);
lib::eager_task awaitWithIt(const int &Timeout) { co_await waitFor(Timeout); }

lib::eager_task readWhileSuspending(int When) {
  const int Tp = When - 1;
  return awaitWithIt(Tp);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: task 'awaitWithIt' returned by 'readWhileSuspending' can outlive local 'Tp', which its parameter 'Timeout' refers to [async-dangling-reference]
}

// Kept past the first suspension: a local reference, a lambda, a task made
// with it.
lib::eager_task keepReference(const int &Timeout) {
  const int &Kept = Timeout;
  co_await pause();
  startTimer(Kept);
}

lib::eager_task keepInLambda(const int &Timeout) {
  auto Later = [&] { startTimer(Timeout); };
  co_await pause();
  Later();
}

lib::eager_task keepInTask(const int &Timeout) {
  lib::lazy_task Next = lazySleep(Timeout);
  co_await pause();
  co_await std::move(Next);
}

lib::eager_task keptPastSuspending(int When) {
  const int Tp = When - 1;
  Pending = keepReference(Tp);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: task 'keepReference' stored in 'Pending' can outlive local 'Tp', which its parameter 'Timeout' refers to [async-dangling-reference]
  Pending = keepInLambda(Tp);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: task 'keepInLambda' stored in 'Pending' can outlive local 'Tp', which its parameter 'Timeout' refers to [async-dangling-reference]
  return keepInTask(Tp);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: task 'keepInTask' returned by 'keptPastSuspending' can outlive local 'Tp', which its parameter 'Timeout' refers to [async-dangling-reference]
}

// Its promise is made from the coroutine's parameters and keeps one: the
// body need not read it for the task to hold it.
struct keeper_task {
  struct promise_type {
    explicit promise_type(const int &Watched) : Watched(&Watched) {}
    keeper_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
    const int *Watched;
  };
};

keeper_task watch(const int &Timeout) { co_await pause(); }

keeper_task watched(int When) {
  const int Tp = When - 1;
  return watch(Tp);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: task 'watch' returned by 'watched' can outlive local 'Tp', which its parameter 'Timeout' refers to [async-dangling-reference]
}
