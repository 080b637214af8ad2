// A stream made from a socket whose peer is the program talks to the same
// peer (corral's beast-https test wraps the accepted socket in a stream).
// RUN: %check_tidy %s async-missing-timeout %t -- -- %boost_asio_flags

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using namespace net::experimental::awaitable_operators;
using net::awaitable;
using net::use_awaitable;
using tcp = net::ip::tcp;

awaitable<void> https(net::io_context &Io) {
  tcp::acceptor Acceptor(Io, tcp::endpoint(tcp::v4(), 0));
  auto Server = [&]() -> awaitable<void> {
    tcp::socket Sock(Io);
    co_await Acceptor.async_accept(Sock, use_awaitable);
    beast::tcp_stream Stream(std::move(Sock));
    beast::flat_buffer Buffer;
    http::request<http::empty_body> Request;
    co_await http::async_read(Stream, Buffer, Request, use_awaitable);
  };
  auto Client = [&]() -> awaitable<void> {
    beast::tcp_stream Stream(Io);
    co_await Stream.async_connect(Acceptor.local_endpoint(), use_awaitable);
    http::request<http::empty_body> Request{http::verb::get, "/", 11};
    co_await http::async_write(Stream, Request, use_awaitable);
  };
  co_await (Server() && Client());
}

// Made from a socket of a peer elsewhere: reported.
awaitable<void> served(tcp::acceptor &Public) {
  tcp::socket Sock = co_await Public.async_accept(use_awaitable);
  beast::tcp_stream Stream(std::move(Sock));
  beast::flat_buffer Buffer;
  http::request<http::empty_body> Request;
  co_await http::async_read(Stream, Buffer, Request, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' is awaited with no deadline
}
