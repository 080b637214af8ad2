// An async resource with guaranteed async cleanup: a session whose close is itself a network
// exchange ("BYE", wait for the ack). The close runs on every exit path, including when the
// work inside is cancelled by a timeout, and the cancellation cannot cut the close short.
//
// asyncio: `async with open_session() as s:` with `__aexit__` awaiting the goodbye.
// tether: async_with(acquire, body) and the resource's async_close().
#include <cstdio>
#include <string>

#include "line_server.hpp"

using namespace std::chrono_literals;
using example::task;
namespace net = tether::net;

namespace {

class session {
public:
  static task<session> open(unsigned short port) {
    session s(co_await net::this_coro::executor);
    co_await s.socket_.async_connect(
        example::tcp::endpoint(net::ip::make_address("127.0.0.1"), port), net::use_awaitable);
    co_await s.exchange("HELLO");
    co_return s;
  }

  task<std::string> exchange(std::string line) {
    line += '\n';
    co_await net::async_write(socket_, net::buffer(line), net::use_awaitable);
    auto n = co_await net::async_read_until(socket_, net::dynamic_buffer(buffer_), '\n',
                                            net::use_awaitable);
    std::string reply = buffer_.substr(0, n - 1);
    buffer_.erase(0, n);
    co_return reply;
  }

  /// The goodbye: tell the peer, wait for its ack, then close the socket.
  task<void> async_close() {
    auto ack = co_await exchange("BYE");
    if (ack != "ACK")
      throw std::runtime_error("close: unexpected " + ack);
    socket_.close();
  }

private:
  explicit session(const net::any_io_executor& ex) : socket_(ex) {}
  example::tcp::socket socket_;
  std::string buffer_;
};

task<int> demo() {
  auto ex = co_await net::this_coro::executor;
  example::line_server server(ex);
  int goodbyes = 0;
  auto peer = [&](std::string line) -> task<std::optional<std::string>> {
    if (line == "BYE") {
      co_await tether::sleep_for(20ms); // a slow goodbye: a cancellation would cut it short
      ++goodbyes;
      co_return "ACK";
    }
    co_return "DONE " + line;
  };

  std::string first;
  bool second_timed_out = false;
  co_await tether::task_group::open([&](tether::task_group& g) -> task<void> {
    auto serving = g.spawn(server.serve(peer));
    // Normal exit.
    first = co_await tether::async_with(session::open(server.port()),
                                        [](session& s) { return s.exchange("WORK fast"); });
    // The body is cancelled by a timeout while it processes a reply; the close still completes.
    try {
      co_await tether::with_timeout(
          tether::async_with(session::open(server.port()),
                             [](session& s) -> task<void> {
                               auto reply = co_await s.exchange("WORK 2");
                               co_await tether::sleep_for(10s); // slow local processing
                             }),
          500ms);
    } catch (const tether::timeout_error&) {
      second_timed_out = true;
    }
    serving.cancel();
  });
  std::printf("first: %s; second timed out: %s; goodbyes completed: %d\n", first.c_str(),
              second_timed_out ? "yes" : "no", goodbyes);
  co_return first == "DONE WORK fast" && second_timed_out && goodbyes == 2 ? 0 : 1;
}

} // namespace

int main() { return tether::run(demo()); }
