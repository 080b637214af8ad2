// Boost.Asio: co_spawn in loops, and the for_each_bounded rewrite with the
// runtime on Boost.Asio, which also adds the #include it needs.
// RUN: %check_tidy -fix-notes %s async-unbounded-task-creation %t -- -- -I %runtime_include \
// RUN:   -DTETHER_USE_BOOST_ASIO=1 %boost_asio_flags

#include <tether/task_group.hpp>
#include <future>
#include <vector>

namespace net = boost::asio;
using net::awaitable;
using tcp = net::ip::tcp;

awaitable<void> session(tcp::socket Socket) { co_return; }
tether::task<void> probe(const std::string &Host) { co_return; }

awaitable<void> accept(tcp::acceptor Acceptor) {
  while (true) {
    tcp::socket Socket = co_await Acceptor.async_accept(net::use_awaitable);
    net::co_spawn(Acceptor.get_executor(), session(std::move(Socket)), net::detached);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_spawn' starts a task in every iteration of the endless 'while' loop and nothing bounds how many run at once; use 'tether::for_each_bounded' or acquire a semaphore permit before the spawn [async-unbounded-task-creation]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here and keep it in the task until the task ends: a semaphore of 16 permits lets 16 tasks run at once
  }
}

awaitable<void> probeAll(const std::vector<std::string> &Hosts) {
  co_await tether::task_group::open([&](tether::task_group &Group) -> tether::task<> {
    for (const std::string &Host : Hosts) {
      Group.spawn(probe(Host));
    }
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Hosts'
    // CHECK-NOTES: :[[@LINE-4]]:5: note: run the loop with 'tether::for_each_bounded': at most 16 tasks run at once and the loop ends when all are done
    // CHECK-FIXES: {{^}}#include <tether/for_each_bounded.hpp>{{$}}
    // CHECK-FIXES: {{^}}    co_await tether::for_each_bounded(Hosts, 16, [&](auto&& Host) { return probe(Host); });{{$}}
    co_return;
  });
}

// A using-declaration and a vector of handles kept for later.
awaitable<void> viaUsing(const std::vector<std::string> &Hosts) {
  using net::co_spawn;
  auto Executor = co_await net::this_coro::executor;
  std::vector<std::future<void>> Later;
  for (const std::string &Host : Hosts)
    Later.push_back(co_spawn(Executor, probe(Host), net::use_future));
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: 'co_spawn' starts a task in every iteration of the range-for loop over 'Hosts'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here
}

// co_spawn with use_awaitable starts when awaited: awaited in the loop, or
// collected lazily, it is not a spawn.
awaitable<void> oneByOne(const std::vector<std::string> &Hosts) {
  auto Executor = co_await net::this_coro::executor;
  for (const std::string &Host : Hosts)
    co_await net::co_spawn(Executor, probe(Host), net::use_awaitable);
}
