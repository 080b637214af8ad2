#include <tether/task_group.hpp>

tether::task<int> probe(int id) { co_return id; }

tether::task<void> probe_one(int id) {
  co_await tether::task_group::open([&](tether::task_group &group) -> tether::task<void> {
    group.spawn([id]() -> tether::task<void> { co_await probe(id); }());
    co_return;
  });
}
