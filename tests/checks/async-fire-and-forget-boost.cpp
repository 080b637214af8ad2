// RUN: %check_tidy %s async-fire-and-forget %t -- -- %boost_asio_flags

#include <utility>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

namespace net = boost::asio;
using net::awaitable;
using net::use_awaitable;
using tcp = net::ip::tcp;

awaitable<std::size_t> readHeader(tcp::socket &Socket) {
  char Buffer[16];
  co_return co_await Socket.async_read_some(net::buffer(Buffer), use_awaitable);
}

awaitable<void> serve(tcp::socket Socket) {
  readHeader(Socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'readHeader' is discarded and never started: its body does not run; co_await it or keep it to await later [async-fire-and-forget]
  // CHECK-FIXES: {{^}}  co_await readHeader(Socket);{{$}}
  static const char Reply[] = "ok";
  net::async_write(Socket, net::buffer(Reply), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'async_write' is discarded and never started
  // CHECK-FIXES: {{^}}  co_await net::async_write(Socket, net::buffer(Reply), use_awaitable);{{$}}
  using namespace net::experimental::awaitable_operators;
  net::steady_timer Timer(Socket.get_executor());
  readHeader(Socket) && Timer.async_wait(use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'operator&&' is discarded and never started
  // CHECK-FIXES: {{^}}  co_await (readHeader(Socket) && Timer.async_wait(use_awaitable));{{$}}
  co_await readHeader(Socket);
}

void start(net::io_context &Io, tcp::socket Socket) {
  net::co_spawn(Io, serve(std::move(Socket)), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its result and its exception are lost
  net::co_spawn(Io, [] () -> awaitable<void> { co_return; }, [](std::exception_ptr Error) {
    if (Error)
      std::rethrow_exception(Error);
  });
  auto Future = net::co_spawn(Io, [] () -> awaitable<int> { co_return 1; }, net::use_future);
  Future.get();
}

void postTask(net::io_context &Io) {
  net::post(Io, [] () -> awaitable<void> { co_return; });
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'post' drops the task that the lambda returns: it is never started, its body does not run [async-fire-and-forget]
  net::defer(Io.get_executor(), [] { return readHeader; });
}
