// A task awaited in the iteration that started it does not add to what runs
// at once, whatever the library calls the wait: YACLib blocks on an rvalue
// future with `Get()` and on futures it is given with the free `Wait`
// (option JoinFunctions, which also holds `get`, `wait`, `join`).
// RUN: %check_tidy %s async-unbounded-task-creation %t -- -- -I %S/Inputs
// RUN: %check_tidy -check-suffixes=,LIST %s async-unbounded-task-creation %t -- \
// RUN:   -config="{CheckOptions: {async-unbounded-task-creation.JoinFunctions: 'get;::yaclib::Wait'}}" \
// RUN:   -- -I %S/Inputs

#include <coroutine>
#include <utility>

namespace yaclib {
// Eager, as yaclib::Future<int>: the coroutine runs as soon as it is called.
struct Future {
  struct promise_type {
    Future get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(int) {}
    void unhandled_exception() {}
  };
  int Get() &&;   // blocks until the coroutine has finished
  int Touch() &&; // takes a result that is there, without waiting
};
template <typename... Futures> void Wait(Futures &...Fs);
} // namespace yaclib

yaclib::Future step(int I);
void keep(yaclib::Future &F);

int stress(int N) {
  int Total = 0;
  for (int I = 0; I < N; ++I)
    Total += step(I).Get();
  // CHECK-MESSAGES-LIST: :[[@LINE-1]]:14: warning: 'step' starts an eager task in every iteration of the 'for' loop on 'I < N' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  for (int I = 0; I < N; ++I) {
    auto F = step(I);
    Total += std::move(F).Get();
    // CHECK-MESSAGES-LIST: :[[@LINE-2]]:14: warning: 'step' starts an eager task in every iteration of the 'for' loop on 'I < N'
  }
  for (int I = 0; I < N; ++I) {
    auto F = step(I);
    yaclib::Wait(F);
  }
  return Total;
}

void unjoined(int N) {
  // Taking a result without waiting for it does not end the task.
  for (int I = 0; I < N; ++I)
    (void)step(I).Touch();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'step' starts an eager task in every iteration of the 'for' loop on 'I < N'
  // Handed on, not waited for.
  for (int I = 0; I < N; ++I) {
    auto F = step(I);
    keep(F);
    // CHECK-MESSAGES: :[[@LINE-2]]:14: warning: 'step' starts an eager task in every iteration of the 'for' loop on 'I < N'
  }
}

// A callee that waits for the future it is given waits within the
// iteration too.
void check(yaclib::Future F) { yaclib::Wait(F); }
void consumed(int N) {
  for (int I = 0; I < N; ++I)
    check(step(I));
}
