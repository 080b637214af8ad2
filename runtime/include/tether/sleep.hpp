// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/sleep.hpp — cancellable timer waits.
//
// `co_await tether::sleep_for(100ms)` suspends the coroutine without blocking its thread (the
// rewrite of std::this_thread::sleep_for in a coroutine). A cancellation ends the wait at once
// with `operation_aborted`. A duration or time point past what the clock can represent
// (`hours::max()`) saturates: the sleep lasts until cancelled.
#pragma once

#include <chrono>
#include <source_location>

#include "tether/asio.hpp"
#include "tether/detail/deadline_queue.hpp"
#include "tether/detail/debug.hpp"

namespace tether {

template <class Clock, class Duration>
task<void> sleep_until(std::chrono::time_point<Clock, Duration> deadline,
                       std::source_location where = std::source_location::current()) {
  net::basic_waitable_timer<Clock> timer(co_await net::this_coro::executor,
                                         detail::saturating_time_point(deadline));
  co_await timer.async_wait(net::use_awaitable);
  detail::note_resume(where);
}

template <class Rep, class Period>
task<void> sleep_for(std::chrono::duration<Rep, Period> d,
                     std::source_location where = std::source_location::current()) {
  net::steady_timer timer(co_await net::this_coro::executor,
                          detail::saturating_add(std::chrono::steady_clock::now(), d));
  co_await timer.async_wait(net::use_awaitable);
  detail::note_resume(where);
}

} // namespace tether
