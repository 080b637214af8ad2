#include <tether/task_group.hpp>

tether::task<int> probe(int id) { co_return id; }

tether::task<void> probe_all(asio::io_context &io) {
  co_await tether::task_group::open([&](tether::task_group &group) -> tether::task<void> {
    asio::co_spawn(io, probe(1), asio::detached);
    co_return;
  });
}
