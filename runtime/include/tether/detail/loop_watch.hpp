// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/detail/loop_watch.hpp — how tether::run tells a deadlock from a wait.
//
// Every pending Asio operation (a timer, a socket operation, a signal wait, a posted handler,
// a work guard held for another thread, an offload in flight) counts as outstanding work of
// its io_context, and so does every coroutine started with co_spawn (Asio's co_spawn holds
// work on the coroutine's executor, and on its completion handler's, until it ends), and every
// tether wait (a wait_list parking). When the loop is idle and all of its outstanding work is
// the work of coroutines tether started on it and of tether waits, no step will ever run
// again: each of those waits is woken only by a step. `loop_watch` counts what tether itself
// holds; `outstanding_work(ctx)` reads Asio's count. Work that tether cannot account for (a
// task started with a raw co_spawn, a work guard of the program's own) makes the counts
// differ, and the loop is then never taken for deadlocked: a missed report, never a false one.
#pragma once

#include <atomic>

#include "tether/asio.hpp"

namespace tether::detail {

/// What tether::run keeps while it runs a loop; `current_watch` points at it on run's thread.
struct loop_watch {
  net::execution_context* ctx = nullptr;
  /// Work held on `ctx` by the coroutines tether started there (spawn_child) and that have
  /// not finished: co_spawn's guard on the coroutine's executor, and its guard on the
  /// completion handler's executor when that is one of `ctx` too.
  std::atomic<long> spawned_work{0};
};

inline thread_local loop_watch* current_watch = nullptr;

/// The watch of the loop `ex` runs on, or null (not in tether::run, or another context).
template <class Executor>
loop_watch* watch_for(const Executor& ex) {
  loop_watch* w = current_watch;
  if (w && &net::query(ex, net::execution::context) != w->ctx)
    w = nullptr;
  return w;
}

// The count is read where it is known to be: Asio 1.12 (Boost 1.66) to 1.38, the newest
// version read. Elsewhere (Windows' IOCP, a later Asio) deadlocks are not told from waits.
#if defined(TETHER_USE_BOOST_ASIO)
#  define TETHER_DETAIL_ASIO_VERSION BOOST_ASIO_VERSION
#else
#  define TETHER_DETAIL_ASIO_VERSION ASIO_VERSION
#endif
#if defined(ASIO_HAS_IOCP) || defined(BOOST_ASIO_HAS_IOCP) ||                                     \
    TETHER_DETAIL_ASIO_VERSION < 101200 || TETHER_DETAIL_ASIO_VERSION >= 103900
inline constexpr bool can_count_work = false;
struct work_counter {
  explicit work_counter(net::io_context&) {}
  long operator()() const { return -1; }
};
#else
inline constexpr bool can_count_work = true;

/// Asio keeps the count private (io_context::run returns once it reaches zero): the pointer to
/// the member is taken in an explicit instantiation, where access is not checked. The tag is
/// local to each translation unit, so each has its own instantiation.
namespace {
struct outstanding_work_tag {
  friend auto member_of(outstanding_work_tag);
};
template <class Tag, auto Member>
struct expose_member {
  friend auto member_of(Tag) { return Member; }
};
template struct expose_member<outstanding_work_tag, &net::detail::scheduler::outstanding_work_>;
} // namespace

/// The outstanding work of a context: handlers queued, operations and work guards pending.
class work_counter {
public:
  explicit work_counter(net::io_context& ctx)
      : scheduler_(net::use_service<net::detail::scheduler>(ctx)) {}
  long operator()() const {
    return static_cast<long>(scheduler_.*member_of(outstanding_work_tag{}));
  }

private:
  net::detail::scheduler& scheduler_;
};
#endif
#undef TETHER_DETAIL_ASIO_VERSION

} // namespace tether::detail
