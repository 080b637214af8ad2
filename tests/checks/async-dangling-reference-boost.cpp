// Boost.Asio, and the runtime built on it: the same findings and fixes.
// RUN: %check_tidy -check-suffixes=,WARN %s async-dangling-reference %t -- -- %boost_asio_flags -DTETHER_USE_BOOST_ASIO=1 -I %runtime_include
// RUN: %check_tidy -check-suffixes=,WARN,NOTE -fix-notes %s async-dangling-reference %t -- -- %boost_asio_flags -DTETHER_USE_BOOST_ASIO=1 -I %runtime_include

#include <utility>
#include <boost/asio.hpp>
#include <memory>
#include <functional>
#include <string>
#include <vector>
#include <tether/task_group.hpp>

namespace net = boost::asio;
using net::awaitable;
using net::detached;
using net::use_awaitable;
using tcp = net::ip::tcp;

awaitable<void> serve(tcp::socket &Socket);
awaitable<void> greet(const std::string &Name) { co_return; }
// CHECK-FIXES-NOTE: {{^}}awaitable<void> greet(std::string Name) { co_return; }{{$}}
awaitable<void> work(int N);

void start(net::io_context &Io) {
  tcp::socket Socket(Io);
  net::co_spawn(Io, serve(Socket), detached);
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: task 'serve' started by 'co_spawn' can outlive local 'Socket', which its parameter 'Socket' refers to [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE+9]]:1: note: 'Socket' is destroyed here, at the end of its scope
  net::co_spawn(Io, greet("literal"), detached);
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: task 'greet' started by 'co_spawn' can outlive a temporary, which its parameter 'Name' refers to
  // CHECK-NOTES: :[[@LINE-2]]:27: note: the temporary is destroyed at the end of the full-expression
  // CHECK-NOTES: :20:42: note: take 'Name' by value as 'std::string': the task then owns a copy
  int N = 1;
  net::co_spawn(Io, [N]() -> awaitable<void> { co_await work(N); }(), detached);
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: coroutine lambda invoked in place is a temporary destroyed at the end of the full-expression, but its task started by 'co_spawn' uses its captures; pass the lambda itself, which the spawn keeps alive
  // CHECK-FIXES-WARN: {{^}}  net::co_spawn(Io, [N]() -> awaitable<void> { co_await work(N); }, detached);{{$}}
}

struct Connection : std::enable_shared_from_this<Connection> {
  net::any_io_executor Ex;
  awaitable<void> run();
  void start() { net::co_spawn(Ex, run(), detached); }
  // CHECK-NOTES: :[[@LINE-1]]:36: warning: task 'run' started by 'co_spawn' can outlive '*this': nothing keeps the 'Connection' it refers to alive until the task completes
  // CHECK-NOTES: :[[@LINE-2]]:36: note: keep the object alive for the task with a copy of 'shared_from_this()'
  // CHECK-FIXES-NOTE: {{^}}  void start() { net::co_spawn(Ex, [self = shared_from_this()]() { return self->run(); }, detached); }{{$}}
  void keptAlive() {
    net::co_spawn(Ex, [self = shared_from_this()] { return self->run(); }, detached);
  }
};

tether::task<void> joined(net::io_context &Io) {
  std::string Outer = "x";
  co_await tether::task_group::open([&](tether::task_group &Group) -> tether::task<void> {
    Group.spawn(greet(Outer));
    std::string Inner = "y";
    Group.spawn(greet(Inner));
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: task 'greet' started by 'spawn' can outlive local 'Inner', which its parameter 'Name' refers to
    // CHECK-NOTES: :[[@LINE+3]]:3: note: 'Inner' is destroyed here, at the end of its scope
    // CHECK-NOTES: :20:42: note: take 'Name' by value as 'std::string'
    co_return;
  });
}

// A wrapper, a function that is not a coroutine and returns a task made of
// the one it is given, carries that task where its own result goes.
// erigontech/silkworm bb62df80e, stage_triggers.cpp:49 (fixed in 2d8427484):
// the closure 'Caller' dies when 'schedule' returns, the task runs later.
template <typename F> auto spawnTask(net::io_context &Io, F &&Task) {
  return net::co_spawn(Io, std::forward<F>(Task), use_awaitable);
}

struct Txn {};
struct Stage {
  net::io_context Io;
  Txn *Current = nullptr;
  awaitable<void> schedule(std::function<void(Txn &)> Callback) {
    auto Caller = [this, C = std::move(Callback)]() -> awaitable<void> {
      C(*Current);
      co_return;
    };
    return spawnTask(Io, Caller());
    // CHECK-NOTES: :[[@LINE-1]]:26: warning: task of the coroutine lambda returned by 'schedule' through 'spawnTask' can outlive local 'Caller', the object it runs on [async-dangling-reference]
    // CHECK-NOTES: :[[@LINE+1]]:3: note: 'Caller' is destroyed here, at the end of its scope
  }
  // The first fix: awaited in the full-expression, before 'Caller' dies.
  awaitable<void> awaited(std::function<void(Txn &)> Callback) {
    auto Caller = [this, C = std::move(Callback)]() -> awaitable<void> {
      C(*Current);
      co_return;
    };
    co_return co_await spawnTask(Io, Caller());
  }
  // The second fix: what the task uses is in its parameters.
  awaitable<void> byParameters(std::function<void(Txn &)> Callback) {
    auto Caller = [](Stage *Self, auto C) -> awaitable<void> {
      C(*Self->Current);
      co_return;
    };
    return spawnTask(Io, Caller(this, std::move(Callback)));
  }
  // Stored through the wrapper, then joined: safe. Not joined: reported.
  awaitable<void> stored(std::string Name) {
    auto Kept = spawnTask(Io, greet(Name));
    co_await std::move(Kept);
    auto Lost = spawnTask(Io, greet(Name));
    // CHECK-NOTES: :[[@LINE-1]]:31: warning: task 'greet' stored in 'Lost' through 'spawnTask' can outlive parameter 'Name', which its parameter 'Name' refers to
    // CHECK-NOTES: :[[@LINE+3]]:3: note: 'Name' is destroyed here, when 'stored' returns
    // CHECK-NOTES: :20:42: note: take 'Name' by value as 'std::string'
    Pending.push_back(std::move(Lost));
  }
  std::vector<awaitable<void>> Pending;
};

// A spawn given a wrapper's task: the wrapped task is started too.
void spawnWrapped(net::io_context &Io) {
  std::string Name = "x";
  net::co_spawn(Io, spawnTask(Io, greet(Name)), detached);
  // CHECK-NOTES: :[[@LINE-1]]:35: warning: task 'greet' started by 'co_spawn' through 'spawnTask' can outlive local 'Name', which its parameter 'Name' refers to
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Name' is destroyed here, at the end of its scope
  // CHECK-NOTES: :20:42: note: take 'Name' by value as 'std::string'
}

// A spawn's own result is no wrapper's: the task is reported once, as started.
std::vector<awaitable<void>> Started;
void spawnStored(net::io_context &Io) {
  std::string Name = "x";
  Started.push_back(net::co_spawn(Io, greet(Name), use_awaitable));
  // CHECK-NOTES: :[[@LINE-1]]:39: warning: task 'greet' started by 'co_spawn' can outlive local 'Name', which its parameter 'Name' refers to
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Name' is destroyed here, at the end of its scope
  // CHECK-NOTES: :20:42: note: take 'Name' by value as 'std::string'
}

// A function that returns no task is no wrapper: what it does with the task
// it takes is its own business.
int runs(awaitable<void> Task);
void notWrappers(net::io_context &Io) {
  std::string Name = "x";
  int Result = runs(greet(Name));
  (void)Result;
}

int main() {
  net::io_context Io;
  std::string Name = "x";
  net::co_spawn(Io, greet(Name), detached);
  Io.run();
}
