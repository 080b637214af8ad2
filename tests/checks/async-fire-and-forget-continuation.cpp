// A continuation chained to a running task (QCoro's `then`) hands the task's
// result to its callback: dropping it loses only the exception, and nothing
// when an error callback is given too. The message says so.
// RUN: %check_tidy %s async-fire-and-forget %t

#include <coroutine>
#include <exception>
#include <utility>

namespace QCoro {
// Eager, as QCoro's Task.
template <typename T = void> struct Task;
template <typename T> struct Promise {
  Task<T> get_return_object();
  std::suspend_never initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void return_value(T) {}
  void unhandled_exception() {}
};
template <> struct Promise<void> {
  Task<void> get_return_object();
  std::suspend_never initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void return_void() {}
  void unhandled_exception() {}
};
template <typename T> struct Task {
  using promise_type = Promise<T>;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  T await_resume();
  template <typename ThenCallback> Task<> then(ThenCallback &&Callback) && {
    return {};
  }
  template <typename ThenCallback, typename ErrorCallback>
  Task<> then(ThenCallback &&Callback, ErrorCallback &&ErrorCb) && {
    return {};
  }
};
template <typename T> Task<T> Promise<T>::get_return_object() { return {}; }
inline Task<void> Promise<void>::get_return_object() { return {}; }
} // namespace QCoro

QCoro::Task<int> compute() { co_return 1; }
void show(int);
void logError(const std::exception &);
void onResult(int Value) { show(Value); }

void handled() {
  compute().then([](int V) { show(V); },
                 [](const std::exception &E) { logError(E); });
  compute().then(onResult, logError);
  compute().then([](int) {}, [](const auto &) {});
}

void exceptionLost() {
  compute().then([](int V) { show(V); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: continuation returned by 'then' is discarded and runs unowned: its callback gets the result, but an exception is lost; give 'then' an error callback, or keep the continuation to await it [async-fire-and-forget]
  compute().then(onResult);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: continuation returned by 'then' is discarded and runs unowned
  compute();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'compute' is discarded and runs unowned: its result and its exception are lost; co_await it or keep it to await later [async-fire-and-forget]
}

QCoro::Task<> kept() {
  auto Next = compute().then([](int V) { show(V); });
  co_await std::move(Next);
}
