// A rate-limited client with retries and exponential backoff: at most 100 requests a second
// (bursts of 5), each attempt under a timeout, failed attempts retried after 10, 20, 40 ms.
//
// asyncio: a token bucket (aiolimiter), `wait_for` per attempt, `await asyncio.sleep(backoff)`.
// tether: rate_limiter, with_timeout, sleep_for.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "line_server.hpp"

using namespace std::chrono_literals;
using example::task;

namespace {

struct flaky_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

task<int> client() {
  auto ex = co_await tether::net::this_coro::executor;
  example::line_server server(ex);
  // The peer fails the first two attempts of every request, and stalls on the first attempt of
  // every third one.
  std::map<std::string, int> attempts_seen;
  auto flaky = [&](std::string req) -> task<std::optional<std::string>> {
    int attempt = ++attempts_seen[req];
    if (attempt == 1 && req.ends_with("0"))
      co_await tether::sleep_for(10s);
    if (attempt <= 2)
      co_return "ERR busy";
    co_return "OK " + req;
  };

  tether::rate_limiter limit(100.0, 5);
  int ok = 0, attempts = 0;

  auto call_with_retries = [&](std::string req) -> task<std::string> {
    auto backoff = 10ms;
    for (int attempt = 1;; ++attempt) {
      co_await limit.acquire();
      ++attempts;
      try {
        auto reply = co_await tether::with_timeout(example::request(server.port(), req), 500ms);
        if (!reply.starts_with("OK "))
          throw flaky_error(reply);
        co_return reply.substr(3);
      } catch (const std::exception& e) {
        if (tether::is_cancellation(std::current_exception()) || attempt == 5)
          throw; // never retry a cancellation; give up after 5 attempts
        std::printf("%s: attempt %d failed (%s), retrying in %lld ms\n", req.c_str(), attempt,
                    e.what(), static_cast<long long>(backoff.count()));
      }
      co_await tether::sleep_for(backoff);
      backoff *= 2;
    }
  };

  std::vector<std::string> requests;
  for (const char* r : {"req-10", "req-11", "req-12", "req-20", "req-21", "req-22"})
    requests.emplace_back(r);
  auto start = std::chrono::steady_clock::now();
  co_await tether::task_group::open([&](tether::task_group& g) -> task<void> {
    auto serving = g.spawn(server.serve(flaky));
    co_await tether::for_each_bounded(requests, 3, [&](std::string req) -> task<void> {
      auto body = co_await call_with_retries(req);
      if (body == req)
        ++ok;
    });
    serving.cancel();
  });
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  std::printf("%d/6 requests succeeded after %d attempts in %lld ms\n", ok, attempts,
              static_cast<long long>(ms.count()));
  // 6 requests x 3 attempts = 18 attempts at 100/s with a burst of 5: at least 130 ms.
  co_return ok == 6 && attempts == 18 && ms >= 130ms ? 0 : 1;
}

} // namespace

int main() { return tether::run(client()); }
