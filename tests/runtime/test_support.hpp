// Helpers for the runtime tests: run a coroutine to completion on a fresh io_context, bounded
// in time, and small coroutines the tests compose.
#pragma once

#include <chrono>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>

#include "tether/tether.hpp"

namespace tether_test {

using namespace std::chrono_literals;
namespace net = tether::net;
using tether::task;

/// Runs `t` on its own io_context until it finishes; fails if it takes longer than `limit`.
template <class T>
T run_bounded(task<T> t, std::chrono::seconds limit = std::chrono::seconds(60)) {
  net::io_context ctx;
  bool done = false;
  std::exception_ptr error;
  std::optional<std::conditional_t<std::is_void_v<T>, char, T>> result;
  net::co_spawn(ctx, std::move(t), [&](std::exception_ptr e, auto&&... v) {
    done = true;
    error = e;
    if constexpr (!std::is_void_v<T>)
      result.emplace(std::move(v...));
  });
  ctx.run_for(limit);
  if (!done)
    throw std::runtime_error("test coroutine did not finish in time");
  if (error)
    std::rethrow_exception(error);
  if constexpr (!std::is_void_v<T>)
    return std::move(*result);
}

/// Sleeps `d`, then returns `v`.
template <class T>
task<T> value_after(T v, std::chrono::milliseconds d) {
  co_await tether::sleep_for(d);
  co_return v;
}

/// Sleeps `d`, then throws runtime_error(what).
inline task<void> fail_after(std::string what, std::chrono::milliseconds d) {
  if (d.count() > 0)
    co_await tether::sleep_for(d);
  throw std::runtime_error(what);
}

/// Sleeps (practically) forever; sets `cancelled` when a cancellation ends it.
inline task<void> sleep_until_cancelled(bool& cancelled) {
  try {
    co_await tether::sleep_for(std::chrono::hours(1));
  } catch (...) {
    cancelled = tether::is_cancellation(std::current_exception());
    throw;
  }
}

/// Yields to the event loop once.
inline task<void> yield() {
  co_await net::post(co_await net::this_coro::executor, net::use_awaitable);
}

inline std::string message_of(const std::exception_ptr& e) {
  return tether::exception_group::describe(e);
}

} // namespace tether_test

namespace tether_test {

using tcp = net::ip::tcp;

/// A connected loopback TCP pair: {client, server}.
inline task<std::pair<tcp::socket, tcp::socket>> connected_pair() {
  auto ex = co_await net::this_coro::executor;
  tcp::acceptor acceptor(ex, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  tcp::socket client(ex);
  auto [server, connected] = co_await tether::gather(
      acceptor.async_accept(net::use_awaitable),
      client.async_connect(acceptor.local_endpoint(), net::use_awaitable));
  (void)connected;
  co_return std::pair<tcp::socket, tcp::socket>(std::move(client), std::move(server));
}

} // namespace tether_test
