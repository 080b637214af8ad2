// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/run.hpp — the single entry point of a tether program.
//
//   int main() { return tether::run(serve(), {.debug = true, .slow_step = 100ms}); }
//
// `run` owns an io_context, runs `main` on it and returns its result or rethrows its error.
// SIGINT and SIGTERM cancel `main` (it sees `operation_aborted` and can clean up). When `main`
// has finished, run returns; tasks still alive then (started with a raw co_spawn, never
// awaited) are destroyed with the io_context. In debug mode, run reports through
// `options::report` (default: stderr) every coroutine step that held the loop longer than
// `slow_step` (time the loop spent idle, waiting for a timer or an offload, is not counted),
// with the source location of the tether `co_await` it resumed from, and the
// tasks still alive when main returned, with the location that spawned them, and failures in
// `gather_settled` outcomes that were dropped without being looked at.
//
// A deadlock is an error, not a hang (in debug mode and without): when main is suspended, no
// step is ready, and nothing is pending but tether waits (mutex, event, condition, semaphore,
// channel, a group's join) and the tasks tether started, so that no timer, I/O, posted
// handler, offload or work guard of another thread can ever run a step again, run throws
// `std::logic_error` ("main never completed"). Its own SIGINT/SIGTERM wait does not count: to
// wait until cancelled, `co_await tether::sleep_for(std::chrono::hours::max())`. Work that
// tether cannot see through (a task started with a raw co_spawn) leaves run waiting, as
// io_context::run waits; another thread that will post to the loop holds a work guard.
#pragma once

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <exception>
#include <functional>
#include <optional>
#include <stdexcept>
#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "tether/asio.hpp"
#include "tether/detail/debug.hpp"
#include "tether/detail/loop_watch.hpp"
#include "tether/detail/wait_list.hpp"

namespace tether {

struct options {
  /// Report slow steps and tasks alive at exit.
  bool debug = false;
  /// In debug mode, a step that holds the loop longer than this is reported.
  std::chrono::milliseconds slow_step{100};
  /// Cancel main on SIGINT and SIGTERM.
  bool handle_signals = true;
  /// Where debug reports go; stderr when empty.
  std::function<void(std::string_view)> report;
};

namespace detail {

class debug_reporter {
public:
  explicit debug_reporter(const options& o) : opts_(o) {}
  void operator()(const std::string& message) const {
    if (opts_.report)
      opts_.report(message);
    else
      std::fprintf(stderr, "tether: %s\n", message.c_str());
  }

private:
  const options& opts_;
};

} // namespace detail

template <class T>
T run(task<T> main, options opts = {},
      std::source_location where = std::source_location::current()) {
  net::cancellation_signal cancel; // outlives the context that holds main's frame
  net::io_context ctx(1);
  net::signal_set signals(ctx);
  bool signal_wait_pending = false;
  if (opts.handle_signals) {
    signals.add(SIGINT);
    signals.add(SIGTERM);
    signals.async_wait([&](const error_code& ec, int) {
      signal_wait_pending = false;
      if (!ec)
        cancel.emit(net::cancellation_type::terminal);
    });
    signal_wait_pending = true;
  }

  std::optional<std::conditional_t<std::is_void_v<T>, char, T>> result;
  std::exception_ptr error;
  bool done = false;
  auto on_done = [&](std::exception_ptr e, auto&&... v) {
    done = true;
    error = std::move(e);
    if constexpr (std::is_void_v<T>)
      result.emplace();
    else if constexpr (sizeof...(v) == 1)
      if (!error)
        result.emplace(std::move(v...));
    error_code ignored;
    signals.cancel(ignored);
  };

  detail::debug_state debug_record;
  detail::debug_reporter report(opts);
  auto* previous = detail::current_debug;
  if (opts.debug) {
    detail::current_debug = &debug_record;
    debug_record.report = [&report](const std::string& m) { report(m); };
  }
  struct restore {
    detail::debug_state* p;
    ~restore() { detail::current_debug = p; }
  } restore_debug{previous};

  detail::loop_watch watch;
  watch.ctx = &ctx;
  struct restore_watch {
    detail::loop_watch* p;
    ~restore_watch() { detail::current_watch = p; }
  } restore_previous_watch{std::exchange(detail::current_watch, &watch)};
  auto& waits = net::use_service<detail::wait_service>(ctx);
  detail::work_counter outstanding_work(ctx);
  // Called when no handler is ready: true if all of the loop's outstanding work is main's
  // coroutine (co_spawn's two guards), the coroutines tether started (each counts its own),
  // tether waits and run's own signal wait. Then nothing can run another step (no timer, I/O,
  // posted handler, offload or work guard of another thread is pending), and every wait is
  // one that only a step could end (detail/loop_watch.hpp).
  auto deadlocked = [&] {
    if constexpr (!detail::can_count_work) {
      return false;
    } else {
      long ours = 2 + (signal_wait_pending ? 1 : 0) + static_cast<long>(waits.pending()) +
                  watch.spawned_work.load(std::memory_order_relaxed);
      return outstanding_work() == ours;
    }
  };

  if constexpr (std::is_void_v<T> || std::is_default_constructible_v<T>) {
    net::co_spawn(ctx, std::move(main), net::bind_cancellation_slot(cancel.slot(), on_done));
  } else {
    net::co_spawn(
        ctx, [](task<T> m) -> task<std::optional<T>> { co_return co_await std::move(m); }(
                 std::move(main)),
        net::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, std::optional<T> v) {
          if (v)
            on_done(std::move(e), std::move(*v));
          else
            on_done(std::move(e));
        }));
  }

  if (!opts.debug) {
    // poll_one runs a ready step, if any; when none is, look for a deadlock before waiting.
    while (!done) {
      if (ctx.poll_one())
        continue;
      if (deadlocked())
        break;
      if (!ctx.run_one())
        break;
    }
  } else {
    using clock = std::chrono::steady_clock;
    while (!done) {
      debug_record.resumed_at = nullptr;
      auto start = clock::now();
      // poll_one runs a step that is ready and never waits: all of its time is the step's.
      // run_one first waits until one is ready: that idle time (a sleep, an offload) is no
      // step's. A step resumed by a tether co_await starts where it says it resumed; one
      // resumed by a bare Asio operation after an idle wait cannot be told from the wait and
      // is not timed.
      bool waited = false;
      if (!ctx.poll_one()) {
        waited = true;
        if (deadlocked())
          break;
        if (!ctx.run_one())
          break;
      }
      if (debug_record.resumed_at)
        start = std::max(start, debug_record.resumed_time);
      else if (waited)
        continue;
      auto took = clock::now() - start;
      if (took > opts.slow_step) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
        std::string m = "slow step: a coroutine step held the event loop for " +
                        std::to_string(ms) + " ms (slow_step is " +
                        std::to_string(opts.slow_step.count()) + " ms)";
        m += debug_record.resumed_at ? "; it resumed after the co_await at " +
                                      detail::format_location(*debug_record.resumed_at)
                                : "; it did not resume from a tether co_await (main is at " +
                                      detail::format_location(where) + ")";
        report(m);
      }
    }
    if (done) {
      ctx.poll(); // let what just finished settle before looking for leftovers
      for (const auto& [id, loc] : debug_record.live_tasks)
        report("task still alive when main returned: spawned at " +
               detail::format_location(loc));
      if (!ctx.stopped() && debug_record.live_tasks.empty())
        report("work still pending when main returned (a task started with co_spawn and never "
               "awaited?); it is destroyed unfinished");
    }
  }
  ctx.stop();
  // Main is suspended, and nothing that could resume it is pending: it waits (directly, or
  // through tasks it waits for) in tether waits that only a step could end, and no step will
  // run again. Or the loop ran out of work (a wait that holds none).
  if (!done)
    throw std::logic_error("tether::run: main never completed (it waits for an event no task "
                           "will deliver)");
  if (error)
    std::rethrow_exception(error);
  if constexpr (!std::is_void_v<T>)
    return std::move(*result);
}

} // namespace tether
