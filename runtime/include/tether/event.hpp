// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/event.hpp — a flag that coroutines wait for.
//
//   tether::event ready;
//   co_await ready.wait();   // returns at once if set, else when someone calls ready.set()
//
// asyncio.Event: `set()` wakes every coroutine waiting and lets later waits through until
// `reset()`. A waiter woken by `set()` returns even if `reset()` follows before it runs: no
// wake-up is lost. A cancelled `wait()` leaves the queue and throws `operation_aborted`. Use
// from coroutines on one executor (see tether/detail/wait_list.hpp).
#pragma once

#include <cstddef>
#include <source_location>

#include "tether/asio.hpp"
#include "tether/detail/debug.hpp"
#include "tether/detail/wait_list.hpp"

namespace tether {

class event {
public:
  event() = default;
  event(const event&) = delete;
  event& operator=(const event&) = delete;

  /// Waits until the event is set.
  task<void> wait(std::source_location where = std::source_location::current()) {
    if (set_)
      co_return;
    co_await detail::wait_in(waiters_);
    detail::note_resume(where);
  }

  /// Sets the event and wakes every waiter.
  void set() {
    set_ = true;
    waiters_.wake_all();
  }

  /// Clears the event: later waits wait again.
  void reset() noexcept { set_ = false; }

  bool is_set() const noexcept { return set_; }
  /// Number of coroutines waiting.
  std::size_t waiting() const noexcept { return waiters_.size(); }

private:
  bool set_ = false;
  detail::wait_list waiters_;
};

} // namespace tether
