// A test that talks to itself: a socket connected to an acceptor's own
// local_endpoint(), and the sockets that acceptor accepts, have the program
// as their peer (corral's test/asio_test.cc runs both ends side by side).
// Operations on other sockets of the same code are reported as ever.
// RUN: %check_tidy %s async-missing-timeout %t -- -- %asio_flags

#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>

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
