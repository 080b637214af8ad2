// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/detail/spawn.hpp — starting a child coroutine that tether owns.
//
// `spawn_child` co_spawns a task on `ex` with its cancellation slot bound to `slot` and calls
// `done(std::exception_ptr, std::optional<T>)` (or `done(std::exception_ptr)` for void) on the
// owner's executor `home` (or `same_executor`, or `complete_inline`) once the task has
// finished. No task is ever detached: the owner keeps the signal behind `slot` and waits for
// `done`. Once `done` has been called, co_spawn touches the slot no more: `done` may destroy
// the signal or clear the slot.
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "tether/asio.hpp"
#include "tether/detail/loop_watch.hpp"

namespace tether::detail {

/// Pass as `home` when the child runs on its owner's executor: no binding needed.
struct same_executor_t {};
inline constexpr same_executor_t same_executor{};

/// Pass as `home` when the child runs on its owner's executor and `done` is bookkeeping that
/// may run wherever the child ends, even inside co_spawn (it resumes no coroutine inline).
/// co_spawn runs the completion of a task that suspended inline (dispatch), but posts that of
/// a task that finished without suspending, so that no handler runs inside co_spawn: an
/// allocation and a trip through the scheduler per task, and until then the owner cannot
/// reuse what the task held, so a burst of short tasks holds one of everything per task.
struct complete_inline_t {};
inline constexpr complete_inline_t complete_inline{};

/// The executor `complete_inline` binds to `done`: it runs every function at once. It claims
/// blocking.never only because co_spawn's post requires the property; its one user wants
/// exactly the inline call.
struct inline_executor {
  template <class F>
  void execute(F&& f) const {
    std::forward<F>(f)();
  }
  inline_executor require(net::execution::blocking_t::never_t) const noexcept { return *this; }
  friend bool operator==(inline_executor, inline_executor) noexcept { return true; }
  friend bool operator!=(inline_executor, inline_executor) noexcept { return false; }
};

template <class T>
task<std::optional<T>> as_optional(task<T> t) {
  co_return std::optional<T>(co_await std::move(t));
}

/// Binds `done` to the owner's executor, unless the child runs on that executor anyway.
template <class Executor, class Home, class Done>
auto at_home(const Executor&, const Home& home, Done done) {
  if constexpr (std::is_same_v<Home, same_executor_t>)
    return done;
  else if constexpr (std::is_same_v<Home, complete_inline_t>)
    return net::bind_executor(inline_executor(), std::move(done));
  else
    return net::bind_executor(home, std::move(done));
}

#if defined(TETHER_USE_BOOST_ASIO) && BOOST_VERSION <= 108100
/// Boost.Asio 1.81's co_spawn ends a task that never suspended with one more `co_await`, which
/// throws if the task was cancelled meanwhile: the exception escapes io_context::run() and the
/// owner never hears of the task (a race whose winner completes at once cancels itself, so does
/// a body that calls g.cancel() and returns). The task's last step turns that check off.
template <class T>
task<T> end_with_cancellation_checks_off(task<T> t) {
  std::exception_ptr error;
  std::optional<std::conditional_t<std::is_void_v<T>, char, T>> value;
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(t);
      value.emplace();
    } else {
      value.emplace(co_await std::move(t));
    }
  } catch (...) {
    error = std::current_exception();
  }
  co_await net::this_coro::throw_if_cancelled(false);
  if (error)
    std::rethrow_exception(error);
  if constexpr (!std::is_void_v<T>)
    co_return std::move(*value);
}
#endif

/// The work co_spawn holds on the watched loop `w` for a child on `ex` whose completion goes
/// to `home`: one guard on the child's executor, one on the completion's (none for an inline
/// completion). A child on another context is not counted: it may deliver to the loop.
template <class Executor, class Home>
long work_on_loop(const loop_watch* w, const Executor&, const Home& home) {
  if (!w)
    return 0;
  if constexpr (std::is_same_v<Home, complete_inline_t>)
    return 1;
  else if constexpr (std::is_same_v<Home, same_executor_t>)
    return 2;
  else
    return &net::query(home, net::execution::context) == w->ctx ? 2 : 1;
}

/// `done`, which first takes the child's work off the watch of the loop (loop_watch.hpp).
/// The watch and the work (0 to 2) share one word: the completion handler is stored in the
/// child's first coroutine frame, and a frame past the size that Asio's recycling allocator
/// caches is allocated afresh for every child.
template <class Done>
struct counted_done {
  std::uintptr_t watch_and_work;
  Done done;
  template <class... A>
  void operator()(A&&... a) {
    if (watch_and_work) {
      auto* watch = reinterpret_cast<loop_watch*>(watch_and_work & ~std::uintptr_t(3));
      watch->spawned_work.fetch_sub(static_cast<long>(watch_and_work & 3),
                                    std::memory_order_relaxed);
    }
    done(std::forward<A>(a)...);
  }
};

template <class T, class Executor, class Home, class Done>
void spawn_child(const Executor& ex, task<T> t, net::cancellation_slot slot, const Home& home,
                 Done plain_done) {
#if defined(TETHER_USE_BOOST_ASIO) && BOOST_VERSION <= 108100
  t = end_with_cancellation_checks_off(std::move(t));
#endif
  std::uintptr_t watch_and_work = 0;
  if (loop_watch* watch = watch_for(ex)) {
    long work = work_on_loop(watch, ex, home);
    watch->spawned_work.fetch_add(work, std::memory_order_relaxed);
    static_assert(alignof(loop_watch) >= 4);
    watch_and_work = reinterpret_cast<std::uintptr_t>(watch) | static_cast<std::uintptr_t>(work);
  }
  counted_done<Done> done{watch_and_work, std::move(plain_done)};
  if constexpr (std::is_void_v<T>) {
    net::co_spawn(ex, std::move(t),
                  net::bind_cancellation_slot(slot, at_home(ex, home, std::move(done))));
  } else if constexpr (std::is_default_constructible_v<T>) {
    net::co_spawn(ex, std::move(t),
                  net::bind_cancellation_slot(
                      slot, at_home(ex, home,
                                    [done = std::move(done)](std::exception_ptr e, T v) mutable {
                                      if (e)
                                        done(std::move(e), std::optional<T>());
                                      else
                                        done(nullptr, std::optional<T>(std::move(v)));
                                    })));
  } else {
    net::co_spawn(ex, as_optional(std::move(t)),
                  net::bind_cancellation_slot(slot, at_home(ex, home, std::move(done))));
  }
}

} // namespace tether::detail

#include "tether/detail/wait_list.hpp"

namespace tether::detail {

/// Where a child that one coroutine waits for leaves its outcome.
template <class T>
struct child_outcome {
  bool done = false;
  std::exception_ptr error;
  std::optional<std::conditional_t<std::is_void_v<T>, char, T>> value;
  wait_list waiters;

  auto on_done() {
    return [this](std::exception_ptr e, auto&&... v) {
      if constexpr (sizeof...(v) == 1)
        value = std::move(v...);
      done = true;
      error = std::move(e);
      waiters.wake_all();
    };
  }

  T take() {
    if (error)
      std::rethrow_exception(error);
    if constexpr (!std::is_void_v<T>)
      return std::move(*value);
  }
};

} // namespace tether::detail
