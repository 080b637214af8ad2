// A model of uvco's eager Promise (uvco/promise/promise.h): its destructor
// and its move assignment destroy the coroutine's frame through the core the
// task shares with its coroutine, cancelling what the coroutine still runs.
// The specialization for void has its destructor defined in another file.
#pragma once

#include <coroutine>
#include <exception>
#include <utility>

template <typename T> class Promise;

// What the task and its coroutine share; the task's destructor ends the
// coroutine through it.
struct Core {
  std::coroutine_handle<> Coroutine;
  void destroyCoroutine() {
    if (Coroutine)
      Coroutine.destroy();
  }
};

template <typename T> struct PromiseType {
  Core *Shared = new Core;
  Promise<T> get_return_object();
  std::suspend_never initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void return_value(T) {}
  void unhandled_exception() { std::terminate(); }
};

template <typename T> class Promise {
public:
  using promise_type = PromiseType<T>;
  explicit Promise(Core *C) : Shared(C) {}
  Promise(Promise &&Other) noexcept
      : Shared(std::exchange(Other.Shared, nullptr)) {}
  Promise &operator=(Promise &&Other) noexcept {
    if (Shared)
      Shared->destroyCoroutine();
    Shared = std::exchange(Other.Shared, nullptr);
    return *this;
  }
  ~Promise() {
    if (Shared)
      Shared->destroyCoroutine();
  }
  bool await_ready() const { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  T await_resume() { return T(); }

private:
  Core *Shared;
};

template <typename T> Promise<T> PromiseType<T>::get_return_object() {
  Shared->Coroutine = std::coroutine_handle<PromiseType>::from_promise(*this);
  return Promise<T>(Shared);
}

struct VoidPromiseType {
  Promise<void> get_return_object();
  std::suspend_never initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void return_void() {}
  void unhandled_exception() { std::terminate(); }
};

// Its destructor is defined in another file.
template <> class Promise<void> {
public:
  using promise_type = VoidPromiseType;
  explicit Promise(Core *C) : Shared(C) {}
  Promise(Promise &&Other) noexcept;
  ~Promise();
  bool await_ready() const { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}

private:
  Core *Shared;
};

struct Event {
  bool await_ready() const { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
