// Bounded fan-out fetch: fetch many resources, at most 4 at a time, each under its own
// timeout; collect every failure instead of stopping at the first.
//
// asyncio: `sem = Semaphore(4)`, `wait_for(fetch(u), 0.2)` per request, `gather(...,
// return_exceptions=True)`. tether: for_each_bounded + with_timeout + gather_settled's rules.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "line_server.hpp"

using namespace std::chrono_literals;
using example::task;

namespace {

// The peer: "/slow/..." never answers in time, "/missing/..." fails, the rest echo a body.
task<std::optional<std::string>> serve_resource(std::string path) {
  if (path.starts_with("/slow/"))
    co_await tether::sleep_for(10s);
  if (path.starts_with("/missing/"))
    co_return "ERR not found: " + path;
  co_await tether::sleep_for(5ms);
  co_return "OK body of " + path;
}

struct fetch_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

task<std::string> fetch(unsigned short port, std::string path) {
  auto reply = co_await example::request(port, path);
  if (!reply.starts_with("OK "))
    throw fetch_error(reply.substr(4));
  co_return reply.substr(3);
}

task<int> fetch_all() {
  auto ex = co_await tether::net::this_coro::executor;
  example::line_server server(ex);
  std::vector<std::string> paths;
  for (int i = 0; i < 12; ++i)
    paths.push_back((i % 5 == 3 ? "/slow/" : i % 6 == 4 ? "/missing/" : "/item/") +
                    std::to_string(i));

  std::map<std::string, std::string> bodies;
  std::map<std::string, std::string> failures;
  int in_flight = 0, max_in_flight = 0;

  co_await tether::task_group::open([&](tether::task_group& g) -> task<void> {
    auto serving = g.spawn(server.serve(serve_resource));
    co_await tether::for_each_bounded(paths, 4, [&](const std::string& path) -> task<void> {
      max_in_flight = std::max(max_in_flight, ++in_flight);
      try {
        bodies[path] = co_await tether::with_timeout(fetch(server.port(), path), 500ms);
      } catch (const tether::timeout_error&) {
        failures[path] = "timed out";
      } catch (const fetch_error& e) {
        failures[path] = e.what();
      }
      --in_flight;
    });
    serving.cancel(); // done: stop the server (its cancellation is not an error)
  });

  for (const auto& [path, body] : bodies)
    std::printf("ok      %-12s %s\n", path.c_str(), body.c_str());
  for (const auto& [path, why] : failures)
    std::printf("failed  %-12s %s\n", path.c_str(), why.c_str());
  std::printf("%zu ok, %zu failed, at most %d requests in flight\n", bodies.size(),
              failures.size(), max_in_flight);
  // 12 paths: 2 slow (3, 8), 2 missing (4, 10), 8 fine.
  bool as_expected = bodies.size() == 8 && failures.size() == 4 && max_in_flight <= 4 &&
                     failures["/slow/3"] == "timed out" &&
                     failures["/missing/4"] == "not found: /missing/4";
  co_return as_expected ? 0 : 1;
}

} // namespace

int main() { return tether::run(fetch_all()); }
