// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/detail/deadline_queue.hpp — many deadlines on one system timer.
//
// with_timeout arms a deadline per call. Giving each its own Asio timer costs a timer-queue
// update and, whenever the earliest deadline changes, a system call. Instead each execution
// context has one deadline_queue: arming and disarming a deadline is an ordered-map update, and
// the single timer is re-armed only when a deadline earlier than the armed one arrives. When a
// deadline passes, its action is posted to the executor of the coroutine that armed it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "tether/asio.hpp"

namespace tether::detail {

class deadline_queue : public net::execution_context::service {
public:
  using clock = std::chrono::steady_clock;
  using key_type = deadline_queue;
  inline static net::execution_context::id id;

  /// A deadline, owned by the coroutine that arms it. `fire(self)` is posted to `owner` when the
  /// deadline passes, unless it was disarmed first.
  struct entry {
    net::any_io_executor owner;
    void (*fire)(entry*) = nullptr;
    std::multimap<clock::time_point, entry*>::iterator position{};
    bool armed = false;
  };

  explicit deadline_queue(net::execution_context& ctx)
      : net::execution_context::service(ctx), concurrency_hint_(concurrency_hint_of(ctx)) {}
  ~deadline_queue() override { destroyed_.fetch_add(1, std::memory_order_release); }

  /// The queue of `ex`'s execution context. The last one looked up on this thread is kept:
  /// looking a service up takes the context's service registry lock and walks its list, and a
  /// loop of with_timeout calls asks for the same queue every time. The thread's entry is
  /// trusted only while no queue has been destroyed since (a new context may take the address
  /// of a destroyed one).
  static deadline_queue& of(const net::any_io_executor& ex) {
    auto& ctx = net::query(ex, net::execution::context);
    struct last_lookup {
      net::execution_context* ctx = nullptr;
      deadline_queue* queue = nullptr;
      std::uint64_t destroyed = 0;
    };
    thread_local last_lookup last;
    auto destroyed = destroyed_.load(std::memory_order_acquire);
    if (last.ctx != &ctx || last.destroyed != destroyed)
      last = {&ctx, &net::use_service<deadline_queue>(ctx), destroyed};
    return *last.queue;
  }

  /// The concurrency hint the context was built with (io_context(4): 4; a thread_pool: 1 if
  /// it has one thread, else 0), or -1 if it has none (the default, or another kind of
  /// context). Read by detail/one_executor.hpp.
  int concurrency_hint() const noexcept { return concurrency_hint_; }

  void arm(entry& e, clock::time_point when) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (spare_.empty()) {
      e.position = entries_.emplace(when, &e);
    } else {
      auto node = std::move(spare_.back());
      spare_.pop_back();
      node.key() = when;
      node.mapped() = &e;
      e.position = entries_.insert(std::move(node));
    }
    e.armed = true;
    if (!timer_)
      timer_.emplace(e.owner);
    if (when < armed_until_)
      rearm(when);
  }

  /// True if the deadline was still armed (it will not fire); false if it already fired, in
  /// which case its action has been posted to its owner.
  bool disarm(entry& e) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!e.armed)
      return false;
    remove(e.position);
    e.armed = false;
    if (entries_.empty() && !check_posted_ && armed_until_ != clock::time_point::max()) {
      // Stop the timer once nothing needs it (so that run() can return), but not right away:
      // in a loop of short timeouts the next deadline arrives first and the timer stays.
      check_posted_ = true;
      net::post(e.owner, [this] {
        std::lock_guard<std::mutex> lock(mutex_);
        check_posted_ = false;
        if (entries_.empty() && timer_) {
          armed_until_ = clock::time_point::max();
          timer_->cancel();
        }
      });
    }
    return true;
  }

private:
  static int concurrency_hint_of(net::execution_context& ctx) {
    if (!net::has_service<net::detail::scheduler>(ctx))
      return -1;
    int hint = net::use_service<net::detail::scheduler>(ctx).concurrency_hint();
    return hint >= 0 ? hint : -1; // Asio's special values (locking modes) say nothing of threads
  }

  using map_type = std::multimap<clock::time_point, entry*>;

  /// Removes an entry and keeps its node for the next `arm`, which then allocates nothing.
  void remove(map_type::iterator position) {
    if (spare_.size() < max_spare)
      spare_.push_back(entries_.extract(position));
    else
      entries_.erase(position);
  }

  void rearm(clock::time_point when) {
    armed_until_ = when;
    timer_->expires_at(when);
    timer_->async_wait([this](const error_code& ec) {
      if (!ec)
        expired();
    });
  }

  void expired() {
    std::vector<entry*> due;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto now = clock::now();
      while (!entries_.empty() && entries_.begin()->first <= now) {
        entry* e = entries_.begin()->second;
        remove(entries_.begin());
        e->armed = false;
        due.push_back(e);
      }
      armed_until_ = clock::time_point::max();
      // A deadline at the end of time never fires: a timer waiting for it would keep run()
      // from returning.
      if (!entries_.empty() && entries_.begin()->first != clock::time_point::max())
        rearm(entries_.begin()->first);
      // An entry is only touched by its owner from here on, through the posted action.
      for (entry* e : due)
        net::post(e->owner, [e] { e->fire(e); });
    }
  }

  void shutdown() override {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.clear();
    spare_.clear();
    timer_.reset();
  }

  static constexpr std::size_t max_spare = 64;
  inline static std::atomic<std::uint64_t> destroyed_{0};

  std::mutex mutex_;
  map_type entries_;
  std::vector<map_type::node_type> spare_;
  std::optional<net::steady_timer> timer_;
  clock::time_point armed_until_ = clock::time_point::max();
  bool check_posted_ = false;
  const int concurrency_hint_;
};

/// `from + d`, saturated at the latest time point (as Asio's timers saturate) instead of
/// overflowing: `with_timeout(op, hours::max())` has no deadline, not one in the past. A
/// duration of zero or less gives `from`: the deadline has passed.
template <class Rep, class Period>
deadline_queue::clock::time_point saturating_add(deadline_queue::clock::time_point from,
                                                 std::chrono::duration<Rep, Period> d) {
  using clock = deadline_queue::clock;
  // Compared in long double nanoseconds, which hold every duration type without overflow.
  using exact = std::chrono::duration<long double, std::nano>;
  if (d <= d.zero())
    return from;
  if (exact(d) >= exact(clock::time_point::max() - from))
    return clock::time_point::max();
  return from + std::chrono::ceil<clock::duration>(d);
}

/// `tp` in its clock's own duration, saturated at the clock's latest time point instead of
/// overflowing (a `time_point<system_clock, hours>::max()` in nanoseconds).
template <class Clock, class Duration>
typename Clock::time_point saturating_time_point(std::chrono::time_point<Clock, Duration> tp) {
  using exact = std::chrono::duration<long double, std::nano>;
  if (exact(tp.time_since_epoch()) >= exact(Clock::duration::max()))
    return Clock::time_point::max();
  return std::chrono::ceil<typename Clock::duration>(tp);
}

} // namespace tether::detail
