// Beast: a tcp_stream (basic_stream) whose expires_after or expires_at was
// called earlier in the coroutine, with no expires_never since, bounds its
// operations; a websocket stream with its timeout option set bounds its own;
// so does a helper in view that arms the stream it is given or captures, and
// a member of a project's stream wrapper that arms the stream it holds.
// RUN: %check_tidy -fix-notes %s async-missing-timeout %t -- -- %boost_asio_flags -DTETHER_USE_BOOST_ASIO -I %runtime_include

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/variant2/variant.hpp>
#include <memory>
#include <optional>
#include <tether/with_timeout.hpp>
#include <type_traits>
#include <variant>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using net::awaitable;
using net::use_awaitable;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

awaitable<void> request(beast::tcp_stream &Stream, tcp::resolver &Resolver) {
  // A stream deadline does not bound a separate resolver.
  Stream.expires_after(30s);
  auto Endpoints =
      co_await Resolver.async_resolve("example.org", "80", use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'async_resolve' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
  // CHECK-FIXES: {{^}}      co_await tether::with_timeout(Resolver.async_resolve("example.org", "80", use_awaitable), std::chrono::seconds(30));{{$}}
  co_await Stream.async_connect(Endpoints, use_awaitable);
  http::request<http::empty_body> Request{http::verb::get, "/", 11};
  co_await http::async_write(Stream, Request, use_awaitable);
  beast::flat_buffer Buffer;
  http::response<http::string_body> Response;
  Stream.expires_at(std::chrono::steady_clock::now() + 30s);
  co_await http::async_read(Stream, Buffer, Response, use_awaitable);
  Stream.expires_never();
  co_await http::async_read(Stream, Buffer, Response, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(http::async_read(Stream, Buffer, Response, use_awaitable), std::chrono::seconds(30));{{$}}
}

awaitable<void> unarmed(beast::tcp_stream &Stream, beast::tcp_stream &Other) {
  char Data[64];
  // Another stream's deadline, and one armed only in a lambda that the
  // coroutine does not call.
  Other.expires_after(30s);
  auto Arm = [&] { Stream.expires_after(30s); };
  co_await Stream.async_read_some(net::buffer(Data), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Stream.async_read_some(net::buffer(Data), use_awaitable), std::chrono::seconds(30));{{$}}
  co_await net::async_write(Stream, net::buffer(Data), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(net::async_write(Stream, net::buffer(Data), use_awaitable), std::chrono::seconds(30));{{$}}
  co_await net::async_write(Other, net::buffer(Data), use_awaitable);
}

// Beast's write of a message_generator (beast::async_write), armed or not.
awaitable<void> generated(beast::tcp_stream &Stream) {
  http::response<http::string_body> Response{http::status::ok, 11};
  http::message_generator First{std::move(Response)};
  co_await beast::async_write(Stream, std::move(First), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(beast::async_write(Stream, std::move(First), use_awaitable), std::chrono::seconds(30));{{$}}
  http::response<http::string_body> Second{http::status::ok, 11};
  Stream.expires_after(30s);
  co_await beast::async_write(Stream, http::message_generator{std::move(Second)},
                              use_awaitable);
}

awaitable<void> session(websocket::stream<beast::tcp_stream> &Ws) {
  // Beast's handshake idiom: a deadline on the lowest layer, then the
  // websocket's own timeouts.
  beast::get_lowest_layer(Ws).expires_after(30s);
  co_await Ws.async_handshake("example.org", "/", use_awaitable);
  beast::get_lowest_layer(Ws).expires_never();
  Ws.set_option(
      websocket::stream_base::timeout::suggested(beast::role_type::client));
  beast::flat_buffer Buffer;
  co_await Ws.async_read(Buffer, use_awaitable);
  co_await Ws.async_write(Buffer.data(), use_awaitable);
}

awaitable<void> noTimeouts(websocket::stream<beast::tcp_stream> &Ws) {
  co_await Ws.async_accept(use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_accept' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Ws.async_accept(use_awaitable), std::chrono::seconds(30));{{$}}
  beast::flat_buffer Buffer;
  co_await Ws.async_read(Buffer, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Ws.async_read(Buffer, use_awaitable), std::chrono::seconds(30));{{$}}
}

struct Client {
  beast::tcp_stream Stream;
  beast::flat_buffer Buffer;

  awaitable<void> fetch() {
    http::response<http::string_body> Response;
    Stream.expires_after(10s);
    co_await http::async_read(Stream, Buffer, Response, use_awaitable);
  }

  awaitable<void> fetchUnbounded() {
    http::response<http::string_body> Response;
    co_await http::async_read(Stream, Buffer, Response, use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_read' is awaited with no deadline
    // CHECK-FIXES: {{^}}    co_await tether::with_timeout(http::async_read(Stream, Buffer, Response, use_awaitable), std::chrono::seconds(30));{{$}}
  }
};

awaitable<void> wrapped(websocket::stream<beast::tcp_stream> &Ws) {
  beast::flat_buffer Buffer;
  co_await tether::with_timeout(Ws.async_read(Buffer, use_awaitable), 5s);
}

// A deadline armed by a helper: a member function that arms its parameter
// when a timeout is configured, a lambda that arms the stream it captures.
struct Server {
  std::optional<std::chrono::seconds> IdleTimeout;

  void inRequestTimeout(beast::tcp_stream &S) {
    if (IdleTimeout)
      S.expires_after(*IdleTimeout);
    else
      S.expires_never();
  }
  void log(beast::tcp_stream &S, beast::tcp_stream &Other) {
    Other.expires_after(30s);
  }

  awaitable<void> serve(beast::tcp_stream Stream, beast::tcp_stream Backend) {
    beast::flat_buffer Buffer;
    http::request<http::string_body> Request;
    inRequestTimeout(Stream);
    co_await http::async_read(Stream, Buffer, Request, use_awaitable);
    auto Arm = [&] { Backend.expires_after(30s); };
    Arm();
    co_await http::async_write(Backend, Request, use_awaitable);
    // A helper that arms another of its parameters.
    log(Stream, Backend);
    Stream.expires_never();
    log(Stream, Backend);
    co_await http::async_read(Stream, Buffer, Request, use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_read' is awaited with no deadline
    // CHECK-FIXES: {{^}}    co_await tether::with_timeout(http::async_read(Stream, Buffer, Request, use_awaitable), std::chrono::seconds(30));{{$}}
  }
};

// A stream that is a variant of streams, armed by a helper that visits it
// and arms the Beast alternatives (libsocks' stream_expires_after); a
// visitor that arms nothing, or a stream the helper does not visit, leaves
// it unarmed.
template <class... Streams>
struct VariantStream : boost::variant2::variant<Streams...> {
  using boost::variant2::variant<Streams...>::variant;
  using executor_type = net::any_io_executor;
  executor_type get_executor() {
    return boost::variant2::get<0>(*this).get_executor();
  }
  template <class Buffers, class Token>
  auto async_read_some(const Buffers &B, Token &&T) {
    return boost::variant2::get<0>(*this).async_read_some(
        B, std::forward<Token>(T));
  }
  template <class Buffers, class Token>
  auto async_write_some(const Buffers &B, Token &&T) {
    return boost::variant2::get<0>(*this).async_write_some(
        B, std::forward<Token>(T));
  }
};
using AnyStream = VariantStream<beast::tcp_stream, tcp::socket>;

void streamExpiresAfter(AnyStream &S, std::chrono::seconds D) {
  boost::variant2::visit(
      [D](auto &Alternative) {
        if constexpr (std::is_same_v<std::decay_t<decltype(Alternative)>,
                                     beast::tcp_stream>) {
          auto &Layer = Alternative;
          Layer.expires_after(D);
        }
      },
      S);
}

void touch(AnyStream &S) {
  auto Visitor = [](auto &Alternative) { (void)Alternative; };
  boost::variant2::visit(Visitor, S);
}

awaitable<void> relay(AnyStream &From, AnyStream &To) {
  char Data[512];
  streamExpiresAfter(From, 30s);
  touch(To);
  std::size_t N =
      co_await net::async_read(From, net::buffer(Data), use_awaitable);
  co_await net::async_write(To, net::buffer(Data, N), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(net::async_write(To, net::buffer(Data, N), use_awaitable), std::chrono::seconds(30));{{$}}
}

// A project's own stream wrapper whose members forward to the Beast stream it
// holds (libsocks' util::tcp_socket): its expires_after arms the wrapper, its
// expires_never disarms it; a member that arms a stream it is given arms that
// stream, not the wrapper.
class TcpSocket {
public:
  using executor_type = beast::tcp_stream::executor_type;
  explicit TcpSocket(tcp::socket &&S)
      : Impl(std::make_unique<beast::tcp_stream>(std::move(S))) {}
  executor_type get_executor() { return Impl->get_executor(); }
  template <class Buffers, class Token>
  auto async_read_some(const Buffers &B, Token &&T) {
    return Impl->async_read_some(B, std::forward<Token>(T));
  }
  template <class Buffers, class Token>
  auto async_write_some(const Buffers &B, Token &&T) {
    return Impl->async_write_some(B, std::forward<Token>(T));
  }
  void expires_after(std::chrono::seconds D) { Impl->expires_after(D); }
  void expires_never() { Impl->expires_never(); }
  void arm(beast::tcp_stream &Other, std::chrono::seconds D) {
    Other.expires_after(D);
  }

private:
  std::unique_ptr<beast::tcp_stream> Impl;
};

awaitable<void> echoWrapped(TcpSocket &S) {
  char Data[512];
  S.expires_after(30s);
  std::size_t N = co_await net::async_read(S, net::buffer(Data), use_awaitable);
  S.expires_never();
  co_await net::async_write(S, net::buffer(Data, N), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(net::async_write(S, net::buffer(Data, N), use_awaitable), std::chrono::seconds(30));{{$}}
}

awaitable<void> armOther(TcpSocket &S, beast::tcp_stream &Backend) {
  char Data[512] = {};
  S.arm(Backend, 30s);
  co_await net::async_write(Backend, net::buffer(Data), use_awaitable);
  co_await net::async_write(S, net::buffer(Data), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(net::async_write(S, net::buffer(Data), use_awaitable), std::chrono::seconds(30));{{$}}
}

using WrappedStream = VariantStream<TcpSocket, tcp::socket>;

void wrappedExpiresAfter(WrappedStream &S, std::chrono::seconds D) {
  boost::variant2::visit(
      [D](auto &Alternative) {
        if constexpr (std::is_same_v<std::decay_t<decltype(Alternative)>,
                                     TcpSocket>)
          Alternative.expires_after(D);
      },
      S);
}

awaitable<void> relayWrapped(WrappedStream &From) {
  char Data[512];
  wrappedExpiresAfter(From, 30s);
  co_await net::async_read(From, net::buffer(Data), use_awaitable);
}

// A wrapper that holds a variant of streams and arms the one it holds by
// visiting it (httplib's http_stream): its expires_after arms the wrapper,
// its expires_never disarms it; a visit of a variant it does not hold arms
// nothing of its own.
class HttpStream {
public:
  using executor_type = beast::tcp_stream::executor_type;
  executor_type get_executor() {
    return std::visit([](auto &T) { return T.get_executor(); }, Stream);
  }
  template <class Buffers, class Token>
  auto async_read_some(const Buffers &B, Token &&T) {
    return std::visit(
        [&](auto &S) { return S.async_read_some(B, std::forward<Token>(T)); },
        Stream);
  }
  template <class Buffers, class Token>
  auto async_write_some(const Buffers &B, Token &&T) {
    return std::visit(
        [&](auto &S) { return S.async_write_some(B, std::forward<Token>(T)); },
        Stream);
  }
  void expires_after(std::chrono::seconds D) {
    std::visit([&](auto &S) { beast::get_lowest_layer(S).expires_after(D); },
               Stream);
  }
  void expires_never() {
    std::visit([](auto &S) { beast::get_lowest_layer(S).expires_never(); },
               Stream);
  }
  void armOther(std::variant<beast::tcp_stream> &Other, std::chrono::seconds D) {
    std::visit([&](auto &S) { beast::get_lowest_layer(S).expires_after(D); },
               Other);
  }

private:
  std::variant<beast::tcp_stream> Stream;
};

awaitable<void> serveVisited(HttpStream &S,
                             std::variant<beast::tcp_stream> &Backend) {
  char Data[512];
  S.expires_after(30s);
  std::size_t N = co_await net::async_read(S, net::buffer(Data), use_awaitable);
  S.expires_never();
  co_await net::async_write(S, net::buffer(Data, N), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(net::async_write(S, net::buffer(Data, N), use_awaitable), std::chrono::seconds(30));{{$}}
  S.armOther(Backend, 30s);
  co_await net::async_write(S, net::buffer(Data, N), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(net::async_write(S, net::buffer(Data, N), use_awaitable), std::chrono::seconds(30));{{$}}
}
