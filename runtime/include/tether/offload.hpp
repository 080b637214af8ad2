// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/offload.hpp — blocking work off the event loop.
//
//   auto text = co_await tether::offload([&] { return read_file(path); });
//
// Runs `fn` on a thread pool (a process-wide one, or the executor you pass), then resumes the
// caller on its own executor. The result or the exception of `fn` is delivered to the caller.
// A running `fn` cannot be interrupted: a cancellation of the caller takes effect at its next
// `co_await` after `fn` returns.
#pragma once

#include <algorithm>
#include <exception>
#include <optional>
#include <source_location>
#include <thread>
#include <type_traits>
#include <utility>

#include "tether/asio.hpp"
#include "tether/detail/debug.hpp"

namespace tether {

namespace detail {
inline net::thread_pool& offload_pool() {
  static net::thread_pool pool(std::max(2u, std::thread::hardware_concurrency()));
  return pool;
}
} // namespace detail

/// Runs `fn()` on `pool` and returns its result on the caller's executor.
template <class Executor, class F>
  requires(!std::is_invocable_v<Executor> && std::is_invocable_v<F&> && !detail::returns_task<F&>)
task<std::invoke_result_t<F&>> offload(Executor pool, F fn,
                                      std::source_location where = std::source_location::current()) {
  using R = std::invoke_result_t<F&>;
  std::optional<std::conditional_t<std::is_void_v<R>, char, R>> result;
  std::exception_ptr error;
  co_await net::async_initiate<const net::use_awaitable_t<>&, void()>(
      [&](auto handler) {
        // While fn runs, `work` keeps the caller's context from running out of work. It
        // travels with the handler and is released on that context, when the handler runs:
        // released on the pool thread after the post, it could reach a context that has
        // already finished (tether::run destroys it as soon as main is done).
        auto work = net::prefer(net::get_associated_executor(handler),
                                net::execution::outstanding_work.tracked);
        net::post(pool, [&, handler = std::move(handler), work = std::move(work)]() mutable {
          try {
            if constexpr (std::is_void_v<R>) {
              fn();
              result.emplace();
            } else {
              result.emplace(fn());
            }
          } catch (...) {
            error = std::current_exception();
          }
          auto home = net::prefer(work, net::execution::outstanding_work.untracked);
          net::post(home, [handler = std::move(handler), work = std::move(work)]() mutable {
            std::move(handler)();
          });
        });
      },
      net::use_awaitable);
  detail::note_resume(where);
  if (error)
    std::rethrow_exception(error);
  if constexpr (!std::is_void_v<R>)
    co_return std::move(*result);
}

/// Runs `fn()` on tether's shared thread pool.
template <class F>
  requires(std::is_invocable_v<F&> && !detail::returns_task<F&>)
task<std::invoke_result_t<F&>> offload(F fn,
                                      std::source_location where = std::source_location::current()) {
  return offload(detail::offload_pool().get_executor(), std::move(fn), where);
}

/// Anything else: one line that says what offload takes, not a list of candidates.
template <class F>
  requires(!std::is_invocable_v<F&> || detail::returns_task<F&>)
task<void> offload(F, std::source_location = std::source_location::current()) {
  static_assert(detail::misuse<F>,
                "tether::offload: takes blocking work, a callable with no arguments that is not "
                "a coroutine (capture what it needs: [&] { return read_file(path); }); co_await "
                "a tether::task directly");
  return {}; // awaitable, so that the assertion is the only error
}

} // namespace tether
