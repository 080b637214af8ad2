// A coroutine started by co_spawn with a cancellation binder on its
// completion token (`cancel_after(5s, token)`, `bind_cancellation_slot(...)`)
// is cancelled with what it awaits when the binder's signal fires: every call
// of it is bounded, so its operations are (asio-coro's wait_for_port and
// happy eyeballs). The same coroutine spawned once without a binder is not.
// RUN: %check_tidy %s async-missing-timeout %t -- -- %asio_flags

#include <asio.hpp>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> probe(tcp::resolver::results_type Endpoints) {
  tcp::socket Socket(co_await asio::this_coro::executor);
  co_await asio::async_connect(Socket, Endpoints, use_awaitable);
}

awaitable<void> probeUnbounded(tcp::resolver::results_type Endpoints) {
  tcp::socket Socket(co_await asio::this_coro::executor);
  co_await asio::async_connect(Socket, Endpoints, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_connect' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
}

void start(asio::io_context &Io, asio::cancellation_signal &Deadline,
           tcp::resolver::results_type Endpoints) {
  asio::co_spawn(Io, probe(Endpoints),
                 asio::bind_cancellation_slot(Deadline.slot(), asio::detached));
  asio::co_spawn(
      Io,
      [&]() -> awaitable<void> {
        tcp::resolver Resolver(co_await asio::this_coro::executor);
        co_await Resolver.async_resolve("localhost", "80", use_awaitable);
      },
      asio::bind_cancellation_slot(Deadline.slot(), asio::detached));
  asio::co_spawn(Io, probeUnbounded(Endpoints),
                 asio::bind_cancellation_slot(Deadline.slot(), asio::detached));
  asio::co_spawn(Io, probeUnbounded(Endpoints), asio::detached);
  asio::co_spawn(
      Io,
      [&]() -> awaitable<void> {
        tcp::resolver Resolver(co_await asio::this_coro::executor);
        co_await Resolver.async_resolve("localhost", "80", use_awaitable);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'async_resolve' is awaited with no deadline
      },
      asio::detached);
}
