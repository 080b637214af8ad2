// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/detail/wait_list.hpp — coroutines suspended on a tether primitive.
//
// `co_await wait_in(list, data)` suspends the calling coroutine in a FIFO `wait_list` until
// another step wakes it (`wake`, `wake_all`); the waker may first fill `data`, a slot in the
// waiting coroutine's frame. Waking posts the resumption to the waiter's executor (only
// `wake_front_now`, for a waker that is the last thing on its stack, resumes inline). A terminal cancellation of the waiting coroutine unlinks it and resumes it
// with `operation_aborted` (or, with a cancel hook, lets the owner decide). Every primitive that
// uses a wait_list is meant for coroutines that share one executor (a single-threaded
// io_context or a strand), like asyncio's primitives. Pending waits are registered with a
// service of their execution context: destroying the context destroys them (and the coroutines
// they would resume), as it does with pending Asio operations.
#pragma once

#include <cstddef>
#include <mutex>
#include <utility>

#include "tether/asio.hpp"

namespace tether::detail {

class waiter;
class wait_list;
class wait_service;

/// Called instead of aborting the wait when a waiter's coroutine is cancelled.
using cancel_hook = void (*)(void* context);

class waiter {
public:
  waiter(const waiter&) = delete;
  waiter& operator=(const waiter&) = delete;

  void* data = nullptr; // set by the waiting side, filled by the waking side

  /// Posts the waiting coroutine's resumption with `ec` (or, with `now`, resumes it inline) and
  /// frees the waiter.
  virtual void complete(error_code ec, bool now = false) = 0;
  /// Frees the waiter without resuming its coroutine (its execution context is going away).
  virtual void abandon() = 0;

protected:
  waiter() = default;
  virtual ~waiter() = default;

protected:
  friend class wait_list;
  friend class wait_service;
  friend struct cancel_handler;
  waiter* reg_prev_ = nullptr;
  waiter* reg_next_ = nullptr;
  waiter* prev_ = nullptr;
  waiter* next_ = nullptr;
  wait_list* list_ = nullptr;
  wait_service* service_ = nullptr;
  cancel_hook hook_ = nullptr;
  void* hook_context_ = nullptr;
  bool slot_used_ = false;
  bool in_cancel_ = false;
};

/// Registry of the pending waits of one execution context.
class wait_service : public net::execution_context::service {
public:
  using key_type = wait_service;
  inline static net::execution_context::id id;

  explicit wait_service(net::execution_context& ctx) : net::execution_context::service(ctx) {}

  void add(waiter* w) {
    std::lock_guard<std::mutex> lock(mutex_);
    w->service_ = this;
    w->reg_prev_ = nullptr;
    w->reg_next_ = head_;
    if (head_)
      head_->reg_prev_ = w;
    head_ = w;
    ++pending_;
  }

  void remove(waiter* w) {
    std::lock_guard<std::mutex> lock(mutex_);
    unlink(w);
  }

  bool shutting_down() const noexcept { return shutting_down_; }

  /// Waits pending in this context; each holds one unit of its outstanding work.
  std::size_t pending() {
    std::lock_guard<std::mutex> lock(mutex_);
    return pending_;
  }

private:
  void unlink(waiter* w) noexcept {
    (w->reg_prev_ ? w->reg_prev_->reg_next_ : head_) = w->reg_next_;
    if (w->reg_next_)
      w->reg_next_->reg_prev_ = w->reg_prev_;
    w->reg_prev_ = w->reg_next_ = nullptr;
    --pending_;
  }

  void shutdown() override {
    std::unique_lock<std::mutex> lock(mutex_);
    shutting_down_ = true;
    while (waiter* w = head_) {
      unlink(w);
      lock.unlock();
      w->abandon();
      lock.lock();
    }
  }

  std::mutex mutex_;
  waiter* head_ = nullptr;
  std::size_t pending_ = 0;
  bool shutting_down_ = false;
};

/// Intrusive FIFO of waiters. Destroying a non-empty list aborts its waiters.
class wait_list {
public:
  wait_list() = default;
  wait_list(const wait_list&) = delete;
  wait_list& operator=(const wait_list&) = delete;
  ~wait_list() { wake_all(error_code(net::error::operation_aborted)); }

  bool empty() const noexcept { return head_ == nullptr; }
  std::size_t size() const noexcept { return size_; }
  waiter* front() const noexcept { return head_; }

  void push_back(waiter* w) noexcept {
    w->list_ = this;
    w->prev_ = tail_;
    w->next_ = nullptr;
    (tail_ ? tail_->next_ : head_) = w;
    tail_ = w;
    ++size_;
  }

  void remove(waiter* w) noexcept {
    (w->prev_ ? w->prev_->next_ : head_) = w->next_;
    (w->next_ ? w->next_->prev_ : tail_) = w->prev_;
    w->prev_ = w->next_ = nullptr;
    w->list_ = nullptr;
    --size_;
  }

  /// The registry for waits in this list (all from one execution context). Looked up again
  /// when the list is empty: the context of the earlier waits may be gone (a primitive kept
  /// across two tether::run), and a new one may even live at the same address. A waiter still
  /// in the list keeps its context's service alive: a context's shutdown removes its waiters.
  wait_service& service_for(net::execution_context& ctx) {
    if (!service_ || empty() || &service_->context() != &ctx)
      service_ = &net::use_service<wait_service>(ctx);
    return *service_;
  }

  /// Unlinks `w` and resumes it with `ec`.
  void wake(waiter* w, error_code ec = {}) {
    remove(w);
    w->complete(ec);
  }

  /// Resumes the first waiter inline, on the caller's stack. Only for a caller that runs on
  /// the waiter's executor and touches nothing afterwards: the resumed coroutine may destroy
  /// this list before this returns.
  void wake_front_now(error_code ec = {}) {
    if (waiter* w = head_) {
      remove(w);
      w->complete(ec, true);
    }
  }

  /// Resumes the first waiter; false if there was none.
  bool wake_one(error_code ec = {}) {
    if (!head_)
      return false;
    wake(head_, ec);
    return true;
  }

  void wake_all(error_code ec = {}) {
    while (head_)
      wake(head_, ec);
  }

private:
  waiter* head_ = nullptr;
  waiter* tail_ = nullptr;
  std::size_t size_ = 0;
  wait_service* service_ = nullptr;
};

/// Installed in the waiting coroutine's cancellation slot. Idempotent: a second emission
/// after the wait ended does nothing.
struct cancel_handler {
  explicit cancel_handler(waiter* w) : w_(w) {}
  void operator()(net::cancellation_type type) {
    if (!w_ || (type & net::cancellation_type::terminal) == net::cancellation_type::none)
      return;
    if (w_->hook_) {
      w_->hook_(w_->hook_context_);
      return;
    }
    waiter* w = std::exchange(w_, nullptr);
    w->in_cancel_ = true;
    if (w->list_)
      w->list_->remove(w);
    w->complete(error_code(net::error::operation_aborted));
  }
  waiter* w_;
};

template <class Handler>
class waiter_impl final : public waiter {
public:
  waiter_impl(Handler h, cancel_hook hook, void* hook_context)
      : handler_(std::move(h)),
        work_(net::prefer(net::get_associated_executor(handler_),
                          net::execution::outstanding_work.tracked)) {
    hook_ = hook;
    hook_context_ = hook_context;
  }

  const Handler& handler() const noexcept { return handler_; }

  void install_cancellation() {
    auto slot = net::get_associated_cancellation_slot(handler_);
    if (slot.is_connected()) {
      slot.template emplace<cancel_handler>(this);
      slot_used_ = true;
    }
  }

  void complete(error_code ec, bool now = false) override {
    if (service_->shutting_down()) {
      service_->remove(this);
      delete this;
      return;
    }
    service_->remove(this);
    if (slot_used_ && !in_cancel_)
      net::get_associated_cancellation_slot(handler_).clear();
    auto handler = std::move(handler_);
    auto work = std::move(work_);
    delete this;
    if (now)
      std::move(handler)(ec);
    else
      net::post(work, [handler = std::move(handler), ec]() mutable { std::move(handler)(ec); });
  }

  void abandon() override {
    if (list_)
      list_->remove(this);
    delete this;
  }

private:
  Handler handler_;
  std::decay_t<decltype(net::prefer(std::declval<net::associated_executor_t<Handler>>(),
                                    net::execution::outstanding_work.tracked))>
      work_;
};

struct wait_initiation {
  wait_list* list;
  void* data;
  bool cancellable;
  cancel_hook hook;
  void* hook_context;

  template <class Handler>
  void operator()(Handler&& handler) const {
    auto* w = new waiter_impl<std::decay_t<Handler>>(std::forward<Handler>(handler), hook,
                                                     hook_context);
    w->data = data;
    list->service_for(net::query(net::get_associated_executor(w->handler()),
                                 net::execution::context))
        .add(w);
    list->push_back(w);
    if (cancellable)
      w->install_cancellation();
  }
};

/// Suspends the calling coroutine in `list`. Throws `operation_aborted` if the wait was
/// cancelled (or the list destroyed) before a waker resumed it.
inline auto wait_in(wait_list& list, void* data = nullptr, bool cancellable = true) {
  return net::async_initiate<const net::use_awaitable_t<>&, void(error_code)>(
      wait_initiation{&list, data, cancellable, nullptr, nullptr}, net::use_awaitable);
}

/// Like wait_in, but a cancellation calls `hook(context)` and the wait goes on.
inline auto wait_in_hooked(wait_list& list, cancel_hook hook, void* context) {
  return net::async_initiate<const net::use_awaitable_t<>&, void(error_code)>(
      wait_initiation{&list, nullptr, true, hook, context}, net::use_awaitable);
}

} // namespace tether::detail
