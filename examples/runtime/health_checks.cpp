// Parallel health checks: probe every service at once, each under a deadline, and report each
// one's latency or failure. One bad service does not cancel the other checks.
//
// asyncio: `gather(*(check(s) for s in services), return_exceptions=True)` with `wait_for`.
// tether: gather_settled + with_timeout.
#include <cstdio>
#include <string>
#include <vector>

#include "line_server.hpp"

using namespace std::chrono_literals;
using example::task;

namespace {

struct service {
  std::string name;
  std::chrono::milliseconds delay;
  bool healthy;
};

struct probe {
  std::string status;
  std::chrono::milliseconds latency;
};

task<probe> check(unsigned short port, std::string name) {
  auto start = std::chrono::steady_clock::now();
  auto reply = co_await tether::with_timeout(example::request(port, "HEALTH " + name), 500ms);
  if (reply != "UP")
    throw std::runtime_error(name + " reports " + reply);
  co_return probe{reply, std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - start)};
}

task<int> check_all() {
  auto ex = co_await tether::net::this_coro::executor;
  std::vector<service> services{
      {"db", 5ms, true}, {"cache", 1ms, true}, {"search", 40ms, true},
      {"billing", 10ms, false}, {"legacy", 5s, true}};
  std::vector<std::unique_ptr<example::line_server>> servers;
  for (std::size_t i = 0; i < services.size(); ++i)
    servers.push_back(std::make_unique<example::line_server>(ex));

  std::vector<tether::outcome<probe>> results;
  co_await tether::task_group::open([&](tether::task_group& g) -> task<void> {
    std::vector<tether::task_handle<void>> serving;
    for (std::size_t i = 0; i < services.size(); ++i)
      serving.push_back(g.spawn(servers[i]->serve(
          [s = services[i]](std::string) -> task<std::optional<std::string>> {
            co_await tether::sleep_for(s.delay);
            co_return s.healthy ? "UP" : "DOWN";
          })));
    std::vector<task<probe>> checks;
    for (std::size_t i = 0; i < services.size(); ++i)
      checks.push_back(check(servers[i]->port(), services[i].name));
    results = co_await tether::gather_settled(std::move(checks));
    for (auto& s : serving)
      s.cancel();
  });

  int up = 0;
  for (std::size_t i = 0; i < services.size(); ++i) {
    if (results[i]) {
      ++up;
      std::printf("%-8s UP    %4lld ms\n", services[i].name.c_str(),
                  static_cast<long long>(results[i].value().latency.count()));
    } else {
      std::printf("%-8s FAIL  %s\n", services[i].name.c_str(),
                  tether::exception_group::describe(results[i].error()).c_str());
    }
  }
  co_return up == 3 && !results[3] && !results[4] ? 0 : 1;
}

} // namespace

int main() { return tether::run(check_all()); }
