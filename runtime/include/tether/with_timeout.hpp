// tether/with_timeout.hpp — deadlines for awaitables.
//
//   auto n = co_await tether::with_timeout(sock.async_read_some(buf, net::use_awaitable), 5s);
//
// At the deadline the operation is cancelled, and with_timeout waits for it to stop before it
// throws `tether::timeout_error` (`timeout_or` returns an empty optional, or false for void):
// no operation outlives the call. A result that arrives before the operation stops is returned,
// never dropped. Cancelling the caller cancels the operation the same way and rethrows its
// error (usually `operation_aborted`).
#pragma once

#include <chrono>
#include <exception>
#include <optional>
#include <source_location>
#include <type_traits>
#include <utility>

#include "tether/asio.hpp"
#include "tether/cancellation.hpp"
#include "tether/detail/debug.hpp"
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

/// Runs `op` against a deadline; on return `op` has finished. `timed_out` tells whether the
/// deadline fired and the operation ended with a cancellation.
template <class T>
task<void> run_with_deadline(task<T> op, std::chrono::steady_clock::duration d,
                             child_outcome<T>& out, bool& timed_out) {
  auto ex = co_await net::this_coro::executor;
  auto state = co_await net::this_coro::cancellation_state;
  net::cancellation_signal signal;
  net::steady_timer timer(ex, d);
  // From here on this coroutine must not leave before the child has finished.
  bool throws = co_await net::this_coro::throw_if_cancelled();
  co_await net::this_coro::throw_if_cancelled(false);
  spawn_child(ex, std::move(op), signal.slot(), same_executor, [&out, &timer](std::exception_ptr e, auto&&... v) {
    out.on_done()(std::move(e), std::forward<decltype(v)>(v)...);
    timer.cancel();
  });
  bool deadline = false;
  if (!out.done) {
    error_code ec;
    if (state.cancelled() == net::cancellation_type::none)
      co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
    else
      ec = net::error::operation_aborted;
    deadline = !ec;
    if (!out.done) {
      signal.emit(net::cancellation_type::terminal);
      co_await wait_in(out.waiters, nullptr, /*cancellable=*/false);
    }
  }
  co_await net::this_coro::throw_if_cancelled(throws);
  timed_out = deadline && out.error && is_cancellation(out.error);
}

} // namespace detail

/// The result of `op`, or `timeout_error` if it had not completed after `d`.
template <class T, class Rep, class Period>
task<T> with_timeout(task<T> op, std::chrono::duration<Rep, Period> d,
                     std::source_location where = std::source_location::current()) {
  detail::child_outcome<T> out;
  bool timed_out = false;
  co_await detail::run_with_deadline(
      std::move(op), std::chrono::ceil<std::chrono::steady_clock::duration>(d), out, timed_out);
  detail::note_resume(where);
  if (timed_out)
    throw timeout_error();
  co_return out.take();
}

/// The result of `op`, or nothing if it had not completed after `d` (for a void `op`: whether
/// it completed).
template <class T, class Rep, class Period>
task<std::conditional_t<std::is_void_v<T>, bool, std::optional<T>>>
timeout_or(task<T> op, std::chrono::duration<Rep, Period> d,
           std::source_location where = std::source_location::current()) {
  detail::child_outcome<T> out;
  bool timed_out = false;
  co_await detail::run_with_deadline(
      std::move(op), std::chrono::ceil<std::chrono::steady_clock::duration>(d), out, timed_out);
  detail::note_resume(where);
  if constexpr (std::is_void_v<T>) {
    if (timed_out)
      co_return false;
    out.take();
    co_return true;
  } else {
    if (timed_out)
      co_return std::nullopt;
    co_return std::optional<T>(out.take());
  }
}

} // namespace tether
