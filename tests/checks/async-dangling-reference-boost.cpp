// Boost.Asio, and the runtime built on it: the same findings and fixes.
// RUN: %check_tidy -check-suffixes=,WARN %s async-dangling-reference %t -- -- %boost_asio_flags -DTETHER_USE_BOOST_ASIO=1 -I %runtime_include
// RUN: %check_tidy -check-suffixes=,WARN,NOTE -fix-notes %s async-dangling-reference %t -- -- %boost_asio_flags -DTETHER_USE_BOOST_ASIO=1 -I %runtime_include

#include <utility>
#include <boost/asio.hpp>
#include <memory>
#include <string>
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
  // CHECK-NOTES: :18:42: note: take 'Name' by value as 'std::string': the task then owns a copy
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
    // CHECK-NOTES: :18:42: note: take 'Name' by value as 'std::string'
    co_return;
  });
}

int main() {
  net::io_context Io;
  std::string Name = "x";
  net::co_spawn(Io, greet(Name), detached);
  Io.run();
}
