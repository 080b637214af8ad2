// A stand-in for async_simple's Lazy, RescheduleLazy and Latch, declared
// where the library declares them: `start` is a member of
// `detail::LazyBase`, which Lazy brings in with a using-declaration;
// `detach` is RescheduleLazy's; `directlyStart` is Lazy's.
#pragma once

#include <coroutine>
#include <cstddef>
#include <utility>

namespace async_simple {

class Executor {};

template <typename T> class Try {};

namespace coro {

template <typename T> class Lazy;
template <typename T> class RescheduleLazy;

namespace detail {

template <typename T> struct LazyPromise {
  Lazy<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void return_void() noexcept {}
  void unhandled_exception() noexcept {}
};

template <typename T, bool Reschedule> class LazyBase {
public:
  using promise_type = LazyPromise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  explicit LazyBase(Handle Coro) noexcept : Coro(Coro) {}
  LazyBase(LazyBase &&Other) noexcept : Coro(std::exchange(Other.Coro, {})) {}
  ~LazyBase() {
    if (Coro)
      Coro.destroy();
  }

  template <typename F> void start(F &&Callback) {}

  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}

protected:
  Handle Coro;
};

} // namespace detail

template <typename T = void>
class [[nodiscard]] Lazy : public detail::LazyBase<T, false> {
  using Base = detail::LazyBase<T, false>;

public:
  using Base::Base;
  using Base::start;

  RescheduleLazy<T> via(Executor *Ex) && {
    return RescheduleLazy<T>(std::exchange(this->Coro, {}));
  }

  template <typename F> void directlyStart(F &&Callback, Executor *Ex) {
    start(static_cast<F &&>(Callback));
  }
};

template <typename T = void>
class [[nodiscard]] RescheduleLazy : public detail::LazyBase<T, true> {
  using Base = detail::LazyBase<T, true>;

public:
  using Base::Base;
  void detach() {}
};

template <typename T>
Lazy<T> detail::LazyPromise<T>::get_return_object() noexcept {
  return Lazy<T>(Lazy<T>::Handle::from_promise(*this));
}

class Latch {
public:
  explicit Latch(std::size_t Count) {}
  Lazy<void> count_down(std::size_t Update = 1);
  Lazy<void> wait() const noexcept;
};

} // namespace coro
} // namespace async_simple
