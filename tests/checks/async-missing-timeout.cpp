// RUN: %check_tidy -fix-notes %s async-missing-timeout %t -- -- %asio_flags -I %runtime_include

#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/experimental/channel.hpp>
#include <tether/gather.hpp>
#include <tether/sleep.hpp>
#include <tether/with_timeout.hpp>

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

// Reads, writes, connects, resolves and readiness waits with no deadline,
// in coroutines nothing calls in this file.

awaitable<void> plainReads(tcp::socket &Socket) {
  char Buffer[64];
  co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Socket.async_read_some(asio::buffer(Buffer), use_awaitable), std::chrono::seconds(30));{{$}}
  std::size_t N = co_await asio::async_read(Socket, asio::buffer(Buffer), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'async_read' is awaited with no deadline
  // CHECK-FIXES: {{^}}  std::size_t N = co_await tether::with_timeout(asio::async_read(Socket, asio::buffer(Buffer), use_awaitable), std::chrono::seconds(30));{{$}}
  co_await asio::async_write(Socket, asio::buffer(Buffer, N), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(asio::async_write(Socket, asio::buffer(Buffer, N), use_awaitable), std::chrono::seconds(30));{{$}}
  std::string Line;
  co_await asio::async_read_until(Socket, asio::dynamic_buffer(Line), '\n',
                                  use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'async_read_until' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(asio::async_read_until(Socket, asio::dynamic_buffer(Line), '\n',{{$}}
  // CHECK-FIXES: {{^}}                                  use_awaitable), std::chrono::seconds(30));{{$}}
  co_await Socket.async_wait(tcp::socket::wait_read, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_wait' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Socket.async_wait(tcp::socket::wait_read, use_awaitable), std::chrono::seconds(30));{{$}}
}

awaitable<void> connects(tcp::socket &Socket, tcp::resolver &Resolver) {
  auto Endpoints = co_await Resolver.async_resolve("example.org", "80", use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'async_resolve' is awaited with no deadline
  // CHECK-FIXES: {{^}}  auto Endpoints = co_await tether::with_timeout(Resolver.async_resolve("example.org", "80", use_awaitable), std::chrono::seconds(30));{{$}}
  co_await asio::async_connect(Socket, Endpoints, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_connect' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(asio::async_connect(Socket, Endpoints, use_awaitable), std::chrono::seconds(30));{{$}}
  co_await Socket.async_connect(*Endpoints.begin(), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_connect' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Socket.async_connect(*Endpoints.begin(), use_awaitable), std::chrono::seconds(30));{{$}}
}

// A resolve that asks no server: an empty host name only maps the service
// name to a port, and a numeric address is taken as written. A host name, or
// a host that is not a literal, is looked up.
awaitable<void> localResolves(tcp::resolver &Resolver, std::string Host) {
  co_await Resolver.async_resolve("", "https", use_awaitable);
  co_await Resolver.async_resolve("127.0.0.1", "8080", use_awaitable);
  co_await Resolver.async_resolve("::1", "8080", use_awaitable);
  co_await Resolver.async_resolve("localhost", "8080", use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_resolve' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Resolver.async_resolve("localhost", "8080", use_awaitable), std::chrono::seconds(30));{{$}}
  co_await Resolver.async_resolve(Host, "8080", use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_resolve' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Resolver.async_resolve(Host, "8080", use_awaitable), std::chrono::seconds(30));{{$}}
}

awaitable<void> datagrams(asio::ip::udp::socket &Socket) {
  char Buffer[64];
  asio::ip::udp::endpoint From;
  co_await Socket.async_receive_from(asio::buffer(Buffer), From, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_receive_from' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Socket.async_receive_from(asio::buffer(Buffer), From, use_awaitable), std::chrono::seconds(30));{{$}}
  // A datagram is sent once the kernel takes it: no peer to wait for.
  co_await Socket.async_send_to(asio::buffer(Buffer), From, use_awaitable);
  co_await Socket.async_send(asio::buffer(Buffer), use_awaitable);
}

awaitable<void> rawDatagrams(asio::ip::icmp::socket &Socket,
                             asio::ip::icmp::endpoint To) {
  char Buffer[64];
  co_await Socket.async_send_to(asio::buffer(Buffer), To, use_awaitable);
  co_await Socket.async_receive(asio::buffer(Buffer), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_receive' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Socket.async_receive(asio::buffer(Buffer), use_awaitable), std::chrono::seconds(30));{{$}}
}

using Channel = asio::experimental::channel<void(asio::error_code, int)>;

awaitable<int> receive(Channel &Values) {
  co_return co_await Values.async_receive(use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'async_receive' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_return co_await tether::with_timeout(Values.async_receive(use_awaitable), std::chrono::seconds(30));{{$}}
}

// Token adapters keep the operation an awaitable; other tokens get no fix.
awaitable<void> adaptedTokens(tcp::socket &Socket) {
  char Buffer[64];
  auto [Error, N] = co_await Socket.async_read_some(
      asio::buffer(Buffer), asio::experimental::as_tuple(use_awaitable));
  // CHECK-MESSAGES: :[[@LINE-2]]:21: warning: 'async_read_some' is awaited with no deadline
  // CHECK-FIXES: {{^}}  auto [Error, N] = co_await tether::with_timeout(Socket.async_read_some({{$}}
  // CHECK-FIXES: {{^}}      asio::buffer(Buffer), asio::experimental::as_tuple(use_awaitable)), std::chrono::seconds(30));{{$}}
  asio::error_code Code;
  co_await Socket.async_read_some(asio::buffer(Buffer),
                                  asio::redirect_error(use_awaitable, Code));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'async_read_some' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Socket.async_read_some(asio::buffer(Buffer),{{$}}
  // CHECK-FIXES: {{^}}                                  asio::redirect_error(use_awaitable, Code)), std::chrono::seconds(30));{{$}}
}

// Operators that race I/O against I/O, or wait for both, bound nothing.
awaitable<void> operators(tcp::socket &A, tcp::socket &B,
                          asio::steady_timer &Timer) {
  char Buffer[64];
  co_await (A.async_read_some(asio::buffer(Buffer), use_awaitable) ||
            B.async_read_some(asio::buffer(Buffer), use_awaitable));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'async_read_some' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout((A.async_read_some(asio::buffer(Buffer), use_awaitable) ||{{$}}
  // CHECK-FIXES: {{^}}            B.async_read_some(asio::buffer(Buffer), use_awaitable)), std::chrono::seconds(30));{{$}}
  co_await (A.async_read_some(asio::buffer(Buffer), use_awaitable) &&
            Timer.async_wait(use_awaitable));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'async_read_some' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout((A.async_read_some(asio::buffer(Buffer), use_awaitable) &&{{$}}
  // CHECK-FIXES: {{^}}            Timer.async_wait(use_awaitable)), std::chrono::seconds(30));{{$}}
}

// A function that awaits what it is given does not bound it.
template <class T> awaitable<T> retried(awaitable<T> Operation) {
  co_return co_await std::move(Operation);
}

awaitable<void> throughHelper(tcp::socket &Socket) {
  char Buffer[64];
  co_await retried(Socket.async_read_some(asio::buffer(Buffer), use_awaitable));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(retried(Socket.async_read_some(asio::buffer(Buffer), use_awaitable)), std::chrono::seconds(30));{{$}}
}

struct Session {
  tcp::socket Socket;
  char Buffer[64];

  awaitable<void> serve() {
    for (;;) {
      std::size_t N =
          co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'async_read_some' is awaited with no deadline
      // CHECK-FIXES: {{^}}          co_await tether::with_timeout(Socket.async_read_some(asio::buffer(Buffer), use_awaitable), std::chrono::seconds(30));{{$}}
      co_await asio::async_write(Socket, asio::buffer(Buffer, N),
                                 use_awaitable);
      // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'async_write' is awaited with no deadline
      // CHECK-FIXES: {{^}}      co_await tether::with_timeout(asio::async_write(Socket, asio::buffer(Buffer, N),{{$}}
      // CHECK-FIXES: {{^}}                                 use_awaitable), std::chrono::seconds(30));{{$}}
    }
  }
};

// Macros: the warning at the expansion, no fix-it.
#define READ_INTO(S, B) co_await (S).async_read_some(asio::buffer(B), use_awaitable)

awaitable<void> inMacro(tcp::socket &Socket) {
  char Buffer[64];
  READ_INTO(Socket, Buffer);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
}

// Lambdas: a coroutine lambda spawned, or stored and called bare, is
// unbounded; a plain lambda in a coroutine is not inside it.
void spawnLambda(asio::io_context &Io, tcp::socket &Socket) {
  asio::co_spawn(
      Io,
      [&]() -> awaitable<void> {
        char Buffer[64];
        co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'async_read_some' is awaited with no deadline
        // CHECK-FIXES: {{^}}        co_await tether::with_timeout(Socket.async_read_some(asio::buffer(Buffer), use_awaitable), std::chrono::seconds(30));{{$}}
      },
      asio::detached);
}

awaitable<void> storedLambda(tcp::socket &Socket) {
  auto Fetch = [&]() -> awaitable<std::size_t> {
    char Buffer[64];
    co_return co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'async_read_some' is awaited with no deadline
    // CHECK-FIXES: {{^}}    co_return co_await tether::with_timeout(Socket.async_read_some(asio::buffer(Buffer), use_awaitable), std::chrono::seconds(30));{{$}}
  };
  co_await tether::with_timeout(Fetch(), 5s);
  co_await Fetch();
}

// Called once with a deadline and once without: unbounded.
awaitable<void> sometimesBounded(tcp::socket &Socket) {
  char Buffer[64];
  co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Socket.async_read_some(asio::buffer(Buffer), use_awaitable), std::chrono::seconds(30));{{$}}
}

awaitable<void> callsBoth(tcp::socket &Socket) {
  co_await tether::with_timeout(sometimesBounded(Socket), 5s);
  co_await sometimesBounded(Socket);
}

// Its address escapes: it may be called anywhere.
awaitable<void> escapes(tcp::socket &Socket) {
  char Buffer[64];
  co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Socket.async_read_some(asio::buffer(Buffer), use_awaitable), std::chrono::seconds(30));{{$}}
}

awaitable<void> callsEscaping(tcp::socket &Socket) {
  co_await tether::with_timeout(escapes(Socket), 5s);
  awaitable<void> (*Pointer)(tcp::socket &) = &escapes;
  co_await Pointer(Socket);
}

// Recursion is no deadline.
awaitable<void> recursive(tcp::socket &Socket, int Depth) {
  char Buffer[64];
  co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Socket.async_read_some(asio::buffer(Buffer), use_awaitable), std::chrono::seconds(30));{{$}}
  if (Depth > 0)
    co_await recursive(Socket, Depth - 1);
}

// Templates: each instantiation on its own; no fix-it, which would change
// every instantiation.
struct FakeStream {
  template <class Buffers, class Token>
  awaitable<std::size_t> async_read_some(Buffers, Token) {
    co_return 0;
  }
};

template <class Stream> awaitable<std::size_t> readFrom(Stream &S) {
  char Buffer[64];
  co_return co_await S.async_read_some(asio::buffer(Buffer), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'async_read_some' is awaited with no deadline
}

template <class Stream> awaitable<std::size_t> readFake(Stream &S) {
  char Buffer[64];
  co_return co_await S.async_read_some(asio::buffer(Buffer), use_awaitable);
}

awaitable<void> instantiations(tcp::socket &Socket, FakeStream &Fake) {
  co_await readFrom(Socket);
  co_await readFrom(Fake);
  co_await readFake(Fake);
}

//===----------------------------------------------------------------------===//
// Bounded, and what is not I/O.
//===----------------------------------------------------------------------===//

awaitable<void> timersAndAccepts(asio::steady_timer &Timer,
                                 tcp::acceptor &Acceptor) {
  co_await Timer.async_wait(use_awaitable);
  co_await tether::sleep_for(10ms);
  // A server waits for its clients by design.
  tcp::socket Client = co_await Acceptor.async_accept(use_awaitable);
  co_return;
}

awaitable<void> wrapped(tcp::socket &Socket) {
  char Buffer[64];
  co_await tether::with_timeout(
      Socket.async_read_some(asio::buffer(Buffer), use_awaitable), 5s);
  auto Maybe = co_await tether::timeout_or(
      asio::async_write(Socket, asio::buffer(Buffer), use_awaitable), 5s);
  (void)Maybe;
}

// Any function whose name says timeout or deadline.
template <class T>
awaitable<T> readWithTimeout(awaitable<T> Operation, std::chrono::seconds) {
  co_return co_await std::move(Operation);
}
template <class T> awaitable<T> under_deadline(awaitable<T> Operation) {
  co_return co_await std::move(Operation);
}

awaitable<void> namedWrappers(tcp::socket &Socket) {
  char Buffer[64];
  co_await readWithTimeout(
      Socket.async_read_some(asio::buffer(Buffer), use_awaitable), 5s);
  co_await under_deadline(
      asio::async_write(Socket, asio::buffer(Buffer), use_awaitable));
}

awaitable<void> racedAgainstTimer(tcp::socket &A, tcp::socket &B,
                                  asio::steady_timer &Timer) {
  char Buffer[64];
  co_await (A.async_read_some(asio::buffer(Buffer), use_awaitable) ||
            Timer.async_wait(use_awaitable));
  co_await (Timer.async_wait(use_awaitable) ||
            asio::async_read(A, asio::buffer(Buffer), use_awaitable));
  co_await ((A.async_read_some(asio::buffer(Buffer), use_awaitable) ||
             B.async_read_some(asio::buffer(Buffer), use_awaitable)) ||
            Timer.async_wait(use_awaitable));
  co_await (A.async_read_some(asio::buffer(Buffer), use_awaitable) ||
            tether::sleep_for(5s));
  co_await tether::race(A.async_read_some(asio::buffer(Buffer), use_awaitable),
                        tether::sleep_for(5s));
}

awaitable<void> cancellationSlot(tcp::socket &Socket,
                                 asio::cancellation_signal &Signal) {
  char Buffer[64];
  co_await Socket.async_read_some(
      asio::buffer(Buffer),
      asio::bind_cancellation_slot(Signal.slot(), use_awaitable));
  auto Token = asio::bind_cancellation_slot(Signal.slot(), use_awaitable);
  co_await asio::async_write(Socket, asio::buffer(Buffer), Token);
}

// Newer Asio has cancel_after and cancel_at; Asio 1.22 does not, so they are
// declared here as they are used.
namespace asio {
template <class Duration, class Token>
Token cancel_after(Duration, Token Adapted) {
  return Adapted;
}
} // namespace asio

awaitable<void> cancelAfter(tcp::socket &Socket) {
  char Buffer[64];
  co_await Socket.async_read_some(asio::buffer(Buffer),
                                  asio::cancel_after(5s, use_awaitable));
}

// Helpers of this file that race their operand against a timer.
template <class T> awaitable<T> raceTimer(awaitable<T> Operation) {
  asio::steady_timer Timer(co_await asio::this_coro::executor, 5s);
  auto Winner = co_await (std::move(Operation) || Timer.async_wait(use_awaitable));
  if (Winner.index() == 1)
    throw std::runtime_error("timed out");
  co_return std::get<0>(Winner);
}

template <class T> awaitable<T> signalOnTimer(awaitable<T> Operation) {
  auto Executor = co_await asio::this_coro::executor;
  asio::cancellation_signal Signal;
  asio::steady_timer Timer(Executor, 5s);
  Timer.async_wait([&](std::error_code Error) {
    if (!Error)
      Signal.emit(asio::cancellation_type::terminal);
  });
  co_return co_await asio::co_spawn(
      Executor, std::move(Operation),
      asio::bind_cancellation_slot(Signal.slot(), use_awaitable));
}

template <class T> awaitable<T> delegates(awaitable<T> Operation) {
  return tether::with_timeout(std::move(Operation), 5s);
}

awaitable<void> racingHelpers(tcp::socket &Socket) {
  char Buffer[64];
  co_await raceTimer(Socket.async_read_some(asio::buffer(Buffer), use_awaitable));
  co_await signalOnTimer(
      asio::async_write(Socket, asio::buffer(Buffer), use_awaitable));
  co_await delegates(
      asio::async_read(Socket, asio::buffer(Buffer), use_awaitable));
}

// Called only inside a deadline, directly or through coroutines that are.
awaitable<std::size_t> readHeader(tcp::socket &Socket) {
  char Buffer[64];
  co_return co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
}

awaitable<std::size_t> readMessage(tcp::socket &Socket) {
  std::size_t Header = co_await readHeader(Socket);
  char Body[64];
  co_return Header + co_await asio::async_read(Socket, asio::buffer(Body),
                                               use_awaitable);
}

awaitable<void> callsWithDeadline(tcp::socket &Socket) {
  co_await tether::with_timeout(readMessage(Socket), 5s);
  co_await tether::with_timeout(readHeader(Socket), 1s);
}

awaitable<void> greet(tcp::socket &Socket) {
  co_await asio::async_write(Socket, asio::buffer("hello\n", 6), use_awaitable);
}

awaitable<void> greetsRacingTimer(tcp::socket &Socket,
                                  asio::steady_timer &Timer) {
  co_await (greet(Socket) || Timer.async_wait(use_awaitable));
}

void spawnsWithDeadline(asio::io_context &Io, tcp::socket &Socket) {
  asio::co_spawn(Io, tether::with_timeout(readMessage(Socket), 5s),
                 asio::detached);
}

awaitable<void> boundedLambdas(tcp::socket &Socket) {
  auto Fetch = [&]() -> awaitable<std::size_t> {
    char Buffer[64];
    co_return co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
  };
  co_await tether::with_timeout(Fetch(), 5s);
  co_await tether::with_timeout(
      [&]() -> awaitable<void> {
        char Buffer[64];
        co_await asio::async_write(Socket, asio::buffer(Buffer), use_awaitable);
      }(),
      5s);
}

// Completion handlers outside coroutines are out of scope.
void callbacks(tcp::socket &Socket, char (&Buffer)[64]) {
  Socket.async_read_some(asio::buffer(Buffer),
                         [](std::error_code, std::size_t) {});
  asio::async_write(Socket, asio::buffer(Buffer),
                    [](std::error_code, std::size_t) {});
}

awaitable<void> handlerInCoroutine(tcp::socket &Socket) {
  char Buffer[64];
  Socket.async_read_some(asio::buffer(Buffer),
                         [](std::error_code, std::size_t) {});
  co_return;
}

// Non-I/O awaitables.
awaitable<int> compute() { co_return 42; }

awaitable<void> nonIO(FakeStream &Fake) {
  char Buffer[64];
  co_await compute();
  co_await Fake.async_read_some(asio::buffer(Buffer), use_awaitable);
  co_await asio::post(co_await asio::this_coro::executor, use_awaitable);
}
