// Half-written code, the editor's normal state: the check neither crashes nor
// reports nonsense on what does not compile, and still reports what does.
// RUN: %not %tidy %s --checks='-*,async-missing-timeout' -- -std=c++20 %asio_flags 2>&1 | %filecheck %s

#include <asio.hpp>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> broken(tcp::socket &Socket) {
  char Buffer[64];
  co_await Socket.async_read_some(asio::buffer(Buffer), undeclared_token);
  co_await Socket.async_read_some(asio::buffer(Buffer) use_awaitable);
  co_await undeclared_stream.async_read_some(asio::buffer(Buffer), use_awaitable);
  co_await undeclared::with_timeout(
      Socket.async_read_some(asio::buffer(Buffer), use_awaitable), 5);
  co_await Socket.;
  co_await asio::async_write(Socket, asio::buffer(Buffer), use_awaitable, );
}

awaitable<void> unfinished(tcp::socket &Socket);

void caller(tcp::socket &Socket) { unfinished(Socket, 1); }

awaitable<void> stillChecked(tcp::socket &Socket) {
  char Buffer[64];
  co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
}

// CHECK-NOT: warning: {{.*}}[async-missing-timeout]
// CHECK: :[[@LINE-4]]:3: warning: 'async_read_some' is awaited with no deadline
// CHECK-NOT: warning: {{.*}}[async-missing-timeout]
