// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/deadline.hpp — one absolute deadline for several steps.
//
//   auto d = tether::deadline::after(5s);              // or a time point: deadline(tp)
//   auto conn = co_await tether::with_deadline(connect(ep), d);
//   co_await tether::with_deadline(send(conn, request), d);  // what is left of the same 5 s
//
// asyncio's `timeout_at`, Trio's `move_on_at`: where with_timeout gives each operation its own
// duration, a deadline is a moment that every step it bounds shares. It is a value: copies
// (passed to helpers, captured by tasks) name the same moment. Time points of any clock
// convert to it (a `system_clock` one by the time left until it); one too late to represent,
// like `time_point::max()`, and a default-constructed deadline are `never()`.
#pragma once

#include <chrono>
#include <type_traits>

#include "tether/detail/deadline_queue.hpp"

namespace tether {

class deadline {
public:
  using clock = detail::deadline_queue::clock;

  /// No deadline.
  constexpr deadline() noexcept = default;
  deadline(clock::time_point when) noexcept : when_(when) {}
  template <class Clock, class Duration>
    requires(!std::is_same_v<std::chrono::time_point<Clock, Duration>, clock::time_point>)
  deadline(std::chrono::time_point<Clock, Duration> when)
      // The time left, in a type where neither time point overflows on the way.
      : when_(detail::saturating_add(
            clock::now(), exact(when.time_since_epoch()) - exact(Clock::now().time_since_epoch()))) {}

  /// `d` from now; saturates at `never()` instead of overflowing.
  template <class Rep, class Period>
  static deadline after(std::chrono::duration<Rep, Period> d) {
    return deadline(detail::saturating_add(clock::now(), d));
  }
  static constexpr deadline never() noexcept { return deadline(); }

  clock::time_point when() const noexcept { return when_; }
  bool expired() const noexcept { return clock::now() >= when_; }
  /// The time left: zero once expired, `clock::duration::max()` for `never()`.
  clock::duration remaining() const noexcept {
    if (when_ == clock::time_point::max())
      return clock::duration::max();
    auto now = clock::now();
    return now >= when_ ? clock::duration::zero() : when_ - now;
  }

  friend bool operator==(const deadline&, const deadline&) noexcept = default;
  /// The earlier of two deadlines: a step bounded by both.
  friend deadline earlier(const deadline& a, const deadline& b) noexcept {
    return a.when_ <= b.when_ ? a : b;
  }

private:
  using exact = std::chrono::duration<long double, std::nano>;
  clock::time_point when_ = clock::time_point::max();
};

} // namespace tether
