// A stream made from a Beast tcp_stream whose deadline is armed (an
// ssl::stream that takes it over, as Beast's advanced flex server does)
// keeps that deadline: its operations do their I/O on the armed stream.
// RUN: %check_tidy %s async-missing-timeout %t -- -- %boost_asio_flags

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using namespace std::chrono_literals;

net::awaitable<void> armedThenWrapped(beast::tcp_stream Stream,
                                      ssl::context &Ctx) {
  Stream.expires_after(30s);
  ssl::stream<beast::tcp_stream> Secure{std::move(Stream), Ctx};
  co_await Secure.async_handshake(ssl::stream_base::server, net::use_awaitable);
  beast::flat_buffer Buffer;
  http::request<http::string_body> Request;
  co_await http::async_read(Secure, Buffer, Request, net::use_awaitable);
  // Disarmed on the wrapping stream's lowest layer: no deadline any more.
  beast::get_lowest_layer(Secure).expires_never();
  co_await Secure.async_shutdown(net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_shutdown' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
}

// Wrapped before any deadline was armed: nothing bounds it.
net::awaitable<void> wrappedUnarmed(beast::tcp_stream Stream,
                                    ssl::context &Ctx) {
  ssl::stream<beast::tcp_stream> Secure{std::move(Stream), Ctx};
  co_await Secure.async_handshake(ssl::stream_base::server, net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_handshake' is awaited with no deadline
}

// A deadline armed on another stream does not carry over.
net::awaitable<void> otherArmed(beast::tcp_stream Stream,
                                beast::tcp_stream Other, ssl::context &Ctx) {
  Other.expires_after(30s);
  ssl::stream<beast::tcp_stream> Secure{std::move(Stream), Ctx};
  co_await Secure.async_handshake(ssl::stream_base::server, net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_handshake' is awaited with no deadline
}
