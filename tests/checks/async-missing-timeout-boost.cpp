// Boost.Asio through aliases. With the runtime on Boost.Asio
// (TETHER_USE_BOOST_ASIO) the await is wrapped in tether::with_timeout and
// the include added; without it tether::with_timeout takes standalone Asio's
// awaitable, so the warning stands alone.
// RUN: %check_tidy -fix-notes -check-suffixes=,FIX %s async-missing-timeout %t -- -- %boost_asio_flags -DTETHER_USE_BOOST_ASIO -I %runtime_include
// RUN: %check_tidy -fix-notes %s async-missing-timeout %t -- -- %boost_asio_flags -I %runtime_include

#include <utility>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
// CHECK-FIXES-FIX: {{^}}#include <tether/with_timeout.hpp>{{$}}

namespace net = boost::asio;
using namespace net::experimental::awaitable_operators;
using net::awaitable;
using net::use_awaitable;
using tcp = net::ip::tcp;

awaitable<void> echo(tcp::socket Socket) {
  char Buffer[64];
  for (;;) {
    std::size_t N =
        co_await Socket.async_read_some(net::buffer(Buffer), use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'async_read_some' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
    // CHECK-FIXES-FIX: {{^}}        co_await tether::with_timeout(Socket.async_read_some(net::buffer(Buffer), use_awaitable), std::chrono::seconds(30));{{$}}
    co_await net::async_write(Socket, net::buffer(Buffer, N), use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_write' is awaited with no deadline
    // CHECK-FIXES-FIX: {{^}}    co_await tether::with_timeout(net::async_write(Socket, net::buffer(Buffer, N), use_awaitable), std::chrono::seconds(30));{{$}}
  }
}

awaitable<void> connect(tcp::socket &Socket, tcp::resolver &Resolver) {
  auto Endpoints =
      co_await Resolver.async_resolve("example.org", "80", use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'async_resolve' is awaited with no deadline
  // CHECK-FIXES-FIX: {{^}}      co_await tether::with_timeout(Resolver.async_resolve("example.org", "80", use_awaitable), std::chrono::seconds(30));{{$}}
  co_await net::async_connect(Socket, Endpoints, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_connect' is awaited with no deadline
  // CHECK-FIXES-FIX: {{^}}  co_await tether::with_timeout(net::async_connect(Socket, Endpoints, use_awaitable), std::chrono::seconds(30));{{$}}
}

void start(net::io_context &Io, tcp::socket Socket) {
  net::co_spawn(Io, echo(std::move(Socket)), net::detached);
}

// Bounded.
awaitable<void> bounded(tcp::socket &Socket, net::steady_timer &Timer,
                        net::cancellation_signal &Signal) {
  char Buffer[64];
  Timer.expires_after(std::chrono::seconds(5));
  co_await (Socket.async_read_some(net::buffer(Buffer), use_awaitable) ||
            Timer.async_wait(use_awaitable));
  co_await net::async_read(
      Socket, net::buffer(Buffer),
      net::bind_cancellation_slot(Signal.slot(), use_awaitable));
  net::deadline_timer Old(Socket.get_executor());
  co_await (net::async_write(Socket, net::buffer(Buffer), use_awaitable) ||
            Old.async_wait(use_awaitable));
}

// Completion handlers are out of scope.
void callbacks(tcp::socket &Socket, char (&Buffer)[64]) {
  Socket.async_read_some(net::buffer(Buffer),
                         [](boost::system::error_code, std::size_t) {});
}
