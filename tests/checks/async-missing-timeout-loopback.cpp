// A test that talks to itself: a socket connected to an acceptor's own
// local_endpoint(), and the sockets that acceptor accepts, have the program
// as their peer (corral's test/asio_test.cc runs both ends side by side).
// Operations on other sockets of the same code are reported as ever.
// RUN: %check_tidy %s async-missing-timeout %t -- -- %asio_flags

#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <string>
#include <vector>

using namespace asio::experimental::awaitable_operators;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> smoke(asio::io_context &Io) {
  tcp::acceptor Acceptor(Io, tcp::endpoint(tcp::v4(), 0));
  auto Server = [&]() -> awaitable<void> {
    tcp::socket Sock(Io);
    co_await Acceptor.async_accept(Sock, use_awaitable);
    co_await asio::async_write(Sock, asio::buffer("hello", 5), use_awaitable);
  };
  auto Client = [&]() -> awaitable<void> {
    tcp::socket Sock(Io);
    co_await Sock.async_connect(Acceptor.local_endpoint(), use_awaitable);
    char Buf[5];
    co_await asio::async_read(Sock, asio::buffer(Buf), use_awaitable);
  };
  co_await (Server() && Client());
}

awaitable<void> acceptedAsAValue(asio::io_context &Io) {
  tcp::acceptor Acceptor(Io, tcp::endpoint(tcp::v4(), 0));
  tcp::socket Client(Io);
  co_await Client.async_connect(Acceptor.local_endpoint(), use_awaitable);
  tcp::socket Served = co_await Acceptor.async_accept(use_awaitable);
  char Buf[5];
  co_await Served.async_read_some(asio::buffer(Buf), use_awaitable);
}

// A peer elsewhere: the same shapes, reported.
awaitable<void> remote(asio::io_context &Io, tcp::endpoint Peer) {
  tcp::acceptor Acceptor(Io, tcp::endpoint(tcp::v4(), 0));
  tcp::socket Sock(Io);
  co_await Sock.async_connect(Peer, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_connect' is awaited with no deadline
  char Buf[5];
  co_await asio::async_read(Sock, asio::buffer(Buf), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' is awaited with no deadline
  tcp::socket Served = co_await Acceptor.async_accept(use_awaitable);
  co_await Served.async_read_some(asio::buffer(Buf), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
}

// Server and client of one test, on a constant port of this host: the
// client connects to the port the acceptor listens on.
void serverAndClient(asio::io_context &Io) {
  auto Server = [&]() -> awaitable<void> {
    tcp::acceptor Acceptor(Io, {tcp::v4(), 2775});
    tcp::socket Served = co_await Acceptor.async_accept(use_awaitable);
    char Buf[5];
    co_await Served.async_read_some(asio::buffer(Buf), use_awaitable);
  };
  auto Client = [&]() -> awaitable<void> {
    tcp::socket Sock(Io);
    co_await Sock.async_connect({tcp::v4(), 2775}, use_awaitable);
    char Buf[5];
    co_await asio::async_read(Sock, asio::buffer(Buf), use_awaitable);
  };
  asio::co_spawn(Io, Server(), asio::detached);
  asio::co_spawn(Io, Client(), asio::detached);
}

// The same through local endpoints, a loopback address and the free
// async_connect over a list of one endpoint.
void serverAndClientV6(asio::io_context &Io) {
  auto Server = [&]() -> awaitable<void> {
    auto Endpoint = tcp::endpoint(tcp::v6(), 4223);
    auto Acceptor = tcp::acceptor(Io, Endpoint);
    auto Socket = tcp::socket(Io);
    co_await Acceptor.async_accept(Socket, use_awaitable);
    co_await asio::async_write(Socket, asio::buffer("x", 1), use_awaitable);
  };
  auto Client = [&]() -> awaitable<void> {
    auto Address = asio::ip::make_address_v6("::1");
    auto Endpoint = tcp::endpoint(Address, 4223);
    auto Socket = tcp::socket(Io);
    const std::vector<tcp::endpoint> Endpoints{Endpoint};
    co_await asio::async_connect(Socket, Endpoints, use_awaitable);
    std::string Buf(5, '\0');
    co_await asio::async_read(Socket, asio::buffer(Buf), use_awaitable);
  };
  asio::co_spawn(Io, Server(), asio::detached);
  asio::co_spawn(Io, Client(), asio::detached);
}

// Another host on the same port, or a port nothing here listens on.
awaitable<void> otherHostOrPort(asio::io_context &Io) {
  tcp::socket Remote(Io);
  co_await Remote.async_connect(
      {asio::ip::make_address("10.0.0.1"), 2775}, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'async_connect' is awaited with no deadline
  char Buf[5];
  co_await asio::async_read(Remote, asio::buffer(Buf), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' is awaited with no deadline
  tcp::socket Local(Io);
  co_await Local.async_connect({tcp::v4(), 2776}, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_connect' is awaited with no deadline
  co_await asio::async_read(Local, asio::buffer(Buf), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' is awaited with no deadline
}
