// A user's program on the tether runtime: a task group of two children, and a deadline.
#include <tether/tether.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

tether::task<> add_later(int &sum, int n) {
  co_await tether::sleep_for(1ms);
  sum += n;
}

tether::task<int> answer() {
  int sum = 0;
  co_await tether::task_group::open([&](tether::task_group &group) -> tether::task<> {
    group.spawn(add_later(sum, 20));
    group.spawn(add_later(sum, 22));
    co_return;
  });
  bool finished = co_await tether::timeout_or(tether::sleep_for(10s), 5ms);
  co_return finished ? -1 : sum;
}

int main() { std::printf("downstream: %d\n", tether::run(answer())); }
