// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/shield.hpp — work that a cancellation must not interrupt.
//
// `co_await tether::shield(flush())` runs `flush()` to completion even if the caller is
// cancelled meanwhile; the caller's cancellation is kept and takes effect at its next
// `co_await` after the shielded work. Used by async_with for cleanup. The caller and the work
// share one executor (a single-threaded io_context or a strand): on an io_context run by
// several threads without a strand, the work's completion races the caller.
#pragma once

#include <utility>

#include "tether/asio.hpp"
#include "tether/detail/spawn.hpp"
#include "tether/detail/wait_list.hpp"

namespace tether {

template <class T>
task<T> shield(task<T> op) {
  auto ex = co_await net::this_coro::executor;
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
