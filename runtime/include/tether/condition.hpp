// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/condition.hpp — waiting until a predicate over shared state holds.
//
//   tether::condition changed;
//   co_await changed.wait([&] { return queue.size() >= 10; });   // a waiter
//   queue.push_back(x); changed.notify_all();                    // whoever changes the state
//
// The coroutine twin of std::condition_variable::wait(lock, pred), without the lock: coroutines
// on one executor never run at the same time, so the state cannot change between `pred()`
// returning true and `wait` returning to its caller (who runs in that same step). `wait`
// checks `pred()` at once and after every `notify_all()`, and returns when it is true; it wakes
// no one by itself, so whoever changes the state calls `notify_all()`. A notification reaches
// every waiter that was queued when it was sent: no wake-up is lost. A cancelled `wait` leaves
// the queue and throws `operation_aborted`. Pass a predicate that captures by reference
// (`[&]`); it is kept in `wait`'s frame. Use from coroutines on one executor (see
// tether/detail/wait_list.hpp).
#pragma once

#include <concepts>
#include <cstddef>
#include <source_location>

#include "tether/asio.hpp"
#include "tether/detail/debug.hpp"
#include "tether/detail/wait_list.hpp"

namespace tether {

class condition {
public:
  condition() = default;
  condition(const condition&) = delete;
  condition& operator=(const condition&) = delete;

  /// Returns once `pred()` is true, checking it now and after each `notify_all()`.
  template <std::predicate Pred>
  task<void> wait(Pred pred, std::source_location where = std::source_location::current()) {
    if (pred())
      co_return;
    do
      co_await detail::wait_in(waiters_);
    while (!pred());
    detail::note_resume(where);
  }

  /// Wakes every waiter to check its predicate again.
  void notify_all() { waiters_.wake_all(); }

  /// Number of coroutines waiting.
  std::size_t waiting() const noexcept { return waiters_.size(); }

private:
  detail::wait_list waiters_;
};

} // namespace tether
