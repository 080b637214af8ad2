// The fix-it adds the include of tether::with_timeout, once for every fix in
// the file.
// RUN: %check_tidy -fix-notes %s async-missing-timeout %t -- -- %asio_flags -I %runtime_include

#include <asio.hpp>
// CHECK-FIXES: {{^}}#include <tether/with_timeout.hpp>{{$}}

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> greet(tcp::socket &Socket) {
  co_await asio::async_write(Socket, asio::buffer("hello\n", 6), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(asio::async_write(Socket, asio::buffer("hello\n", 6), use_awaitable), std::chrono::seconds(30));{{$}}
  char Reply[8];
  co_await asio::async_read(Socket, asio::buffer(Reply), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(asio::async_read(Socket, asio::buffer(Reply), use_awaitable), std::chrono::seconds(30));{{$}}
}
