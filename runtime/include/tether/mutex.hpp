// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/mutex.hpp — mutual exclusion across suspension points, without blocking a thread.
//
//   tether::mutex m;
//   auto lock = co_await m.lock();   // a mutex::guard: unlocks when it goes out of scope
//   co_await write(state);           // no other coroutine holds `m` meanwhile
//
// The coroutine twin of a std::mutex held across a `co_await`: waiting for the lock suspends
// the coroutine, not its thread. Waiters get the lock in FIFO order: unlocking hands it
// straight to the longest waiter (never to a newcomer: `try_lock` fails while anyone waits),
// exactly once. A `lock()` cancelled while it waits leaves the queue and never holds the lock;
// one cancelled in the step the lock reaches it returns the guard, whose destructor passes the
// lock on. There is no raw unlock: the guard unlocks on every exit path. Use from coroutines on
// one executor (see tether/detail/wait_list.hpp).
#pragma once

#include <optional>
#include <source_location>
#include <utility>

#include "tether/asio.hpp"
#include "tether/semaphore.hpp"

namespace tether {

class mutex {
public:
  /// Ownership of the lock; unlocks when destroyed or `unlock()`ed. Move-only.
  class guard {
  public:
    guard() = default;
    guard(guard&&) noexcept = default;
    guard& operator=(guard&&) noexcept = default;

    /// Whether this guard holds the lock.
    explicit operator bool() const noexcept { return static_cast<bool>(permit_); }
    void unlock() noexcept { permit_.release(); }

  private:
    friend class mutex;
    explicit guard(semaphore::permit p) : permit_(std::move(p)) {}
    semaphore::permit permit_;
  };

  mutex() = default;
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;

  /// Waits (FIFO) for the lock.
  task<guard> lock(std::source_location where = std::source_location::current()) {
    co_return guard(co_await permits_.acquire(where));
  }

  /// The lock if it is free and nobody is waiting for it.
  std::optional<guard> try_lock() {
    if (auto p = permits_.try_acquire())
      return guard(std::move(*p));
    return std::nullopt;
  }

  bool is_locked() const noexcept { return permits_.available() == 0; }
  /// Number of coroutines waiting for the lock.
  std::size_t waiting() const noexcept { return permits_.waiting(); }

private:
  // A mutex is a semaphore of one permit: the same FIFO hand-off and cancellation rules.
  semaphore permits_{1};
};

} // namespace tether
