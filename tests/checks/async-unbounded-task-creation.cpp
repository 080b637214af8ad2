// Spawns in loops whose trip count comes from input, on standalone Asio and
// the runtime. The fixed file (note fix-its applied) compiles against the
// runtime.
// RUN: %check_tidy -fix-notes %s async-unbounded-task-creation %t -- -- -I %runtime_include %asio_flags

#include <array>
#include <asio/experimental/channel.hpp>
#include <functional>
#include <map>
#include <tether/for_each_bounded.hpp>
#include <tether/semaphore.hpp>
#include <tether/task_group.hpp>
#include <vector>

namespace net = tether::net;
using tether::task;
using tcp = net::ip::tcp;
using Group = tether::task_group;

task<int> fetch(int Id) { co_return Id; }
task<void> serve(tcp::socket Socket) { co_return; }

// The rewrite: a range-for whose body is one spawn of a call on a task group.
task<void> fanOut(const std::vector<int> &Ids) {
  co_await tether::task_group::open([&](tether::task_group &G) -> task<void> {
    for (int Id : Ids)
      G.spawn(fetch(Id));
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Ids' and nothing bounds how many run at once; use 'tether::for_each_bounded' or acquire a semaphore permit before the spawn [async-unbounded-task-creation]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: run the loop with 'tether::for_each_bounded': at most 16 tasks run at once and the loop ends when all are done
    // CHECK-FIXES: {{^}}    co_await tether::for_each_bounded(Ids, 16, [&](auto&& Id) { return fetch(Id); });{{$}}
    co_return;
  });
}

task<void> fanOutBlock(std::vector<int> Ids, Group &G) {
  for (const auto &Id : Ids) {
    G.spawn(fetch(Id * 2));
  }
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Ids'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: run the loop with 'tether::for_each_bounded'
  // CHECK-FIXES: {{^}}  co_await tether::for_each_bounded(Ids, 16, [&](auto&& Id) { return fetch(Id * 2); });{{$}}
  co_return;
}

// No rewrite where it would lose a comment, cannot name the item, or would
// call a lambda whose captures die with the call.
task<void> notRewritten(const std::map<int, int> &Pairs, Group &G) {
  for (const auto &[Key, Value] : Pairs)
    G.spawn(fetch(Key));
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Pairs'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here
  for (const auto &Pair : Pairs) {
    // One per pair.
    G.spawn(fetch(Pair.first));
  }
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Pairs'
  // CHECK-NOTES: :[[@LINE-3]]:5: note: acquire a 'tether::semaphore' permit here
  for (const auto &Pair : Pairs)
    G.spawn([&Pair]() -> task<void> { co_await fetch(Pair.second); });
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Pairs'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here
  co_return;
}

// Members: a group the class owns.
class Crawler {
public:
  task<void> crawl(const std::vector<int> &Pages) {
    for (int Page : Pages)
      this->Pool->spawn(fetch(Page));
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Pages'
    // CHECK-NOTES: :[[@LINE-3]]:5: note: run the loop with 'tether::for_each_bounded'
    // CHECK-FIXES: {{^}}    co_await tether::for_each_bounded(Pages, 16, [&](auto&& Page) { return fetch(Page); });{{$}}
    co_return;
  }

private:
  tether::task_group *Pool = nullptr;
};

// Anything else: a note shows where to acquire a permit.
task<void> detachedEach(const std::vector<int> &Ids) {
  auto Executor = co_await net::this_coro::executor;
  for (int Id : Ids) {
    net::co_spawn(Executor, fetch(Id), net::detached);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_spawn' starts a task in every iteration of the range-for loop over 'Ids' and nothing bounds how many run at once; use 'tether::for_each_bounded' or acquire a semaphore permit before the spawn
    // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here and keep it in the task until the task ends: a semaphore of 16 permits lets 16 tasks run at once
  }
  for (auto It = Ids.begin(); It != Ids.end(); ++It)
    asio::co_spawn(Executor, fetch(*It), [](std::exception_ptr, int) {});
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_spawn' starts a task in every iteration of the 'for' loop on 'It != Ids.end()'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here
}

// The classic accept loop.
task<void> listen(tcp::acceptor &Acceptor) {
  for (;;) {
    auto Socket = co_await Acceptor.async_accept(net::use_awaitable);
    net::co_spawn(Acceptor.get_executor(), serve(std::move(Socket)), net::detached);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_spawn' starts a task in every iteration of the endless 'for' loop
    // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here
  }
}

// Messages from a channel, and a count that is a parameter or a field.
using Channel = asio::experimental::channel<void(asio::error_code, int)>;

struct Batch {
  int Size;
};

task<void> consume(Channel &Jobs, Group &G, int Count, Batch B) {
  while (auto Job = co_await Jobs.async_receive(net::use_awaitable))
    G.spawn(fetch(Job));
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'spawn' on 'task_group' starts a task in every iteration of the 'while' loop and nothing bounds
  // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here
  for (int I = 0; I < Count; ++I)
    G.spawn(fetch(I));
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'spawn' on 'task_group' starts a task in every iteration of the 'for' loop on 'I < Count'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here
  for (int I = 0; I < B.Size; ++I)
    G.spawn(fetch(I));
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'spawn' on 'task_group' starts a task in every iteration of the 'for' loop on 'I < B.Size'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: acquire a 'tether::semaphore' permit here
  int Left = B.Size;
  do {
    G.spawn(fetch(Left));
  } while (--Left > 0);
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: 'spawn' on 'task_group' starts a task in every iteration of the 'do' loop on '--Left > 0'
  // CHECK-NOTES: :[[@LINE-3]]:5: note: acquire a 'tether::semaphore' permit here
}

// Nested loops: the loop that comes from input need not be the innermost,
// and constant loops that together run too often count as well.
task<void> nested(const std::vector<std::vector<int>> &Batches, Group &G) {
  for (const auto &Batch : Batches)
    for (int Retry = 0; Retry < 3; ++Retry)
      G.spawn(fetch(Retry));
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Batches'
  // CHECK-NOTES: :[[@LINE-2]]:7: note: acquire a 'tether::semaphore' permit here
  for (int Round = 0; Round < 3; ++Round)
    for (int Id : Batches[Round])
      G.spawn(fetch(Id));
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Batches[Round]'
  // CHECK-NOTES: :[[@LINE-3]]:5: note: run the loop with 'tether::for_each_bounded'
  // CHECK-FIXES: {{^}}    co_await tether::for_each_bounded(Batches[Round], 16, [&](auto&& Id) { return fetch(Id); });{{$}}
  for (int Row = 0; Row < 8; ++Row)
    for (int Column = 0; Column < 16; ++Column)
      G.spawn(fetch(Row * Column));
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'spawn' on 'task_group' starts a task in every iteration of the 'for' loop on 'Row < 8' (128 iterations in all)
  // CHECK-NOTES: :[[@LINE-2]]:7: note: acquire a 'tether::semaphore' permit here
  co_return;
}

// Templates are looked at in their instantiations, and reported once.
template <typename Range> task<void> spawnAll(const Range &Items, Group &G) {
  for (const auto &Item : Items) {
    G.spawn(fetch(Item));
    G.spawn(fetch(Item + 1));
  }
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Items'
  // CHECK-NOTES: :[[@LINE-4]]:5: note: acquire a 'tether::semaphore' permit here
  // CHECK-NOTES: :[[@LINE-4]]:5: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Items'
  // CHECK-NOTES: :[[@LINE-5]]:5: note: acquire a 'tether::semaphore' permit here
  co_return;
}
template task<void> spawnAll(const std::vector<int> &, Group &);
template task<void> spawnAll(const std::vector<long> &, Group &);

// Macros: the warning at the expansion, no rewrite inside it.
#define SPAWN_EACH(Range, G)                                                   \
  for (int X : Range)                                                          \
  (G).spawn(fetch(X))

task<void> fromMacro(const std::vector<int> &Ids, Group &G) {
  SPAWN_EACH(Ids, G);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop and nothing bounds
  // CHECK-NOTES: :[[@LINE-2]]:3: note: acquire a 'tether::semaphore' permit here
  co_return;
}

// Lambdas: a coroutine lambda is looked at on its own; what a lambda in
// the loop does when it is called later is not a spawn of the loop.
void lambdas(net::io_context &Io, const std::vector<int> &Ids) {
  auto Fan = [&](Group &G) -> task<void> {
    for (int Id : Ids)
      G.spawn(fetch(Id));
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'spawn' on 'task_group' starts a task in every iteration of the range-for loop over 'Ids'
    // CHECK-NOTES: :[[@LINE-3]]:5: note: run the loop with 'tether::for_each_bounded'
    // CHECK-FIXES: {{^}}    co_await tether::for_each_bounded(Ids, 16, [&](auto&& Id) { return fetch(Id); });{{$}}
    co_return;
  };
  (void)Fan;
  std::vector<std::function<void()>> Later;
  for (int Id : Ids)
    Later.push_back([&Io, Id] { net::co_spawn(Io, fetch(Id), net::detached); });
}

// Not flagged: small constant loops, loops that await each task, loops
// that acquire a permit, spawns outside loops, lazy tasks collected,
// loops run by tether::for_each_bounded.
task<void> bounded(const std::vector<int> &Ids, Group &G, tether::semaphore &Limit) {
  auto Executor = co_await net::this_coro::executor;
  for (int I = 0; I < 4; ++I)
    G.spawn(fetch(I));
  for (int I = 10; I > 0; --I)
    G.spawn(fetch(I));
  for (int Id : {1, 2, 3})
    G.spawn(fetch(Id));
  const std::array<int, 3> Three = {1, 2, 3};
  for (int Id : Three)
    G.spawn(fetch(Id));
  int Four[4] = {};
  for (int Id : Four)
    G.spawn(fetch(Id));
  do {
    G.spawn(fetch(0));
  } while (false);

  for (int Id : Ids)
    co_await net::co_spawn(Executor, fetch(Id), net::use_awaitable);
  for (int Id : Ids) {
    auto Handle = G.spawn(fetch(Id));
    co_await Handle.wait();
  }
  for (int Id : Ids) {
    auto Permit = co_await Limit.acquire();
    G.spawn([&, Id, Permit = std::move(Permit)]() -> task<void> { co_await fetch(Id); });
  }
  for (int Id : Ids) {
    auto Permit = Limit.try_acquire();
    if (!Permit)
      break;
    net::co_spawn(Executor, fetch(Id), net::detached);
  }
  net::co_spawn(Executor, fetch(1), net::detached);

  std::vector<task<int>> Lazy;
  for (int Id : Ids)
    Lazy.push_back(fetch(Id));
  std::vector<task<int>> Deferred;
  for (int Id : Ids)
    Deferred.push_back(net::co_spawn(Executor, fetch(Id), net::use_awaitable));

  co_await tether::for_each_bounded(Ids, 4, [&](int Id) -> task<void> {
    for (int Part : Ids)
      G.spawn(fetch(Id + Part));
    co_return;
  });
}
