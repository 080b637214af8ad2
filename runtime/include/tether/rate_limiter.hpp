// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/rate_limiter.hpp — a token bucket that waits on the event loop.
//
//   tether::rate_limiter limit(10.0, 5);   // 10 per second on average, bursts of up to 5
//   co_await limit.acquire();              // suspends (never blocks) until a token is free
//
// Tokens are granted in FIFO order (each acquire reserves the next free slot). A cancelled
// acquire gives its token back when nobody reserved after it.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <source_location>
#include <stdexcept>

#include "tether/asio.hpp"
#include "tether/sleep.hpp"

namespace tether {

class rate_limiter {
public:
  using clock = std::chrono::steady_clock;

  rate_limiter(double per_second, std::size_t burst) {
    if (!(per_second > 0) || burst == 0)
      throw std::invalid_argument("tether::rate_limiter: rate and burst must be positive");
    interval_ = std::chrono::duration_cast<clock::duration>(
        std::chrono::duration<double>(1.0 / per_second));
    tolerance_ = interval_ * static_cast<long long>(burst - 1);
  }

  /// Waits until a token is available and takes it.
  task<void> acquire(std::source_location where = std::source_location::current()) {
    auto now = clock::now();
    auto start = std::max(next_, now);
    auto ready_at = start - tolerance_;
    next_ = start + interval_;
    if (ready_at <= now)
      co_return;
    auto mine = next_;
    try {
      co_await sleep_until(ready_at, where);
    } catch (...) {
      if (next_ == mine) // nobody reserved after us: return the token
        next_ -= interval_;
      throw;
    }
  }

  /// Takes a token if one is available now.
  bool try_acquire() {
    auto now = clock::now();
    auto start = std::max(next_, now);
    if (start - tolerance_ > now)
      return false;
    next_ = start + interval_;
    return true;
  }

private:
  clock::duration interval_{};
  clock::duration tolerance_{};
  clock::time_point next_{};
};

} // namespace tether
