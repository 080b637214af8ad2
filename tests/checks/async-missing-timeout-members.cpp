// Two settings that belong to an object and not to one coroutine's body.
// A channel member that only its class's code touches (not public, every use
// a call of one of its members) has no peer: its senders are the class's own
// functions, as in an async mutex built on a channel (unlock() sends, lock()
// receives). A websocket member whose timeout option a function of its class
// sets keeps that setting for every later operation, in every member function.
// RUN: %check_tidy %s async-missing-timeout %t -- -- %boost_asio_flags

#include <boost/asio.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using asio::awaitable;
using asio::use_awaitable;
using Signal = asio::experimental::channel<void(boost::system::error_code)>;

class AsyncMutex {
public:
  explicit AsyncMutex(asio::any_io_executor Ex) : Chan(std::move(Ex), 1) {}
  awaitable<void> lock() {
    while (Locked)
      co_await Chan.async_receive(use_awaitable);
    Locked = true;
  }
  void unlock() {
    Locked = false;
    Chan.try_send(boost::system::error_code());
  }

private:
  bool Locked = false;
  Signal Chan;
};

template <class Executor> class BasicMutex {
public:
  explicit BasicMutex(Executor Ex) : Chan(std::move(Ex), 1) {}
  awaitable<void> lock() {
    while (Locked)
      co_await Chan.async_receive(use_awaitable);
    Locked = true;
  }
  void unlock() {
    Locked = false;
    this->Chan.try_send(boost::system::error_code());
  }

private:
  bool Locked = false;
  asio::experimental::channel<Executor, void(boost::system::error_code)> Chan;
};
template class BasicMutex<asio::any_io_executor>;

// Anyone may send on a public channel: a peer may be behind it.
struct Inbox {
  awaitable<void> next() {
    co_await Chan.async_receive(use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_receive' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
  }
  Signal Chan;
};

// A private channel the class hands out, by reference or to a function.
class Leaky {
public:
  Signal &channel() { return Chan; }
  awaitable<void> next() {
    co_await Chan.async_receive(use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_receive' is awaited with no deadline
  }

private:
  Signal Chan;
};

void feed(Signal &);
class Handed {
public:
  void start() { feed(Chan); }
  awaitable<void> next() {
    co_await Chan.async_receive(use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_receive' is awaited with no deadline
  }

private:
  Signal Chan;
};

// Private, but a socket: its peer is on the network.
class Client {
public:
  awaitable<void> read() {
    char Data[16];
    co_await Sock.async_read_some(asio::buffer(Data), use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_read_some' is awaited with no deadline
  }

private:
  asio::ip::tcp::socket Sock;
};

class Session {
public:
  explicit Session(asio::ip::tcp::socket S) : Ws(std::move(S)) {}
  awaitable<void> accept() {
    Ws.set_option(
        websocket::stream_base::timeout::suggested(beast::role_type::server));
    co_await Ws.async_accept(use_awaitable);
  }
  awaitable<void> read() { co_await Ws.async_read(Buffer, use_awaitable); }
  awaitable<void> close() {
    co_await Ws.async_close(websocket::close_code::normal, use_awaitable);
  }

private:
  websocket::stream<beast::tcp_stream> Ws;
  beast::flat_buffer Buffer;
};

struct Configured {
  explicit Configured(asio::ip::tcp::socket S) : Ws(std::move(S)) {
    Ws.set_option(
        websocket::stream_base::timeout::suggested(beast::role_type::client));
  }
  awaitable<void> write() {
    co_await Ws.async_write(asio::buffer("hi", 2), use_awaitable);
  }
  websocket::stream<beast::tcp_stream> Ws;
};

// No function of the class sets the option on this member; another member's
// option does not count.
struct TwoStreams {
  awaitable<void> run() {
    Configured.set_option(
        websocket::stream_base::timeout::suggested(beast::role_type::client));
    beast::flat_buffer Buffer;
    co_await Plain.async_read(Buffer, use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_read' is awaited with no deadline
  }
  awaitable<void> more() {
    beast::flat_buffer Buffer;
    co_await Plain.async_read(Buffer, use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_read' is awaited with no deadline
    co_await Configured.async_read(Buffer, use_awaitable);
  }
  websocket::stream<beast::tcp_stream> Plain;
  websocket::stream<beast::tcp_stream> Configured;
};
