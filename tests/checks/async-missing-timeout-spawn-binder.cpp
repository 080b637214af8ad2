// A coroutine started by co_spawn with a deadline on its completion token
// (`cancel_after(5s, token)`, `cancel_at(t, token)`) is cancelled with what it
// awaits when the deadline passes: every call of it is bounded, so its
// operations are (asio-coro's wait_for_port and happy eyeballs). A slot bound
// to a signal of the program's own (`bind_cancellation_slot`) is a shutdown,
// not a deadline of each read: a session spawned so is reported, and so is
// the same coroutine spawned once without a deadline. A coroutine the bounded
// one spawns without awaiting runs on its own, without that deadline; one it
// awaits through `co_spawn(..., use_awaitable)` has it. The task may be
// made first and kept in a local that is then spawned; a coroutine lambda
// stored in a `std::function` member of a class of this file is called where
// the member is called (a test fixture's payload, asio-coro's echo tests).
// RUN: %check_tidy %s async-missing-timeout %t -- -- %asio_flags

#include <asio.hpp>
#include <chrono>
#include <functional>

// Asio 1.31's cancel_after and cancel_at, as far as this test needs them.
namespace asio {
template <class Token> Token cancel_after(std::chrono::seconds, Token T) {
  return T;
}
template <class Token>
Token cancel_at(std::chrono::steady_clock::time_point, Token T) {
  return T;
}
} // namespace asio

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

awaitable<void> session(tcp::socket Socket) {
  char Data[64];
  co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
}

awaitable<void> echo(tcp::socket Socket) {
  char Data[64];
  co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
}

awaitable<void> handshake(tcp::socket &Socket) {
  char Data[64];
  co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
}

awaitable<void> acceptLoop(tcp::acceptor &Acceptor) {
  for (;;) {
    tcp::socket Socket = co_await Acceptor.async_accept(use_awaitable);
    co_await asio::co_spawn(Acceptor.get_executor(), handshake(Socket),
                            use_awaitable);
    asio::co_spawn(Acceptor.get_executor(), echo(std::move(Socket)),
                   asio::detached);
  }
}

void serve(asio::io_context &Io, tcp::acceptor &Acceptor) {
  asio::co_spawn(Io, acceptLoop(Acceptor),
                 asio::cancel_after(std::chrono::seconds(60), asio::detached));
}

void start(asio::io_context &Io, asio::cancellation_signal &Shutdown,
           tcp::resolver::results_type Endpoints, tcp::socket Client) {
  asio::co_spawn(Io, probe(Endpoints),
                 asio::cancel_after(std::chrono::seconds(1), asio::detached));
  asio::co_spawn(
      Io,
      [&]() -> awaitable<void> {
        tcp::resolver Resolver(co_await asio::this_coro::executor);
        co_await Resolver.async_resolve("localhost", "80", use_awaitable);
      },
      asio::cancel_at(std::chrono::steady_clock::now(), asio::detached));
  asio::co_spawn(Io, probeUnbounded(Endpoints),
                 asio::cancel_after(std::chrono::seconds(1), asio::detached));
  asio::co_spawn(Io, probeUnbounded(Endpoints), asio::detached);
  asio::co_spawn(Io, session(std::move(Client)),
                 asio::bind_cancellation_slot(Shutdown.slot(), asio::detached));
  asio::co_spawn(
      Io,
      [&]() -> awaitable<void> {
        tcp::resolver Resolver(co_await asio::this_coro::executor);
        co_await Resolver.async_resolve("localhost", "80", use_awaitable);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'async_resolve' is awaited with no deadline
      },
      asio::detached);
}

// Made first, kept, then spawned: with a deadline, and without one.
awaitable<void> greet(tcp::socket &Socket) {
  char Data[64];
  co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
}
awaitable<void> greetUnbounded(tcp::socket &Socket) {
  char Data[64];
  co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
}
awaitable<void> greetBoth(tcp::socket &Socket) {
  auto Bounded = greet(Socket);
  co_await asio::co_spawn(
      Socket.get_executor(), std::move(Bounded),
      asio::cancel_after(std::chrono::seconds(1), use_awaitable));
  auto Unbounded = greetUnbounded(Socket);
  co_await asio::co_spawn(Socket.get_executor(), std::move(Unbounded),
                          use_awaitable);
}

// A fixture whose payload member is only ever called under a deadline.
class EchoFixture {
public:
  awaitable<void> client(tcp::socket Socket) {
    auto Task = Payload(std::move(Socket));
    co_await asio::co_spawn(
        co_await asio::this_coro::executor, std::move(Task),
        asio::cancel_after(std::chrono::seconds(1), use_awaitable));
  }
  std::function<awaitable<void>(tcp::socket)> Payload;
};
void sendHello(EchoFixture &Fixture) {
  Fixture.Payload = [](tcp::socket Socket) -> awaitable<void> {
    char Data[64];
    co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
  };
}

// A payload member called once with a deadline and once without.
class LooseFixture {
public:
  awaitable<void> client(tcp::socket Socket) {
    co_await asio::co_spawn(
        co_await asio::this_coro::executor, Payload(std::move(Socket)),
        asio::cancel_after(std::chrono::seconds(1), use_awaitable));
  }
  awaitable<void> retry(tcp::socket Socket) {
    co_await Payload(std::move(Socket));
  }
  std::function<awaitable<void>(tcp::socket)> Payload;
};
void sendLoose(LooseFixture &Fixture) {
  Fixture.Payload = [](tcp::socket Socket) -> awaitable<void> {
    char Data[64];
    co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_read_some' is awaited with no deadline
  };
}
