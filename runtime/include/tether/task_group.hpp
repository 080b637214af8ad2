// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/task_group.hpp — structured concurrency: every task has an owner.
//
//   co_await tether::task_group::open([&](tether::task_group& g) -> tether::task<> {
//     g.spawn(fetch(a));
//     auto h = g.spawn(fetch(b));      // a handle: co_await h.wait() for its result
//     co_return;
//   });
//
// `open` returns only when the body and every child have finished. The first failure cancels
// the body and the other children; one error is rethrown as is, several as an
// `exception_group` holding every one in completion order. A child that was asked to cancel
// and stops with a cancellation is not a failure: `g.cancel()` stops the group, and `open`
// returns normally (for a body of void; a body that has no value to return rethrows its
// cancellation). Cancelling the coroutine that awaits `open` cancels the body and every child,
// waits for them, then throws `operation_aborted` (or their errors), also when the tasks
// absorbed the cancellation and returned. The group, the body and the children share one
// executor (or strands of it). With g++ 12, give `open` a body that captures by reference,
// as above, or a named one: g++ 12 destroys the by-copy captures of a lambda written inside
// a co_await twice (GCC PR 100611; docs/runtime.md, "g++ 12 and lambda captures").
#pragma once

#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <source_location>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "tether/asio.hpp"
#include "tether/cancellation.hpp"
#include "tether/detail/debug.hpp"
#include "tether/detail/spawn.hpp"
#include "tether/detail/wait_list.hpp"
#include "tether/exception_group.hpp"

namespace tether {

class task_group;

namespace detail {

struct group_access;

/// What the group knows of a running task: its place in the group's list, its cancellation
/// signal, its error, and who waits for it. Shared by the group (until the task has finished)
/// and by the task's handle.
struct child_base {
  child_base(const child_base&) = delete;
  child_base& operator=(const child_base&) = delete;

  void cancel() {
    if (!done && !cancel_requested) {
      cancel_requested = true;
      signal.emit(net::cancellation_type::terminal);
    }
  }
  void release() noexcept {
    if (--refs == 0)
      destroy();
  }

  child_base* prev = nullptr;
  child_base* next = nullptr;
  net::cancellation_signal signal;
  std::exception_ptr error;
  wait_list waiters;
  std::uint64_t debug_id = 0;
  int refs = 1;
  bool done = false;
  bool cancel_requested = false;

protected:
  child_base() = default;
  ~child_base() = default;
  virtual void destroy() noexcept = 0;
};

template <class T>
struct child_value {
  std::optional<T> value;
};

template <>
struct child_value<void> {};

template <class T, class V>
void store_value(child_value<T>& c, V&& v) {
  c.value = std::forward<V>(v);
}

inline void store_value(child_value<void>&) {}

/// A task's record, with room for its result (for its handle). Records come from Asio's
/// recycling allocator: a task that finishes before the next one is spawned hands its
/// record's memory on to it.
template <class T>
struct child final : child_base, child_value<T> {
  static child* make() { return std::construct_at(net::recycling_allocator<child>().allocate(1)); }

private:
  void destroy() noexcept override {
    std::destroy_at(this);
    net::recycling_allocator<child>().deallocate(this, 1);
  }
};

/// A coroutine that owns the callable it runs.
template <class F>
auto keep_alive(F fn) -> task<task_value_t<std::invoke_result_t<F&>>> {
  co_return co_await fn();
}

template <class F>
using body_value_t = task_value_t<std::invoke_result_t<F&, task_group&>>;

} // namespace detail

/// A spawned child: wait for its result, cancel it alone, or just let the group own it.
/// The result (or the child's exception) can be taken once.
template <class T>
class task_handle {
public:
  task_handle() = default;
  task_handle(const task_handle&) = delete;
  task_handle& operator=(const task_handle&) = delete;
  task_handle(task_handle&& o) noexcept : c_(std::exchange(o.c_, nullptr)) {}
  task_handle& operator=(task_handle&& o) noexcept {
    if (this != &o) {
      reset();
      c_ = std::exchange(o.c_, nullptr);
    }
    return *this;
  }
  ~task_handle() { reset(); }

  bool valid() const noexcept { return c_ != nullptr; }
  bool done() const noexcept { return c_ && c_->done; }
  /// Whether the child has finished with a cancellation it was asked for (by the group or by
  /// this handle): what a group does not count as a failure.
  bool cancelled() const noexcept {
    return c_ && c_->done && c_->cancel_requested && is_cancellation(c_->error);
  }

  /// Cancels this child only; its cancellation is not a failure of the group.
  void cancel() {
    if (c_)
      c_->cancel();
  }

  /// Waits for the child and returns its result or rethrows its exception. Cancelling the
  /// waiter stops the wait, not the child.
  task<T> wait() {
    auto* c = c_;
    if (!c)
      throw std::logic_error("tether::task_handle: no task");
    if (!c->done)
      co_await detail::wait_in(c->waiters);
    co_return get();
  }

  /// The result of a finished child (or its exception).
  T get() {
    if (!c_ || !c_->done)
      throw std::logic_error("tether::task_handle: the task has not finished");
    if (c_->error)
      std::rethrow_exception(c_->error);
    if constexpr (!std::is_void_v<T>)
      return std::move(*c_->value);
  }

private:
  friend class task_group;
  explicit task_handle(detail::child<T>* c) : c_(c) {}
  void reset() noexcept {
    if (c_)
      std::exchange(c_, nullptr)->release();
  }
  detail::child<T>* c_ = nullptr;
};

class task_group {
public:
  task_group(const task_group&) = delete;
  task_group& operator=(const task_group&) = delete;

  /// Runs `body(group)` as the group's first task and returns its result once it and every
  /// child it (or any child) spawned have finished.
  template <class F>
  static task<detail::body_value_t<F>> open(F body, std::source_location where =
                                                        std::source_location::current()) {
    using R = detail::body_value_t<F>;
    return run<R>(
        [body = std::move(body), where](task_group& g) mutable {
          return [h = g.spawn(body(g), where)]() mutable -> R {
            // A body stopped by g.cancel() is not a failure; a void one has its result.
            if constexpr (std::is_void_v<R>)
              if (h.cancelled())
                return;
            return h.get();
          };
        },
        where);
  }

  /// Starts `t` on the group's executor. Returns a handle; dropping it is fine: the group
  /// owns the task. Throws `operation_aborted` if the group is cancelling.
  template <class T>
  task_handle<T> spawn(task<T> t, std::source_location where = std::source_location::current()) {
    return start(ex_, std::move(t), detail::complete_inline, where);
  }

  /// Starts the coroutine `fn()`, keeping `fn` (a lambda and its captures) alive until it has
  /// finished: `g.spawn([&] -> task<> { ... })` is safe where `g.spawn([&] ... ())` would
  /// leave the coroutine with dangling captures once the temporary lambda is gone.
  template <class F>
    requires detail::returns_task<F&>
  auto spawn(F fn, std::source_location where = std::source_location::current()) {
    return spawn(detail::keep_alive(std::move(fn)), where);
  }

  template <class Executor, class F>
    requires(detail::returns_task<F&> && !std::is_invocable_v<Executor &>)
  auto spawn(const Executor& ex, F fn,
             std::source_location where = std::source_location::current()) {
    return spawn(ex, detail::keep_alive(std::move(fn)), where);
  }

  /// Anything else: one line that says what spawn takes, not a list of candidates.
  template <class A>
    requires(!detail::is_task_v<std::remove_cvref_t<A>> && !detail::returns_task<A&>)
  void spawn(A&&, std::source_location = std::source_location::current()) {
    static_assert(detail::misuse<A>,
                  "tether::task_group::spawn: takes a tether::task, or a callable with no "
                  "arguments that returns one (a coroutine such as [&]() -> tether::task<> {...})");
  }

  /// Starts `t` on `ex` (which must not run concurrently with the group's executor, e.g. a
  /// strand of the same io_context).
  template <class Executor, class T>
  task_handle<T> spawn(const Executor& ex, task<T> t,
                       std::source_location where = std::source_location::current()) {
    return start(ex, std::move(t), ex_, where);
  }

  /// Cancels the body and every child. Their cancellations are not failures.
  void cancel() {
    cancelling_ = true;
    // Emitting never resumes a task inline, so the list does not change under us.
    for (auto* c = head_; c; c = c->next)
      c->cancel();
  }

  /// Number of children (the body included) that have not finished.
  std::size_t size() const noexcept { return live_; }
  bool cancelling() const noexcept { return cancelling_; }
  const net::any_io_executor& get_executor() const noexcept { return ex_; }

private:
  friend struct detail::group_access;

  /// A group without a body task: `start(g)` spawns the first tasks and returns what gives
  /// the result once every task has finished and no error is to be thrown.
  template <class R, class Start>
  static task<R> run(Start start, std::source_location where) {
    auto ex = co_await net::this_coro::executor;
    auto state = co_await net::this_coro::cancellation_state;
    task_group g(ex);
    auto result = start(g);
    if (state.cancelled() != net::cancellation_type::none)
      g.parent_cancelled();
    if (g.live_ != 0) {
      // The wait must happen even if this coroutine is already cancelled.
      bool throws = co_await net::this_coro::throw_if_cancelled();
      co_await net::this_coro::throw_if_cancelled(false);
      co_await detail::wait_in_hooked(
          g.joiner_, [](void* p) { static_cast<task_group*>(p)->parent_cancelled(); }, &g);
      co_await net::this_coro::throw_if_cancelled(throws);
    }
    g.joined_ = true;
    detail::note_resume(where);
    throw_errors(std::move(g.errors_));
    // Also when every task absorbed the cancellation and returned: the caller was cancelled,
    // and whoever cancelled it (a with_timeout) must hear that the group did not just finish.
    if (g.parent_cancelled_)
      throw_cancelled();
    co_return result();
  }

  template <class Executor, class T, class Home>
  task_handle<T> start(const Executor& ex, task<T> t, const Home& home,
                       const std::source_location& where) {
    check_open();
    // A group that is cancelling (after a failure, `cancel()` or its caller's cancellation)
    // starts nothing more, as asyncio's TaskGroup: the child would run its first step for
    // nothing. The spawner is the body or a child of the group, so it is being cancelled
    // itself: it gets that cancellation.
    if (cancelling_)
      throw_cancelled();
    auto* c = detail::child<T>::make();
    c->refs = 2; // the group's reference and the handle's
    task_handle<T> h(c);
    launch(ex, std::move(t), home, c, where,
           [c](auto&&... v) { detail::store_value(*c, std::move(v)...); });
    return h;
  }

  /// Starts `t` with `store(v)` taking its value (nothing for void) if it succeeds; `c` is
  /// linked into the group until the task has finished.
  template <class Executor, class T, class Home, class Store>
  void launch(const Executor& ex, task<T> t, const Home& home, detail::child_base* c,
              const std::source_location& where, Store store) {
    c->debug_id = detail::track_task(where);
    link(c);
    ++c->refs; // a task that never suspends lets go of c before co_spawn returns
    detail::spawn_child(ex, std::move(t), c->signal.slot(), home,
                        [this, c, store = std::move(store)](std::exception_ptr e,
                                                            auto&&... v) mutable {
                          if (!e)
                            store(std::move(v)...);
                          finished(c, std::move(e));
                        });
    // gather's tasks are all spawned at once: those after one that failed at once are
    // cancelled at once.
    if (cancelling_)
      c->cancel();
    c->release();
  }

  void check_open() const {
    if (joined_)
      throw std::logic_error("tether::task_group: spawn after the group finished");
  }

  explicit task_group(net::any_io_executor ex) : ex_(std::move(ex)) {}
  // Children are still linked only if the io_context was destroyed under a waiting group.
  ~task_group() {
    while (auto* c = head_) {
      unlink(c);
      c->release();
    }
  }

  void link(detail::child_base* c) noexcept {
    c->next = head_;
    if (head_)
      head_->prev = c;
    head_ = c;
    ++live_;
  }

  void unlink(detail::child_base* c) noexcept {
    (c->prev ? c->prev->next : head_) = c->next;
    if (c->next)
      c->next->prev = c->prev;
    --live_;
  }

  void finished(detail::child_base* c, std::exception_ptr e) {
    c->done = true;
    // co_spawn is done with the slot once it has called us: hand the task's cancellation
    // state back to Asio's recycling allocator now, for the next spawn, rather than when the
    // record goes (a handle may keep it for long).
    c->signal.slot().clear();
    c->error = e;
    detail::untrack_task(c->debug_id);
    unlink(c);
    if (e && !(c->cancel_requested && is_cancellation(e))) {
      bool seen = false;
      for (const auto& x : errors_)
        seen = seen || x == e;
      if (!seen)
        errors_.push_back(e);
      if (!cancelling_)
        cancel();
    }
    c->waiters.wake_all();
    c->release();
    if (live_ == 0)
      joiner_.wake_all();
  }

  void parent_cancelled() {
    parent_cancelled_ = true;
    cancel();
  }

  net::any_io_executor ex_;
  detail::child_base* head_ = nullptr;
  std::size_t live_ = 0;
  std::vector<std::exception_ptr> errors_;
  detail::wait_list joiner_;
  bool cancelling_ = false;
  bool joined_ = false;
  bool parent_cancelled_ = false;
};

namespace detail {

/// What gather needs of a group beyond its public API: no body task, and tasks whose result
/// goes straight to the caller's storage instead of a handle.
struct group_access {
  template <class R, class Start>
  static task<R> run(Start start, std::source_location where) {
    return task_group::run<R>(std::move(start), where);
  }

  /// Starts `t` in `g`; if it succeeds, its value (or, for void, a monostate) lands in `slot`.
  template <class T, class Slot>
  static void spawn_into(task_group& g, task<T> t, std::optional<Slot>& slot,
                         const std::source_location& where) {
    g.check_open();
    g.launch(g.ex_, std::move(t), complete_inline, child<void>::make(), where,
             [&slot](auto&&... v) { fill(slot, std::move(v)...); });
  }

private:
  template <class Slot, class V>
  static void fill(std::optional<Slot>& slot, V&& v) {
    slot = std::forward<V>(v);
  }
  template <class Slot>
  static void fill(std::optional<Slot>& slot) {
    slot.emplace();
  }
};

} // namespace detail

} // namespace tether
