// A stream made from a Beast tcp_stream whose deadline is armed (an
// ssl::stream that takes it over, as Beast's advanced flex server does)
// keeps that deadline: its operations do their I/O on the armed stream.
// A coroutine whose every caller passes it an armed stream keeps that
// deadline too, until it disarms the stream itself.
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

// A coroutine that reads a stream its callers armed: every call passes an
// armed stream (Beast's flex server arms the stream, then runs the session
// on it, plain or wrapped in TLS).
template <class Stream>
net::awaitable<void> runSession(Stream &S, beast::flat_buffer &Buffer) {
  http::request<http::string_body> Request;
  co_await http::async_read(S, Buffer, Request, net::use_awaitable);
  // Disarmed here: what follows is not bounded by the callers' deadline.
  beast::get_lowest_layer(S).expires_never();
  co_await http::async_read(S, Buffer, Request, net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' is awaited with no deadline
}

net::awaitable<void> detectSession(beast::tcp_stream Stream,
                                   ssl::context &Ctx) {
  beast::flat_buffer Buffer;
  Stream.expires_after(30s);
  if (Buffer.size()) {
    ssl::stream<beast::tcp_stream> Secure{std::move(Stream), Ctx};
    co_await runSession(Secure, Buffer);
  } else {
    co_await runSession(Stream, Buffer);
  }
}

// One caller passes a stream with no deadline: the callee is reported.
net::awaitable<void> readOne(beast::tcp_stream &S) {
  beast::flat_buffer Buffer;
  http::request<http::string_body> Request;
  co_await http::async_read(S, Buffer, Request, net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' is awaited with no deadline
}

net::awaitable<void> callers(beast::tcp_stream &A, beast::tcp_stream &B) {
  A.expires_after(30s);
  co_await readOne(A);
  co_await readOne(B);
}

// Armed by its only caller, but also passed on as a function pointer: it may
// be called anywhere.
net::awaitable<void> readTwo(beast::tcp_stream &S) {
  beast::flat_buffer Buffer;
  http::request<http::string_body> Request;
  co_await http::async_read(S, Buffer, Request, net::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' is awaited with no deadline
}

void registerReader(net::awaitable<void> (*&Slot)(beast::tcp_stream &)) {
  Slot = readTwo;
}

net::awaitable<void> armedCaller(beast::tcp_stream &A) {
  A.expires_after(30s);
  co_await readTwo(A);
}
