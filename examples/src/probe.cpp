#include "healthd/probe.hpp"

#include <thread>

#include <tether/with_timeout.hpp>

namespace healthd {

using namespace std::chrono_literals;
using asio::ip::tcp;

void status_board::record(const std::string& name, result r) {
  std::lock_guard lock(mutex_);
  results_[name] = std::move(r);
}

std::map<std::string, result> status_board::snapshot() const {
  std::lock_guard lock(mutex_);
  return results_;
}

tether::task<result> probe(const target& t) {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  tcp::socket socket(executor);
  const auto start = std::chrono::steady_clock::now();
  // No deadline here, by design: every caller runs the probe under
  // tether::with_timeout (probe_with_deadline), which bounds all of it.
  auto endpoints = co_await resolver.async_resolve(t.host, t.port, asio::use_awaitable);
  co_await asio::async_connect(socket, endpoints, asio::use_awaitable);
  co_await asio::async_write(socket, asio::buffer("PING\n", 5), asio::use_awaitable);
  std::string reply;
  co_await asio::async_read_until(socket, asio::dynamic_buffer(reply), '\n',
                                  asio::use_awaitable);
  result r;
  r.healthy = reply.starts_with("PONG");
  r.latency = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  co_return r;
}

tether::task<result> probe_with_deadline(const target& t, std::chrono::milliseconds limit) {
  try {
    co_return co_await tether::with_timeout(probe(t), limit);
  } catch (const tether::timeout_error&) {
    co_return result{false, limit, "timed out"};
  }
}

tether::task<void> probe_all(const config& cfg, status_board& board) {
  auto executor = co_await asio::this_coro::executor;
  for (const target& t : cfg.targets) {
    // Bug (fire-and-forget, unbounded task creation): one detached task per
    // target, nobody owns them and nothing bounds how many run at once.
    asio::co_spawn(
        executor,
        [&t, &board]() -> tether::task<void> {
          board.record(t.name, co_await probe_with_deadline(t, 2s));
        },
        asio::detached);
  }
}

tether::task<void> probe_forever(const config& cfg, status_board& board) {
  asio::steady_timer ticker(co_await asio::this_coro::executor);
  for (int round = 0;; ++round) {
    // Bug (fire-and-forget): the round is a lazy task that never runs.
    probe_all(cfg, board);
    // Bug (blocking call): the whole event loop sleeps with this coroutine.
    std::this_thread::sleep_for(cfg.interval);
    if (round % 60 == 59) {
      ticker.expires_after(cfg.interval * 10);  // a longer pause every hour
      co_await ticker.async_wait(asio::use_awaitable);
    }
  }
}

}  // namespace healthd
