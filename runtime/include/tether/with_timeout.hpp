// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/with_timeout.hpp — deadlines for awaitables.
//
//   auto n = co_await tether::with_timeout(sock.async_read_some(buf, net::use_awaitable), 5s);
//   co_await tether::with_deadline(send(reply), d);   // a tether::deadline or a time point
//
// `with_timeout(op, d)` counts `d` from when it starts (when first awaited); `with_deadline`
// takes an absolute deadline that several steps can share (see tether/deadline.hpp).
// At the deadline the operation is cancelled, and with_timeout waits for it to stop before it
// throws `tether::timeout_error` (`timeout_or` returns an empty optional, or false for void):
// no operation outlives the call. A result that arrives before the operation stops is returned,
// never dropped. Cancelling the caller cancels the operation the same way and rethrows its
// error (usually `operation_aborted`), also when the deadline passes while it stops: the
// caller's cancellation wins. The caller and the operation share one executor (a
// single-threaded io_context or a strand): on an io_context run by several threads without a
// strand, the operation's completion and the deadline race the caller. Where that can be told
// (a bare executor of an io_context built for several threads, `io_context(4)`, or of a
// thread_pool of several), the call throws std::logic_error instead of starting; an
// io_context built with the default hint and run by several threads cannot be told from a
// single-threaded one (detail/one_executor.hpp).
#pragma once

#include <chrono>
#include <exception>
#include <optional>
#include <source_location>
#include <type_traits>
#include <utility>

#include "tether/annotations.hpp"
#include "tether/asio.hpp"
#include "tether/cancellation.hpp"
#include "tether/deadline.hpp"
#include "tether/detail/deadline_queue.hpp"
#include "tether/detail/debug.hpp"
#include "tether/detail/one_executor.hpp"
#include "tether/detail/spawn.hpp"
#include "tether/detail/wait_list.hpp"

namespace tether {

/// Thrown by with_timeout when the deadline passed first. Not a cancellation.
class timeout_error : public system_error {
public:
  timeout_error() : system_error(error_code(net::error::timed_out), "tether::with_timeout") {}
  const char* what() const noexcept override {
    return "tether::with_timeout: the deadline passed before the operation completed";
  }
};

namespace detail {

/// What a call of with_timeout keeps in its frame: its deadline, the operation's cancellation
/// signal and the operation's outcome.
template <class T>
struct deadline_control : deadline_queue::entry {
  net::cancellation_signal signal;
  child_outcome<T> out;
  bool deadline_passed = false;
  bool fire_ran = false;

  static void on_deadline(deadline_queue::entry* e) { // runs on the caller's executor
    auto* self = static_cast<deadline_control*>(e);
    self->fire_ran = true;
    if (!self->out.done) {
      self->deadline_passed = true;
      self->signal.emit(net::cancellation_type::terminal);
    }
    self->out.waiters.wake_all();
  }
};

/// Installed in the caller's cancellation slot while it waits: its terminal cancellation
/// cancels the operation, and the wait goes on until the operation has stopped.
struct forward_cancellation {
  net::cancellation_signal* to;
  void operator()(net::cancellation_type type) {
    if ((type & net::cancellation_type::terminal) != net::cancellation_type::none)
      to->emit(net::cancellation_type::terminal);
  }
};

/// Starts the operation once the caller has suspended, and hands the caller's resumption to
/// the operation's completion: no wait list, no registration, and if the execution context is
/// destroyed under a pending operation, destroying the operation destroys the waiting caller
/// with it (as a wait on any Asio operation does). Holds only pointers into the caller's frame:
/// g++ 12 may destroy a temporary of a `co_await` expression twice, harmless only for a
/// trivially destructible one (an executor copied in here was freed twice on a strand).
template <class T>
struct start_against_deadline {
  task<T>* op;
  deadline_control<T>* c;
  const net::any_io_executor* ex;
  bool stop_at_once; // the caller was cancelled before it started

  template <class Handler>
  void operator()(Handler&& handler) const {
    auto slot = net::get_associated_cancellation_slot(handler);
    bool forwarding = !stop_at_once && slot.is_connected();
    if (forwarding)
      slot.template emplace<forward_cancellation>(&c->signal);
    // The operation completes on our executor, as the last thing its handler does: resume
    // the caller inline.
    spawn_child(*ex, std::move(*op), c->signal.slot(), same_executor,
                [c = c, forwarding, h = std::forward<Handler>(handler)](
                    std::exception_ptr e, auto&&... v) mutable {
                  if constexpr (sizeof...(v) == 1)
                    c->out.value = std::move(v...);
                  c->out.done = true;
                  c->out.error = std::move(e);
                  if (forwarding)
                    net::get_associated_cancellation_slot(h).clear();
                  std::move(h)();
                });
    // co_spawn never calls the completion inside itself (a task that finishes without
    // suspending has its completion posted), so `c` is still there.
    if (stop_at_once)
      c->signal.emit(net::cancellation_type::terminal);
  }
};

/// Runs `op` against the deadline `when()`; once `op` has finished, returns
/// `finish(timed_out, outcome)`, where `timed_out` tells whether the deadline passed and the
/// operation then ended with a cancellation.
template <class R, class T, class When, class Finish>
task<R> run_with_deadline(task<T> op, When when, std::source_location where, const char* who,
                          Finish finish) {
  deadline_control<T> c;
  auto due = when();
  auto ex = co_await net::this_coro::executor;
  auto& deadlines = deadline_queue::of(ex);
  require_one_executor(ex, deadlines, who);
  auto state = co_await net::this_coro::cancellation_state;
  c.owner = ex;
  c.fire = &deadline_control<T>::on_deadline;
  // From here on this coroutine must not leave before the operation has finished.
  bool throws = co_await net::this_coro::throw_if_cancelled();
  co_await net::this_coro::throw_if_cancelled(false);
  bool armed = state.cancelled() == net::cancellation_type::none;
  if (armed)
    deadlines.arm(c, due);
  co_await net::async_initiate<const net::use_awaitable_t<>&, void()>(
      start_against_deadline<T>{&op, &c, &ex, !armed}, net::use_awaitable);
  if (armed && !deadlines.disarm(c))
    while (!c.fire_ran) // the deadline passed meanwhile: its action is on its way to us
      co_await wait_in(c.out.waiters, nullptr, /*cancellable=*/false);
  co_await net::this_coro::throw_if_cancelled(throws);
  // The caller's cancellation wins over a deadline that passed while the operation was
  // stopping: the caller was going away anyway, and a timeout_error would be taken for a
  // failure by whoever cancelled it (a task_group cancelled by a sibling's error).
  bool timed_out = c.deadline_passed && state.cancelled() == net::cancellation_type::none &&
                   c.out.error && is_cancellation(c.out.error);
  note_resume(where);
  if constexpr (std::is_void_v<R>)
    finish(timed_out, c.out);
  else
    co_return finish(timed_out, c.out);
}

/// with_timeout's deadline: `d` after the operation starts, which is when the task returned by
/// with_timeout is first awaited (a task does nothing before that).
template <class Rep, class Period>
auto after_start(std::chrono::duration<Rep, Period> d) {
  return [d] { return saturating_add(deadline_queue::clock::now(), d); };
}

inline auto at(deadline d) {
  return [d] { return d.when(); };
}

template <class T, class When>
task<T> result_before(task<T> op, When when, std::source_location where) {
  const char* who = "tether::with_timeout or with_deadline";
  return run_with_deadline<T>(std::move(op), when, where, who,
                              [](bool timed_out, child_outcome<T>& out) -> T {
                                if (timed_out)
                                  throw timeout_error();
                                return out.take();
                              });
}

template <class T>
using result_or_nothing_t = std::conditional_t<std::is_void_v<T>, bool, std::optional<T>>;

template <class T, class When>
task<result_or_nothing_t<T>> result_or_nothing_before(task<T> op, When when,
                                                      std::source_location where) {
  return run_with_deadline<result_or_nothing_t<T>>(
      std::move(op), when, where, "tether::timeout_or",
      [](bool timed_out, child_outcome<T>& out) -> result_or_nothing_t<T> {
        if constexpr (std::is_void_v<T>) {
          if (timed_out)
            return false;
          out.take();
          return true;
        } else {
          if (timed_out)
            return std::nullopt;
          return std::optional<T>(out.take());
        }
      });
}

} // namespace detail

/// The result of `op`, or `timeout_error` if it had not completed after `d`.
template <class T, class Rep, class Period>
TETHER_PROVIDES_DEADLINE task<T>
with_timeout(task<T> op, std::chrono::duration<Rep, Period> d,
             std::source_location where = std::source_location::current()) {
  return detail::result_before(std::move(op), detail::after_start(d), where);
}

/// The result of `op`, or `timeout_error` if it had not completed by `d` (a `deadline` or a
/// time point).
template <class T>
TETHER_PROVIDES_DEADLINE task<T>
with_deadline(task<T> op, deadline d,
              std::source_location where = std::source_location::current()) {
  return detail::result_before(std::move(op), detail::at(d), where);
}

/// The result of `op`, or nothing if it had not completed after `d` (for a void `op`: whether
/// it completed).
template <class T, class Rep, class Period>
TETHER_PROVIDES_DEADLINE task<detail::result_or_nothing_t<T>>
timeout_or(task<T> op, std::chrono::duration<Rep, Period> d,
           std::source_location where = std::source_location::current()) {
  return detail::result_or_nothing_before(std::move(op), detail::after_start(d), where);
}

/// The result of `op`, or nothing if it had not completed by `d` (a `deadline` or a time point).
template <class T>
TETHER_PROVIDES_DEADLINE task<detail::result_or_nothing_t<T>>
timeout_or(task<T> op, deadline d,
           std::source_location where = std::source_location::current()) {
  return detail::result_or_nothing_before(std::move(op), detail::at(d), where);
}

} // namespace tether
