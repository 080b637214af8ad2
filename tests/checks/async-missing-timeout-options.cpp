// Every list is an option; DefaultTimeout is the deadline of the fix-it.
// RUN: %check_tidy -fix-notes %s async-missing-timeout %t -- \
// RUN:   -config="{CheckOptions: { \
// RUN:     async-missing-timeout.IOFunctions: 'asio::basic_stream_socket::async_read_some;::app::conn::async_recv', \
// RUN:     async-missing-timeout.TimerFunctions: '::app::pause;::app::timer::async_wait', \
// RUN:     async-missing-timeout.TimeoutWrappers: '::app::guarded;^::app::bounded_', \
// RUN:     async-missing-timeout.RaceFunctions: '::app::first_of', \
// RUN:     async-missing-timeout.CancellationBinders: '::app::with_stop', \
// RUN:     async-missing-timeout.CancellationEmitters: '::app::stop_source::request_stop', \
// RUN:     async-missing-timeout.StreamDeadlineFunctions: '::app::conn::arm', \
// RUN:     async-missing-timeout.StreamDeadlineResets: '::app::conn::disarm', \
// RUN:     async-missing-timeout.StreamTimeoutOptionTypes: '::app::idle_timeout', \
// RUN:     async-missing-timeout.StreamLayerFunctions: '::app::lowest', \
// RUN:     async-missing-timeout.DeadlineScopeTypes: '::app::deadline_scope', \
// RUN:     async-missing-timeout.DefaultTimeout: 'std::chrono::milliseconds(500)'}}" \
// RUN:   -- %asio_flags -I %runtime_include
// RUN: %tidy %s --checks='-*,async-missing-timeout' \
// RUN:   -config="{CheckOptions: {async-missing-timeout.IOFunctions: 'async_(;asio::async_write', \
// RUN:     async-missing-timeout.DeadlineScopeTypes: '[scope'}}" -- -std=c++20 %asio_flags -I %runtime_include 2>&1 \
// RUN:   | %filecheck %s --check-prefix=CHECK-BAD

#include <asio.hpp>
#include <tether/with_timeout.hpp>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using namespace std::chrono_literals;

namespace app {
struct conn {
  tcp::socket Socket;
  template <class Token> auto async_recv(asio::mutable_buffer B, Token T) {
    return Socket.async_read_some(B, T);
  }
  void arm(std::chrono::seconds);
  void disarm();
  template <class Option> void set_option(Option);
};
conn &lowest(conn &C);
struct idle_timeout {
  std::chrono::seconds Idle;
};
struct deadline_scope {
  explicit deadline_scope(std::chrono::seconds);
  ~deadline_scope();
};
awaitable<void> pause(std::chrono::seconds);
template <class T> awaitable<T> guarded(awaitable<T> Operation);
template <class T> awaitable<T> bounded_read(awaitable<T> Operation);
template <class T> awaitable<T> withTimeout(awaitable<T> Operation);
template <class A, class B> awaitable<void> first_of(A, B);
template <class Token> Token with_stop(Token T) { return T; }
struct stop_source {
  void request_stop();
};
struct timer {
  template <class Handler> void async_wait(Handler) {}
};
} // namespace app

awaitable<void> listed(app::conn &C, tcp::socket &Socket) {
  char Buffer[64];
  co_await C.async_recv(asio::buffer(Buffer), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_recv' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(C.async_recv(asio::buffer(Buffer), use_awaitable), std::chrono::milliseconds(500));{{$}}
  // No longer listed: asio::async_write.
  co_await asio::async_write(Socket, asio::buffer(Buffer), use_awaitable);
  // The lists replace the defaults: a name that says timeout is not enough.
  co_await app::withTimeout(
      Socket.async_read_some(asio::buffer(Buffer), use_awaitable));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'async_read_some' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(app::withTimeout({{$}}
  // CHECK-FIXES: {{^}}      Socket.async_read_some(asio::buffer(Buffer), use_awaitable)), std::chrono::milliseconds(500));{{$}}
  co_await app::guarded(Socket.async_read_some(asio::buffer(Buffer), use_awaitable));
  co_await app::bounded_read(
      Socket.async_read_some(asio::buffer(Buffer), use_awaitable));
  co_await app::first_of(Socket.async_read_some(asio::buffer(Buffer), use_awaitable),
                         app::pause(5s));
  co_await Socket.async_read_some(asio::buffer(Buffer),
                                  app::with_stop(use_awaitable));
}

awaitable<void> streams(app::conn &C, app::conn &D) {
  char Buffer[64];
  C.arm(5s);
  co_await C.async_recv(asio::buffer(Buffer), use_awaitable);
  C.disarm();
  co_await C.async_recv(asio::buffer(Buffer), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_recv' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(C.async_recv(asio::buffer(Buffer), use_awaitable), std::chrono::milliseconds(500));{{$}}
  app::lowest(D).arm(5s);
  co_await D.async_recv(asio::buffer(Buffer), use_awaitable);
  C.set_option(app::idle_timeout{5s});
  co_await C.async_recv(asio::buffer(Buffer), use_awaitable);
}

awaitable<void> scopes(app::conn &C) {
  char Buffer[64];
  {
    app::deadline_scope Scope(5s);
    co_await C.async_recv(asio::buffer(Buffer), use_awaitable);
  }
  co_await C.async_recv(asio::buffer(Buffer), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_recv' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(C.async_recv(asio::buffer(Buffer), use_awaitable), std::chrono::milliseconds(500));{{$}}
}

// A helper that stops its operand from the handler of a timer wait (both
// named by the options); one whose timer stops nothing.
template <class T> awaitable<T> stopOnTimer(awaitable<T> Operation) {
  app::stop_source Stop;
  app::timer Timer;
  Timer.async_wait([&] { Stop.request_stop(); });
  co_return co_await std::move(Operation);
}

template <class T> awaitable<T> idleTimer(awaitable<T> Operation) {
  app::timer Timer;
  Timer.async_wait([] {});
  co_return co_await std::move(Operation);
}

awaitable<void> raceHelpers(tcp::socket &Socket) {
  char Buffer[64];
  co_await stopOnTimer(Socket.async_read_some(asio::buffer(Buffer), use_awaitable));
  co_await idleTimer(Socket.async_read_some(asio::buffer(Buffer), use_awaitable));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(idleTimer(Socket.async_read_some(asio::buffer(Buffer), use_awaitable)), std::chrono::milliseconds(500));{{$}}
}

// CHECK-BAD-DAG: warning: invalid regular expression 'async_(' for option 'async-missing-timeout.IOFunctions': parentheses not balanced; the entry is ignored [clang-tidy-config]
// CHECK-BAD-DAG: warning: invalid regular expression '[scope' for option 'async-missing-timeout.DeadlineScopeTypes': brackets ([ ]) not balanced; the entry is ignored [clang-tidy-config]
// CHECK-BAD-DAG: :[[@LINE-66]]:3: warning: 'async_write' is awaited with no deadline
