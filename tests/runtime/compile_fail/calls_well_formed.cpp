// The control of gather_not_a_task.cpp, spawn_not_a_task.cpp and offload_a_task.cpp: the same
// calls, well formed, compile, so the failures there are the ones the tests look for.
#include <vector>

#include "tether/gather.hpp"
#include "tether/offload.hpp"
#include "tether/task_group.hpp"

tether::task<int> f();

tether::task<void> g() {
  co_await tether::gather(f(), f());
  std::vector<tether::task<int>> tasks;
  co_await tether::gather(std::move(tasks));
  co_await tether::task_group::open([](tether::task_group& group) -> tether::task<> {
    group.spawn([]() -> tether::task<> { co_return; });
    group.spawn(f());
    co_return;
  });
  co_await tether::offload([] { return 1; });
}
