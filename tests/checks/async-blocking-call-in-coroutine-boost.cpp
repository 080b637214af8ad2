// Boost.Asio: synchronous operations become their boost::asio twins. The
// runtime's rewrites (sleep_for, offload) need the runtime on Boost.Asio
// (TETHER_USE_BOOST_ASIO, see the -runtime test); without it a sleep becomes
// Boost.Asio's own timer, and the rest is advice.
// RUN: %check_tidy -check-suffixes=,WARN %s async-blocking-call-in-coroutine %t -- -- %boost_asio_flags
// RUN: %check_tidy -check-suffixes=,WARN,NOTE -fix-notes %s async-blocking-call-in-coroutine %t -- -- %boost_asio_flags

#include <utility>
#include <boost/asio.hpp>
#include <chrono>
#include <future>
#include <thread>

namespace net = boost::asio;
using net::awaitable;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

awaitable<std::size_t> session(tcp::socket &Socket, tcp::resolver &Resolver,
                               std::future<int> &Future) {
  char Buffer[32];
  std::size_t Count = Socket.read_some(net::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:23: warning: 'boost::asio::basic_stream_socket::read_some' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  std::size_t Count = co_await Socket.async_read_some(net::buffer(Buffer), boost::asio::use_awaitable);{{$}}
  boost::system::error_code Error;
  Count += net::write(Socket, net::buffer(Buffer), Error);
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'boost::asio::write' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:12: note: co_await its asynchronous twin 'async_write'; its error then goes to the same error_code through 'redirect_error'
// CHECK-FIXES-NOTE: {{^}}  Count += co_await net::async_write(Socket, net::buffer(Buffer), boost::asio::redirect_error(boost::asio::use_awaitable, Error));{{$}}
  auto Endpoints = Resolver.resolve("localhost", "80");
// CHECK-NOTES: :[[@LINE-1]]:20: warning: 'boost::asio::ip::basic_resolver::resolve' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  auto Endpoints = co_await Resolver.async_resolve("localhost", "80", boost::asio::use_awaitable);{{$}}
  net::connect(Socket, Endpoints);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'boost::asio::connect' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  co_await net::async_connect(Socket, Endpoints, boost::asio::use_awaitable);{{$}}
  std::this_thread::sleep_for(5ms);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES: {{^}}  co_await boost::asio::steady_timer(co_await boost::asio::this_coro::executor, 5ms).async_wait(boost::asio::use_awaitable);{{$}}
  Count += Future.get();
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'std::future::get' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:12: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
  co_return Count;
}

// An awaitable on another executor cannot await use_awaitable's default
// one: advice only.
awaitable<void, net::io_context::executor_type>
onStrand(net::basic_stream_socket<tcp, net::io_context::executor_type> &Socket) {
  char Buffer[32];
  Socket.read_some(net::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'boost::asio::basic_stream_socket::read_some' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: co_await its asynchronous twin 'async_read_some' instead
  co_return;
}

