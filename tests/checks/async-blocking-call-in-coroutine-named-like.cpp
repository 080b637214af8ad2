// A coroutine of the program may take the name of a blocking function:
// Boost.Cobalt's http and ticker examples define `connect(host, ctx)` at
// global scope and await it. It suspends where POSIX connect blocks; its
// own body is checked as a coroutine. POSIX connect itself is reported.
// RUN: %check_tidy %s async-blocking-call-in-coroutine %t -- -- %asio_flags

#include <asio.hpp>
#include <string_view>

using asio::awaitable;
using asio::use_awaitable;

struct sockaddr;
extern "C" int connect(int Fd, const sockaddr *Address, unsigned Length);

awaitable<asio::ip::tcp::socket> connect(std::string_view Host) {
  asio::ip::tcp::socket Socket(co_await asio::this_coro::executor);
  co_return Socket;
}

awaitable<void> fetch() {
  auto Socket = co_await connect("boost.org");
  co_return;
}

awaitable<void> raw(int Fd, const sockaddr *Address) {
  connect(Fd, Address, 16);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'connect' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
  co_return;
}
