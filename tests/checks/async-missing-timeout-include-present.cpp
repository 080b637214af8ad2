// A file that already includes the runtime header, in an include block that
// is not sorted, or through the umbrella header, gets no second #include from
// the fix-it: only the operation is rewritten.
// RUN: %check_tidy -fix-notes %s async-missing-timeout %t -- -- %asio_flags -I %runtime_include
// RUN: %check_tidy -fix-notes -check-suffixes=,UMBRELLA %s async-missing-timeout %t -- -- %asio_flags -I %runtime_include -DUMBRELLA

#include <vector>
#include <asio.hpp>
#ifdef UMBRELLA
#include <tether/tether.hpp>
#else
#include <tether/with_timeout.hpp>
#endif
#include <string>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> greet(tcp::socket &Socket) {
  std::string Greeting = "hello\n";
  co_await asio::async_write(Socket, asio::buffer(Greeting), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(asio::async_write(Socket, asio::buffer(Greeting), use_awaitable), std::chrono::seconds(30));{{$}}
  std::vector<char> Reply(8);
  co_await asio::async_read(Socket, asio::buffer(Reply), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(asio::async_read(Socket, asio::buffer(Reply), use_awaitable), std::chrono::seconds(30));{{$}}
}
