// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/channel.hpp — a bounded queue between coroutines, with backpressure.
//
//   tether::channel<job> jobs(64);
//   co_await jobs.send(j);                       // waits while the channel is full
//   while (auto j = co_await jobs.receive()) ... // empty once closed and drained
//
// `close()` wakes every waiter: receivers drain what is buffered, then get an empty optional;
// senders (waiting or new) get `tether::channel_closed`. A cancelled `send` did not enqueue its
// item and a cancelled `receive` took none: cancellation never loses or duplicates an item.
// That holds also when an item reaches a waiting receive in the step its caller is cancelled
// (a `race` lost by the receive): the item goes back to the front of the channel and the
// receive throws operation_aborted.
// Waiters are served in FIFO order. Capacity 0 makes every send a rendezvous. Use from
// coroutines on one executor (see tether/detail/wait_list.hpp).
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <source_location>
#include <stdexcept>
#include <utility>

#include "tether/asio.hpp"
#include "tether/detail/debug.hpp"
#include "tether/detail/wait_list.hpp"

namespace tether {

/// Thrown by `send` on a closed channel.
class channel_closed : public std::logic_error {
public:
  channel_closed() : std::logic_error("tether::channel: send on a closed channel") {}
};

template <class T>
class channel {
public:
  explicit channel(std::size_t capacity) : capacity_(capacity) {}
  channel(const channel&) = delete;
  channel& operator=(const channel&) = delete;

  /// Enqueues `value`, waiting while the channel is full.
  task<void> send(T value, std::source_location where = std::source_location::current()) {
    if (closed_)
      throw channel_closed();
    if (try_put(std::move(value)))
      co_return;
    pending_send op{&value, false};
    co_await detail::wait_in(senders_, &op);
    detail::note_resume(where);
    if (op.closed)
      throw channel_closed();
  }

  /// The next item; an empty optional once the channel is closed and drained.
  task<std::optional<T>> receive(std::source_location where = std::source_location::current()) {
    if (auto v = try_receive())
      co_return v;
    if (closed_)
      co_return std::nullopt;
    // A sender may hand this receive an item in the same step as the caller is cancelled
    // (race: another task finished, the group cancels this one). The item then goes back to
    // the channel and the receive ends with operation_aborted, as if cancelled in the queue:
    // whoever cancelled it may drop its result and no item is lost. A caller that was already
    // cancelled when it started waiting (a cleanup draining the channel after
    // `throw_if_cancelled(false)`) keeps what it receives.
    const bool cancelled_before = is_cancelled(co_await net::this_coro::cancellation_state);
    std::optional<T> slot;
    co_await detail::wait_in(receivers_, &slot);
    detail::note_resume(where);
    if (slot && !cancelled_before && is_cancelled(co_await net::this_coro::cancellation_state)) {
      give_back(std::move(*slot));
      throw system_error(error_code(net::error::operation_aborted));
    }
    co_return slot;
  }

  /// Enqueues `value` if that needs no waiting; leaves it untouched otherwise (a const one is
  /// copied only when it is enqueued).
  bool try_send(T& value) { return !closed_ && try_put(std::move(value)); }
  bool try_send(T&& value) { return try_send(value); }
  bool try_send(const T& value) { return !closed_ && try_put(value); }

  /// An item if one is ready.
  std::optional<T> try_receive() {
    if (!buffer_.empty()) {
      std::optional<T> v(std::move(buffer_.front()));
      buffer_.pop_front();
      // A slot freed up: admit the longest-waiting sender (not when the buffer is over
      // capacity because a cancelled receive gave its item back).
      if (!senders_.empty() && buffer_.size() < capacity_) {
        auto* w = senders_.front();
        buffer_.push_back(std::move(*static_cast<pending_send*>(w->data)->value));
        senders_.wake(w);
      }
      return v;
    }
    if (!senders_.empty()) { // capacity 0: take straight from a sender
      auto* w = senders_.front();
      std::optional<T> v(std::move(*static_cast<pending_send*>(w->data)->value));
      senders_.wake(w);
      return v;
    }
    return std::nullopt;
  }

  /// No more sends; waiting receivers and senders are woken.
  void close() {
    if (closed_)
      return;
    closed_ = true;
    receivers_.wake_all(); // their slots stay empty: "closed"
    while (auto* w = senders_.front()) {
      static_cast<pending_send*>(w->data)->closed = true;
      senders_.wake(w);
    }
  }

  bool is_closed() const noexcept { return closed_; }
  std::size_t size() const noexcept { return buffer_.size(); }
  std::size_t capacity() const noexcept { return capacity_; }

private:
  struct pending_send {
    T* value;
    bool closed;
  };

  static bool is_cancelled(const net::cancellation_state& state) noexcept {
    return (state.cancelled() & net::cancellation_type::terminal) != net::cancellation_type::none;
  }

  /// Returns the item of a receive cancelled after it was handed over: it was older than
  /// anything buffered, so it goes to the front (or to a receiver waiting on the empty buffer).
  /// The buffer may hold one item more than its capacity until a receive takes it.
  void give_back(T&& value) {
    if (!receivers_.empty()) {
      auto* w = receivers_.front();
      static_cast<std::optional<T>*>(w->data)->emplace(std::move(value));
      receivers_.wake(w);
      return;
    }
    buffer_.push_front(std::move(value));
  }

  /// Moves (or copies) `value` in only if it is enqueued: an rvalue that is not stays whole.
  template <class V>
  bool try_put(V&& value) {
    if (!receivers_.empty()) { // a receiver waits, so the buffer is empty: hand over
      auto* w = receivers_.front();
      static_cast<std::optional<T>*>(w->data)->emplace(std::forward<V>(value));
      receivers_.wake(w);
      return true;
    }
    if (buffer_.size() < capacity_) {
      buffer_.push_back(std::forward<V>(value));
      return true;
    }
    return false;
  }

  std::size_t capacity_;
  std::deque<T> buffer_;
  detail::wait_list senders_;
  detail::wait_list receivers_;
  bool closed_ = false;
};

} // namespace tether
