// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/shield.hpp — work that a cancellation must not interrupt.
//
// `co_await tether::shield(flush())` runs `flush()` to completion even if the caller is
// cancelled meanwhile; the caller's cancellation is kept and takes effect at its next
// `co_await` after the shielded work. Used by async_with for cleanup. The caller and the work
// share one executor (a single-threaded io_context or a strand): on an io_context run by
// several threads without a strand, the work's completion races the caller. shield throws
// std::logic_error instead of starting when it can tell (a bare executor of an io_context built
// for several threads, `io_context(4)`, or of a thread_pool of several); an io_context built
// with the default hint cannot be told from a single-threaded one (detail/one_executor.hpp).
#pragma once

#include <utility>

#include "tether/asio.hpp"
#include "tether/detail/deadline_queue.hpp"
#include "tether/detail/one_executor.hpp"
#include "tether/detail/spawn.hpp"
#include "tether/detail/wait_list.hpp"

namespace tether {

template <class T>
task<T> shield(task<T> op) {
  auto ex = co_await net::this_coro::executor;
  detail::require_one_executor(ex, detail::deadline_queue::of(ex), "tether::shield");
  detail::child_outcome<T> out;
  bool throws = co_await net::this_coro::throw_if_cancelled();
  co_await net::this_coro::throw_if_cancelled(false);
  detail::spawn_child(ex, std::move(op), net::cancellation_slot(),
                      detail::same_executor, out.on_done());
  if (!out.done)
    co_await detail::wait_in(out.waiters, nullptr, /*cancellable=*/false);
  co_await net::this_coro::throw_if_cancelled(throws);
  co_return out.take();
}

} // namespace tether
