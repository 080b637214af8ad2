// A loopback TCP server and client for the examples: one request line in, one reply line out.
// The examples start it themselves, on 127.0.0.1 and a free port, so they need no network.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "tether/tether.hpp"

namespace example {

namespace net = tether::net;
using tcp = net::ip::tcp;
using tether::task;

/// Answers one request line; an empty optional closes the connection without a reply.
using line_handler = std::function<task<std::optional<std::string>>(std::string)>;

class line_server {
public:
  explicit line_server(const net::any_io_executor& ex)
      : acceptor_(ex, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {}

  unsigned short port() const { return acceptor_.local_endpoint().port(); }

  /// Serves clients until cancelled, at most `max_clients` at a time.
  task<void> serve(line_handler handler, std::size_t max_clients = 64) {
    tether::semaphore clients(max_clients);
    co_await tether::task_group::open([&](tether::task_group& g) -> task<void> {
      for (;;) {
        auto permit = co_await clients.acquire();
        auto socket = co_await acceptor_.async_accept(net::use_awaitable);
        g.spawn(session(std::move(socket), handler, std::move(permit)));
      }
    });
  }

private:
  static task<void> session(tcp::socket socket, line_handler& handler,
                            tether::semaphore::permit) {
    std::string buffer;
    for (;;) {
      tether::error_code ec;
      auto n = co_await net::async_read_until(socket, net::dynamic_buffer(buffer), '\n',
                                              net::redirect_error(net::use_awaitable, ec));
      if (ec)
        co_return; // the client went away
      std::string line = buffer.substr(0, n - 1);
      buffer.erase(0, n);
      auto reply = co_await handler(std::move(line));
      if (!reply)
        co_return;
      *reply += '\n';
      co_await net::async_write(socket, net::buffer(*reply), net::use_awaitable);
    }
  }

  tcp::acceptor acceptor_;
};

/// Connects to the server on `port`, sends `line` and returns the reply line.
inline task<std::string> request(unsigned short port, std::string line) {
  tcp::socket socket(co_await net::this_coro::executor);
  co_await socket.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                                net::use_awaitable);
  line += '\n';
  co_await net::async_write(socket, net::buffer(line), net::use_awaitable);
  std::string reply;
  auto n = co_await net::async_read_until(socket, net::dynamic_buffer(reply), '\n',
                                          net::use_awaitable);
  reply.resize(n - 1);
  co_return reply;
}

} // namespace example
