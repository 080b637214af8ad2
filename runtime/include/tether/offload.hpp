// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/offload.hpp — blocking work off the event loop.
//
//   auto text = co_await tether::offload([&] { return read_file(path); });
//
// Runs `fn` on a thread pool (a process-wide one, or the executor you pass), then resumes the
// caller on its own executor. The result or the exception of `fn` is delivered to the caller.
// A running `fn` cannot be interrupted: a cancellation of the caller takes effect at its next
// `co_await` after `fn` returns.
//
// g++ 12 destroys the by-copy captures of a lambda written inside a co_await twice (GCC PR
// 100611): there, capture by reference as above, or name the lambda first,
// `auto work = [s = *item] { return checksum(s); };`, and pass `std::move(work)` to offload
// (docs/runtime.md, "g++ 12 and lambda captures").
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
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

/// The offloads of one execution context. While one is in flight, the context holds work, so
/// that it does not run out of work while fn runs on the pool. A pool thread hands its result
/// back under `link::mutex` and never touches the context otherwise: its post may still be
/// inside the context (Asio signals the woken thread after queueing the handler) while that
/// handler runs, and the context must not finish or be destroyed until the post has returned.
/// Taking and releasing the work on the context's side, and `shutdown` under the same mutex,
/// keep it alive that long; a post after the context is gone is not made.
class offload_service : public net::execution_context::service {
public:
  using key_type = offload_service;
  inline static net::execution_context::id id;

  /// Outlives the context: what a pool thread checks before it posts.
  struct link {
    std::mutex mutex;
    bool context_gone = false;
  };

  explicit offload_service(net::execution_context& ctx)
      : net::execution_context::service(ctx), link_(std::make_shared<link>()) {}

  static offload_service& of(const net::any_io_executor& ex) {
    return net::use_service<offload_service>(net::query(ex, net::execution::context));
  }

  /// On the caller's executor, when an offload starts.
  std::shared_ptr<link> started(const net::any_io_executor& ex) {
    std::lock_guard<std::mutex> lock(link_->mutex);
    if (in_flight_++ == 0)
      work_ = net::prefer(ex, net::execution::outstanding_work.tracked);
    return link_;
  }

  /// On the caller's executor, once the offload has resumed it.
  void finished() {
    std::lock_guard<std::mutex> lock(link_->mutex);
    if (--in_flight_ == 0)
      work_ = nullptr;
  }

private:
  void shutdown() override {
    std::lock_guard<std::mutex> lock(link_->mutex);
    link_->context_gone = true;
    work_ = nullptr;
  }

  std::shared_ptr<link> link_;
  std::size_t in_flight_ = 0;
  net::any_io_executor work_;
};

} // namespace detail

/// Runs `fn()` on `pool` and returns its result on the caller's executor.
template <class Executor, class F>
  requires(!std::is_invocable_v<Executor> && std::is_invocable_v<F&> && !detail::returns_task<F&>)
task<std::invoke_result_t<F&>> offload(Executor pool, F fn,
                                      std::source_location where = std::source_location::current()) {
  using R = std::invoke_result_t<F&>;
  std::optional<std::conditional_t<std::is_void_v<R>, char, R>> result;
  std::exception_ptr error;
  auto& offloads = detail::offload_service::of(co_await net::this_coro::executor);
  co_await net::async_initiate<const net::use_awaitable_t<>&, void()>(
      [&](auto handler) {
        auto home = net::get_associated_executor(handler);
        net::post(pool, [&, handler = std::move(handler), home,
                         link = offloads.started(home)]() mutable {
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
          std::lock_guard<std::mutex> lock(link->mutex);
          if (!link->context_gone)
            net::post(home, std::move(handler));
        });
      },
      net::use_awaitable);
  offloads.finished();
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
