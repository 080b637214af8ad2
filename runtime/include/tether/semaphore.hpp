// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/semaphore.hpp — bounded concurrency with RAII permits.
//
//   tether::semaphore limit(8);
//   auto permit = co_await limit.acquire();   // released when `permit` goes out of scope
//
// At most n permits are out at any time; waiters get permits in FIFO order (a released permit
// goes to the longest waiter, never to a newcomer). There is no raw release: a permit returns
// on every exit path, exceptions and cancellations included. A cancelled acquire takes no permit.
// Use from coroutines on one executor (see tether/detail/wait_list.hpp).
#pragma once

#include <cstddef>
#include <optional>
#include <source_location>
#include <stdexcept>
#include <utility>

#include "tether/asio.hpp"
#include "tether/detail/debug.hpp"
#include "tether/detail/wait_list.hpp"

namespace tether {

class semaphore {
public:
  /// A held permit; returns to its semaphore when destroyed or `release()`d.
  class permit {
  public:
    permit() = default;
    permit(permit&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
    permit& operator=(permit&& o) noexcept {
      if (this != &o) {
        release();
        s_ = std::exchange(o.s_, nullptr);
      }
      return *this;
    }
    ~permit() { release(); }

    explicit operator bool() const noexcept { return s_ != nullptr; }
    void release() noexcept {
      if (s_)
        std::exchange(s_, nullptr)->give_back();
    }

  private:
    friend class semaphore;
    explicit permit(semaphore* s) : s_(s) {}
    semaphore* s_ = nullptr;
  };

  explicit semaphore(std::size_t permits) : available_(permits) {}
  semaphore(const semaphore&) = delete;
  semaphore& operator=(const semaphore&) = delete;

  /// Waits (FIFO) for a permit.
  task<permit> acquire(std::source_location where = std::source_location::current()) {
    if (available_ > 0 && waiters_.empty()) {
      --available_;
      co_return permit(this);
    }
    co_await detail::wait_in(waiters_); // woken only with a permit handed over
    detail::note_resume(where);
    co_return permit(this);
  }

  /// A permit if one is free and nobody is waiting for one.
  std::optional<permit> try_acquire() {
    if (available_ > 0 && waiters_.empty()) {
      --available_;
      return permit(this);
    }
    return std::nullopt;
  }

  std::size_t available() const noexcept { return available_; }
  std::size_t waiting() const noexcept { return waiters_.size(); }

private:
  void give_back() {
    if (!waiters_.wake_one()) // hand the permit straight to the longest waiter
      ++available_;
  }

  std::size_t available_;
  detail::wait_list waiters_;
};

} // namespace tether
