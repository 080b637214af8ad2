// Producer-consumer over a bounded channel with clean shutdown: producers block when the
// consumers fall behind (backpressure), the last producer closes the channel, consumers drain
// what is left and stop. Nothing is lost, nothing runs after main returns.
//
// asyncio: `Queue(maxsize=8)`, producers `await q.put(x)`, consumers `await q.get()`, a sentinel
// or `q.shutdown()` to stop. tether: channel<T>(8), send / receive / close.
#include <cstdio>
#include <numeric>
#include <vector>

#include "tether/tether.hpp"

using namespace std::chrono_literals;
using tether::task;

namespace {

struct job {
  int producer;
  int number;
};

task<int> pipeline() {
  constexpr int producers = 3, consumers = 2, jobs_each = 50;
  tether::channel<job> jobs(8);
  int producers_left = producers;
  std::vector<int> done_by(consumers, 0);
  long checksum = 0;
  std::size_t max_buffered = 0;

  co_await tether::task_group::open([&](tether::task_group& g) -> task<void> {
    for (int p = 0; p < producers; ++p)
      g.spawn([&, p]() -> task<void> {
        for (int i = 0; i < jobs_each; ++i) {
          co_await jobs.send(job{p, i}); // waits while 8 jobs are queued
          max_buffered = std::max(max_buffered, jobs.size());
        }
        if (--producers_left == 0)
          jobs.close(); // the consumers drain what is queued, then see the end
      });
    for (int c = 0; c < consumers; ++c)
      g.spawn([&, c]() -> task<void> {
        while (auto j = co_await jobs.receive()) {
          co_await tether::sleep_for(1ms); // slower than the producers
          checksum += j->producer * 1000 + j->number;
          ++done_by[c];
        }
      });
    co_return;
  });

  int total = std::accumulate(done_by.begin(), done_by.end(), 0);
  long want = 0;
  for (int p = 0; p < producers; ++p)
    for (int i = 0; i < jobs_each; ++i)
      want += p * 1000 + i;
  std::printf("%d jobs done (%d + %d), at most %zu queued, checksum %s\n", total, done_by[0],
              done_by[1], max_buffered, checksum == want ? "ok" : "WRONG");
  co_return total == producers * jobs_each && checksum == want && max_buffered <= 8 ? 0 : 1;
}

} // namespace

int main() { return tether::run(pipeline()); }
