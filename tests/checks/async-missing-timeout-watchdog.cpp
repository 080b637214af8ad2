// A coroutine of the translation unit that waits on a timer, raced against
// an operation, is the operation's deadline: with `||` it ends the race, with
// `&&` it throws once the timer expires and the failure cancels its sibling
// (Asio's example cpp20/coroutines/timeout_watchdog.cpp).
// RUN: %check_tidy -fix-notes %s async-missing-timeout %t -- -- %asio_flags -I %runtime_include

#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <ctime>
#include <list>
#include <memory>
#include <mutex>
#include <tether/gather.hpp>
#include <thread>
#include <vector>
// CHECK-FIXES: {{^}}#include <tether/with_timeout.hpp>{{$}}

using namespace asio::experimental::awaitable_operators;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using time_point = std::chrono::steady_clock::time_point;

// Asio's example, as written there.
awaitable<void> echo(tcp::socket &Sock, time_point &Deadline) {
  char Data[4196];
  for (;;) {
    Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    auto N = co_await Sock.async_read_some(asio::buffer(Data), use_awaitable);
    co_await asio::async_write(Sock, asio::buffer(Data, N), use_awaitable);
  }
}

awaitable<void> watchdog(time_point &Deadline) {
  asio::steady_timer Timer(co_await asio::this_coro::executor);
  auto Now = std::chrono::steady_clock::now();
  while (Deadline > Now) {
    Timer.expires_at(Deadline);
    co_await Timer.async_wait(use_awaitable);
    Now = std::chrono::steady_clock::now();
  }
  throw std::system_error(std::make_error_code(std::errc::timed_out));
}

awaitable<void> handleConnection(tcp::socket Sock) {
  time_point Deadline{};
  co_await (echo(Sock, Deadline) && watchdog(Deadline));
}

// `||` against a coroutine that sleeps on a timer: the first to finish
// cancels the other.
awaitable<void> readLine(tcp::socket &Sock) {
  char Data[64];
  co_await Sock.async_read_some(asio::buffer(Data), use_awaitable);
}

awaitable<void> sleepFor(std::chrono::seconds Duration) {
  asio::steady_timer Timer(co_await asio::this_coro::executor, Duration);
  co_await Timer.async_wait(use_awaitable);
}

awaitable<void> readWithin(tcp::socket &Sock) {
  co_await (readLine(Sock) || sleepFor(std::chrono::seconds(5)));
}

// A race function (RaceFunctions: tether::race) with a watchdog among its
// operands.
awaitable<void> readHeader(tcp::socket &Sock) {
  char Data[16];
  co_await Sock.async_read_some(asio::buffer(Data), use_awaitable);
}

awaitable<void> readHeaderWithin(tcp::socket &Sock) {
  co_await tether::race(readHeader(Sock), sleepFor(std::chrono::seconds(5)));
}

// `&&` waits for both: a timer that only waits, or a coroutine that waits on
// a timer and ends quietly, cancels nothing.
awaitable<void> readBlock(tcp::socket &Sock) {
  char Data[64];
  co_await Sock.async_read_some(asio::buffer(Data), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Sock.async_read_some(asio::buffer(Data), use_awaitable), std::chrono::seconds(30));{{$}}
}

awaitable<void> readAndTick(tcp::socket &Sock, asio::steady_timer &Timer) {
  co_await (readBlock(Sock) && Timer.async_wait(use_awaitable));
  co_await (readBlock(Sock) && sleepFor(std::chrono::seconds(5)));
}

// A coroutine that awaits a timer coroutine in view waits on the timer too
// (an overload taking milliseconds that awaits the one taking a duration),
// and throws when that one throws.
awaitable<void> sleepForMs(long Ms) {
  co_await sleepFor(std::chrono::seconds(Ms / 1000));
}

awaitable<void> readChunk(tcp::socket &Sock) {
  char Data[64];
  co_await Sock.async_read_some(asio::buffer(Data), use_awaitable);
}

awaitable<void> readChunkWithin(tcp::socket &Sock) {
  co_await (readChunk(Sock) || sleepForMs(5000));
}

awaitable<void> expireAt(time_point &Deadline) { co_await watchdog(Deadline); }

awaitable<void> echoUntil(tcp::socket Sock) {
  time_point Deadline{};
  co_await (echo(Sock, Deadline) && expireAt(Deadline));
}

// A template is never called itself: the calls its instantiations make are
// the calls. A member of a class template awaits a helper coroutine, and the
// one instantiation is raced against a timer coroutine where it is called.
struct Peer {
  tcp::socket Sock;
  awaitable<std::size_t> readSome(char (&Data)[32]) {
    co_return co_await Sock.async_read_some(asio::buffer(Data), use_awaitable);
  }
};

template <class Derived> struct RelayBase {
  Peer &Conn;
  awaitable<void> pump() {
    char Data[32];
    for (;;)
      co_await Conn.readSome(Data);
  }
};
struct ClientRelay : RelayBase<ClientRelay> {};

awaitable<void> runRelay(ClientRelay &Relay) {
  co_await (Relay.pump() || sleepFor(std::chrono::seconds(60)));
}

// An idle watchdog: a coroutine of the class that waits on a timer and then
// closes a member socket ends what is pending on that socket.
struct UdpForwarder {
  asio::ip::udp::socket Sock;
  asio::ip::udp::socket Upstream;
  asio::steady_timer Timer;
  int Idle = 60;

  awaitable<void> tick() {
    for (;;) {
      Timer.expires_after(std::chrono::seconds(1));
      co_await Timer.async_wait(use_awaitable);
      if (--Idle <= 0) {
        Sock.close();
        co_return;
      }
    }
  }

  awaitable<void> forward() {
    char Data[1500];
    asio::ip::udp::endpoint From;
    for (;;) {
      Idle = 60;
      co_await Sock.async_receive_from(asio::buffer(Data), From, use_awaitable);
      co_await Upstream.async_receive(asio::buffer(Data), use_awaitable);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'async_receive' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
      // CHECK-FIXES: {{^}}      co_await tether::with_timeout(Upstream.async_receive(asio::buffer(Data), use_awaitable), std::chrono::seconds(30));{{$}}
    }
  }

  // Closing without waiting on a timer first is a shutdown, not a deadline.
  awaitable<void> stop() {
    Upstream.close();
    co_return;
  }
};

// A watchdog that closes through a member function (a keep-alive coroutine
// that calls the session's stop()), and a thread whose loop sleeps and
// closes, through a member of each, the connections it holds whose deadline
// has passed: the member sockets the function called closes are watched.
// A socket the function does not close is not.
struct Session {
  tcp::socket Client;
  tcp::socket Upstream;
  tcp::socket Audit;
  asio::steady_timer Timer;
  std::chrono::steady_clock::time_point Deadline;

  void stop() {
    Client.close();
    Upstream.close();
  }

  awaitable<void> keepAlive() {
    while (Client.is_open()) {
      Timer.expires_after(std::chrono::seconds(1));
      co_await Timer.async_wait(use_awaitable);
      if (Deadline <= std::chrono::steady_clock::now())
        stop();
    }
  }

  awaitable<void> relay() {
    char Data[512];
    auto N = co_await Client.async_read_some(asio::buffer(Data), use_awaitable);
    co_await asio::async_write(Upstream, asio::buffer(Data, N), use_awaitable);
    co_await asio::async_write(Audit, asio::buffer(Data, N), use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_write' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
    // CHECK-FIXES: {{^}}    co_await tether::with_timeout(asio::async_write(Audit, asio::buffer(Data, N), use_awaitable), std::chrono::seconds(30));{{$}}
  }

  // What a coroutine awaits after it has closed the stream itself is a
  // teardown that no watchdog's close ends any more; a close on an error path
  // that returns does not reach the code after it.
  awaitable<void> finish() {
    char Data[64];
    std::error_code Error;
    co_await Client.async_read_some(asio::buffer(Data),
                                    asio::redirect_error(use_awaitable, Error));
    if (Error) {
      Client.close();
      co_return;
    }
    co_await asio::async_write(Client, asio::buffer(Data), use_awaitable);
    Client.cancel();
    co_await Client.async_wait(tcp::socket::wait_read, use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_wait' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
    // CHECK-FIXES: {{^}}    co_await tether::with_timeout(Client.async_wait(tcp::socket::wait_read, use_awaitable), std::chrono::seconds(30));{{$}}
  }
};

struct Reaper;

struct Connection : std::enable_shared_from_this<Connection> {
  std::unique_ptr<tcp::socket> Sock;
  std::time_t Expiry = 0;

  void closeConnection() {
    if (Sock)
      Sock->close();
  }

  awaitable<void> request() {
    char Data[512];
    co_await Sock->async_read_some(asio::buffer(Data), use_awaitable);
  }

  // A coroutine that registers its connection with the reaper itself: what
  // it awaits before that, also in the coroutines it awaits first, no reaper
  // can close yet.
  awaitable<void> open(tcp::endpoint Peer, Reaper &R);
  awaitable<void> dial(tcp::endpoint Peer);
  awaitable<void> redial(tcp::endpoint Peer);
  awaitable<void> reopen(tcp::endpoint Peer, Reaper &R);
};

struct Reaper {
  std::mutex Lock;
  std::list<std::weak_ptr<Connection>> Watched;

  void loop() {
    for (;;) {
      {
        std::lock_guard Guard(Lock);
        for (auto &Weak : Watched)
          if (auto C = Weak.lock(); C && C->Expiry < std::time(nullptr))
            C->closeConnection();
      }
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }
};

awaitable<void> Connection::open(tcp::endpoint Peer, Reaper &R) {
  co_await Sock->async_connect(Peer, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_connect' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Sock->async_connect(Peer, use_awaitable), std::chrono::seconds(30));{{$}}
  Expiry = std::time(nullptr) + 30;
  R.Watched.push_back(weak_from_this());
  char Data[512];
  co_await Sock->async_read_some(asio::buffer(Data), use_awaitable);
}

awaitable<void> Connection::dial(tcp::endpoint Peer) {
  co_await Sock->async_connect(Peer, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_connect' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Sock->async_connect(Peer, use_awaitable), std::chrono::seconds(30));{{$}}
}

awaitable<void> Connection::redial(tcp::endpoint Peer) {
  co_return co_await dial(Peer);
}

awaitable<void> Connection::reopen(tcp::endpoint Peer, Reaper &R) {
  co_await redial(Peer);
  R.Watched.push_back(shared_from_this());
  char Data[512];
  co_await Sock->async_read_some(asio::buffer(Data), use_awaitable);
}

// A loop that closes without sleeping or waiting on a timer is a shutdown of
// every feed, not a deadline of each read.
struct Feed {
  tcp::socket Sock;
  void shutdown() { Sock.close(); }
  awaitable<void> next() {
    char Data[512];
    co_await Sock.async_read_some(asio::buffer(Data), use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_read_some' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
    // CHECK-FIXES: {{^}}    co_await tether::with_timeout(Sock.async_read_some(asio::buffer(Data), use_awaitable), std::chrono::seconds(30));{{$}}
  }
};

void shutdownAll(std::vector<Feed *> &Feeds) {
  for (Feed *F : Feeds)
    F->shutdown();
}

// A timer whose completion handler closes the socket, started before the
// read: when it fires, the pending read ends (an HTTP server's request
// deadline). Cancelled, or set again, the timer calls the handler with an
// error, and what comes after is unguarded. A handler that closes nothing
// bounds nothing.
awaitable<void> serveRequest(tcp::socket Socket) {
  asio::steady_timer Deadline(Socket.get_executor());
  auto CheckDeadline = [&Socket, &Deadline] {
    Deadline.async_wait([&Socket](std::error_code Error) {
      if (!Error)
        Socket.close();
    });
  };
  char Data[512];
  Deadline.expires_after(std::chrono::seconds(5));
  CheckDeadline();
  co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
  Deadline.expires_after(std::chrono::seconds(5));
  co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Socket.async_read_some(asio::buffer(Data), use_awaitable), std::chrono::seconds(30));{{$}}
  Deadline.async_wait([&Socket](std::error_code Error) {
    if (!Error)
      Socket.close();
  });
  co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
  Deadline.cancel();
  co_await asio::async_write(Socket, asio::buffer(Data), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(asio::async_write(Socket, asio::buffer(Data), use_awaitable), std::chrono::seconds(30));{{$}}
}

awaitable<void> serveLogged(tcp::socket Socket) {
  asio::steady_timer Deadline(Socket.get_executor(), std::chrono::seconds(5));
  Deadline.async_wait([](std::error_code) {});
  char Data[512];
  co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(Socket.async_read_some(asio::buffer(Data), use_awaitable), std::chrono::seconds(30));{{$}}
}

// A project's own socket wrapper whose close() closes the socket it holds:
// a timer handler that closes the wrapper guards it; a reaper that calls a
// connection's close(), which closes its wrapper member, watches it.
class Channel {
public:
  using executor_type = tcp::socket::executor_type;
  explicit Channel(tcp::socket S)
      : Impl(std::make_unique<tcp::socket>(std::move(S))) {}
  executor_type get_executor() { return Impl->get_executor(); }
  template <class Buffers, class Token>
  auto async_read_some(const Buffers &B, Token &&T) {
    return Impl->async_read_some(B, std::forward<Token>(T));
  }
  void close() { Impl->close(); }

private:
  std::unique_ptr<tcp::socket> Impl;
};

awaitable<void> serveWrapped(Channel &Peer, asio::steady_timer &Deadline) {
  Deadline.expires_after(std::chrono::seconds(5));
  Deadline.async_wait([&Peer](std::error_code Error) {
    if (!Error)
      Peer.close();
  });
  char Data[512];
  co_await asio::async_read(Peer, asio::buffer(Data), use_awaitable);
  Deadline.cancel();
  co_await asio::async_read(Peer, asio::buffer(Data), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
  // CHECK-FIXES: {{^}}  co_await tether::with_timeout(asio::async_read(Peer, asio::buffer(Data), use_awaitable), std::chrono::seconds(30));{{$}}
}

struct Link {
  Channel Wire;
  std::time_t Expiry = 0;
  void close() { Wire.close(); }
  awaitable<void> receive() {
    char Data[512];
    co_await asio::async_read(Wire, asio::buffer(Data), use_awaitable);
  }
};

void reapLinks(std::vector<std::shared_ptr<Link>> &Links) {
  for (;;) {
    for (auto &L : Links)
      if (L->Expiry < std::time(nullptr))
        L->close();
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}
