// RUN: %check_tidy -check-suffixes=,WARN %s async-dangling-reference %t -- -- %asio_flags -I %runtime_include -I %S/Inputs
// RUN: %check_tidy -check-suffixes=,WARN,NOTE -fix-notes %s async-dangling-reference %t -- -- %asio_flags -I %runtime_include -I %S/Inputs

#include "task_scopes.h"
#include <asio.hpp>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <tether/task_group.hpp>
#include <vector>

using asio::awaitable;
using asio::detached;
using asio::use_awaitable;
using asio::ip::tcp;
using tether::task;
using tether::task_group;

// Declared only: the parameter types at the call suffice.
awaitable<void> session(tcp::socket &Socket, std::string_view User);
awaitable<void> greet(const std::string &Name) { co_return; }
awaitable<int> sum(std::span<const int> Values) {
  int Total = 0;
  for (int Value : Values)
    Total += Value;
  co_return Total;
}
awaitable<void> count(int *Counter) {
  ++*Counter;
  co_return;
}
awaitable<void> byValue(std::string Name) { co_return; }
awaitable<void> work(int N);

struct Config {
  std::string Name;
};

// Case 1: reference, pointer and view parameters bound to what dies first.

void start(asio::io_context &Io) {
  tcp::socket Socket(Io);
  std::string User = "x";
  asio::co_spawn(Io, session(Socket, User), detached);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: task 'session' started by 'co_spawn' can outlive local 'Socket', which its parameter 'Socket' refers to [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE+7]]:1: note: 'Socket' is destroyed here, at the end of its scope
  // CHECK-NOTES: :[[@LINE-3]]:22: warning: task 'session' started by 'co_spawn' can outlive local 'User', which its parameter 'User' refers to [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE+5]]:1: note: 'User' is destroyed here, at the end of its scope
  asio::co_spawn(Io, greet("literal"), detached);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: task 'greet' started by 'co_spawn' can outlive a temporary, which its parameter 'Name' refers to [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:28: note: the temporary is destroyed at the end of the full-expression
  // CHECK-NOTES: :22:42: note: take 'Name' by value as 'std::string': the task then owns a copy
}

void startFor(asio::io_context &Io, std::string Name, Config Conf) {
  asio::co_spawn(Io, greet(Name), detached);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: task 'greet' started by 'co_spawn' can outlive parameter 'Name', which its parameter 'Name' refers to
  // CHECK-NOTES: :[[@LINE+13]]:1: note: 'Name' is destroyed here, when 'startFor' returns
  // CHECK-NOTES: :22:42: note: take 'Name' by value as 'std::string'
  asio::co_spawn(Io, greet(Conf.Name), detached);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: task 'greet' started by 'co_spawn' can outlive 'Conf.Name', a part of parameter 'Conf', which its parameter 'Name' refers to
  // CHECK-NOTES: :[[@LINE+9]]:1: note: 'Conf' is destroyed here, when 'startFor' returns
  // CHECK-NOTES: :22:42: note: take 'Name' by value as 'std::string'
  int Counter = 0;
  std::vector<int> Values{1, 2, 3};
  asio::co_spawn(Io, count(&Counter), detached);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: task 'count' started by 'co_spawn' can outlive local 'Counter', which its parameter 'Counter' refers to
  // CHECK-NOTES: :[[@LINE+3]]:1: note: 'Counter' is destroyed here, at the end of its scope
  asio::co_spawn(Io, sum(Values), detached);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: task 'sum' started by 'co_spawn' can outlive local 'Values', which its parameter 'Values' refers to
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: 'Values' is destroyed here, at the end of its scope
// CHECK-NOTES: :23:41: note: take 'Values' by value as 'std::vector<int>'
// CHECK-FIXES-NOTE: {{^}}awaitable<void> greet(std::string Name) { co_return; }{{$}}

// A member of reference type refers to an object elsewhere, like a reference
// variable: not a part of the by-value parameter that holds it (cppcoro's
// `operator|(source, resume_on_transform)` passing `transform.scheduler`).
struct NameRef {
  const std::string &Name;
};
task<void> viaRef(NameRef Ref) { return greet(Ref.Name); }
// CHECK-FIXES-NOTE: {{^}}awaitable<int> sum(std::vector<int> Values) {{{$}}

struct Session {
  awaitable<void> run();
};

void startSession(asio::io_context &Io) {
  Session S;
  asio::co_spawn(Io, S.run(), detached);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: task 'run' started by 'co_spawn' can outlive local 'S', the object it runs on
  // CHECK-NOTES: :[[@LINE+1]]:1: note: 'S' is destroyed here, at the end of its scope
}

// Stored or returned: the task runs when it is awaited, after the caller's
// locals are gone.
task<void> make(std::string Name) {
  return greet(Name);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: task 'greet' returned by 'make' can outlive parameter 'Name', which its parameter 'Name' refers to
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Name' is destroyed here, when 'make' returns
  // CHECK-NOTES: :22:42: note: take 'Name' by value as 'std::string'
}

std::vector<task<void>> Pending;
task<void> Later;

void keep() {
  std::string Name = "x";
  Pending.push_back(greet(Name));
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: task 'greet' stored in 'Pending' can outlive local 'Name', which its parameter 'Name' refers to
  // CHECK-NOTES: :[[@LINE+6]]:1: note: 'Name' is destroyed here, at the end of its scope
  // CHECK-NOTES: :22:42: note: take 'Name' by value as 'std::string'
  Later = greet(Name);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: task 'greet' stored in 'Later' can outlive local 'Name', which its parameter 'Name' refers to
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Name' is destroyed here, at the end of its scope
  // CHECK-NOTES: :22:42: note: take 'Name' by value as 'std::string'
}

// A local of the body of task_group::open dies when the body returns, before
// the group joins its children.
task<void> insideOpen() {
  co_await task_group::open([&](task_group &Group) -> task<void> {
    std::string Inner = "x";
    Group.spawn(greet(Inner));
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: task 'greet' started by 'spawn' can outlive local 'Inner', which its parameter 'Name' refers to
    // CHECK-NOTES: :[[@LINE+3]]:3: note: 'Inner' is destroyed here, at the end of its scope
    // CHECK-NOTES: :22:42: note: take 'Name' by value as 'std::string'
    co_return;
  });
}

// Case 2: `this`.

struct Connection {
  asio::any_io_executor Ex;
  awaitable<void> run();
  void start() { asio::co_spawn(Ex, run(), detached); }
  // CHECK-NOTES: :[[@LINE-1]]:37: warning: task 'run' started by 'co_spawn' can outlive '*this': nothing keeps the 'Connection' it refers to alive until the task completes
  // CHECK-NOTES: :[[@LINE-2]]:37: note: 'Connection' does not derive from 'std::enable_shared_from_this': keep the object alive for the task (a 'std::shared_ptr' to it in the task), or spawn the task on a task group that the object owns and joins
};

struct Shared : std::enable_shared_from_this<Shared> {
  asio::any_io_executor Ex;
  awaitable<void> run();
  awaitable<void> runWith(std::shared_ptr<Shared> Self);
  void start() { asio::co_spawn(Ex, this->run(), detached); }
  // CHECK-NOTES: :[[@LINE-1]]:37: warning: task 'run' started by 'co_spawn' can outlive '*this'
  // CHECK-NOTES: :[[@LINE-2]]:37: note: keep the object alive for the task with a copy of 'shared_from_this()'
  // CHECK-FIXES-NOTE: {{^}}  void start() { asio::co_spawn(Ex, [self = shared_from_this()]() { return self->run(); }, detached); }{{$}}
  void startLambda() {
    asio::co_spawn(Ex, [this]() -> awaitable<void> { co_await run(); }, detached);
    // CHECK-NOTES: :[[@LINE-1]]:24: warning: coroutine lambda started by 'co_spawn' can outlive '*this'
    // CHECK-NOTES: :[[@LINE-2]]:24: note: keep the object alive for the task with a copy of 'shared_from_this()'
    // CHECK-FIXES-NOTE: {{^}}    asio::co_spawn(Ex, [this, self = shared_from_this()]() -> awaitable<void> { co_await run(); }, detached);{{$}}
  }
  // Kept alive: silent.
  void keptAlive() {
    asio::co_spawn(Ex, runWith(shared_from_this()), detached);
    asio::co_spawn(Ex, [self = shared_from_this()] { return self->run(); }, detached);
    auto Self = shared_from_this();
    asio::co_spawn(Ex, [this, Self]() -> awaitable<void> { co_await run(); }, detached);
  }
};

// Spawned on a group the object owns, or stored in the object: silent. A
// group it only refers to may outlive it.
struct Owner {
  app::TaskGroup Tasks;
  app::TaskGroup &Shared;
  task<void> Current;
  awaitable<void> run();
  void start() {
    Tasks.spawn(run());
    Current = run();
    Shared.spawn(run());
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: task 'run' started by 'spawn' can outlive '*this': nothing keeps the 'Owner' it refers to alive until the task completes
    // CHECK-NOTES: :[[@LINE-2]]:18: note: 'Owner' does not derive from 'std::enable_shared_from_this'
  }
};

// Case 3: the captures of a coroutine lambda.

void lambdas(asio::io_context &Io, task_group &Group) {
  int N = 1;
  asio::co_spawn(Io, [N]() -> awaitable<void> { co_await work(N); }(), detached);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: coroutine lambda invoked in place is a temporary destroyed at the end of the full-expression, but its task started by 'co_spawn' uses its captures; pass the lambda itself, which the spawn keeps alive
  // CHECK-FIXES-WARN: {{^}}  asio::co_spawn(Io, [N]() -> awaitable<void> { co_await work(N); }, detached);{{$}}
  Group.spawn([N]() -> task<void> { co_await work(N); }());
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: coroutine lambda invoked in place is a temporary destroyed at the end of the full-expression, but its task started by 'spawn' uses its captures; pass the lambda itself
  // CHECK-FIXES-WARN: {{^}}  Group.spawn([N]() -> task<void> { co_await work(N); });{{$}}
  auto Stored = [N]() -> task<void> { co_await work(N); }();
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: coroutine lambda invoked in place is a temporary destroyed at the end of the full-expression, but its task stored in 'Stored' uses its captures; pass what the task needs as parameters by value
  asio::co_spawn(Io, [&]() -> awaitable<void> { co_await work(N); }, detached);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: coroutine lambda started by 'co_spawn' can outlive local 'N', which it captures by reference
  // CHECK-NOTES: :[[@LINE+1]]:1: note: 'N' is destroyed here, at the end of its scope
}

// Macros and templates: reported where they are used.
#define SPAWN(Io, Task) asio::co_spawn(Io, Task, detached)

void inMacro(asio::io_context &Io) {
  std::string Name = "x";
  SPAWN(Io, greet(Name));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task 'greet' started by 'co_spawn' can outlive local 'Name'
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'Name' is destroyed here
  // CHECK-NOTES: :22:42: note: take 'Name' by value as 'std::string'
}

template <typename T> struct Worker {
  asio::any_io_executor Ex;
  awaitable<void> run();
  void start() { asio::co_spawn(Ex, run(), detached); }
  // CHECK-NOTES: :[[@LINE-1]]:37: warning: task 'run' started by 'co_spawn' can outlive '*this'
  // CHECK-NOTES: :[[@LINE-2]]:37: note: 'Worker' does not derive from 'std::enable_shared_from_this'
};
template struct Worker<int>;

void generic(asio::io_context &Io) {
  auto Spawn = [&](auto Executor) {
    std::string Local = "x";
    asio::co_spawn(Executor, greet(Local), detached);
    // CHECK-NOTES: :[[@LINE-1]]:30: warning: task 'greet' started by 'co_spawn' can outlive local 'Local'
    // CHECK-NOTES: :[[@LINE+2]]:3: note: 'Local' is destroyed here
    // CHECK-NOTES: :22:42: note: take 'Name' by value as 'std::string'
  };
  Spawn(Io.get_executor());
}

// Safe: silent.

std::string Global;

void statics(asio::io_context &Io) {
  static std::string Kept = "x";
  asio::co_spawn(Io, greet(Global), detached);
  asio::co_spawn(Io, greet(Kept), detached);
  asio::co_spawn(Io, session(*new tcp::socket(Io), "literal"), detached);
}

void unknownReferents(asio::io_context &Io, std::string &Ref, int *Ptr) {
  asio::co_spawn(Io, greet(Ref), detached);
  asio::co_spawn(Io, count(Ptr), detached);
}

void copies(asio::io_context &Io) {
  std::string Name = "x";
  asio::co_spawn(Io, byValue(Name), detached);
  int N = 1;
  asio::co_spawn(Io, [N]() -> awaitable<void> { co_await work(N); }, detached);
  asio::co_spawn(Io, []() -> awaitable<void> { co_await work(1); }(), detached);
}

// A function that returns a task without being a coroutine copies what it
// needs: Asio's operations, wrappers.
awaitable<void> wrapper(const std::string &Name) { return byValue(Name); }
void wrapped(asio::io_context &Io) {
  std::string Name = "x";
  asio::co_spawn(Io, wrapper(Name), detached);
}

int main() {
  asio::io_context Io;
  std::string Name = "x";
  asio::co_spawn(Io, greet(Name), detached);
  Io.run();
}

task<void> gatherAll(std::vector<task<void>> Tasks);

task<void> awaited(asio::io_context &Io) {
  std::string Name = "x";
  co_await greet(Name);
  auto T = greet(Name);
  co_await work(1);
  co_await std::move(T);
  auto Ex = co_await asio::this_coro::executor;
  co_await asio::co_spawn(Ex, greet(Name), use_awaitable);
  std::vector<task<void>> Tasks;
  Tasks.push_back(greet(Name));
  for (auto &Each : Tasks)
    co_await std::move(Each);
  std::vector<task<void>> Batch;
  Batch.push_back(greet(Name));
  auto All = gatherAll(std::move(Batch));
  co_await std::move(All);
}

task<void> joined() {
  std::string Outer = "x";
  int N = 1;
  co_await task_group::open([&](task_group &Group) -> task<void> {
    Group.spawn(greet(Outer));
    Group.spawn([&]() -> task<void> { co_await work(N); });
    std::string Inner = "y";
    auto Handle = Group.spawn(greet(Inner));
    co_await Handle.wait();
    co_return;
  });
}

// A lazy task in a local declared after the object dies unstarted before
// it, unless it is moved on.
awaitable<void> handOver(task<void> &&Task);

void heldLocally() {
  std::string Name = "x";
  auto Held = greet(Name);
  std::vector<task<void>> Batch;
  Batch.push_back(greet(Name));
  auto Moved = greet(Name);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: task 'greet' stored in 'Moved' can outlive local 'Name', which its parameter 'Name' refers to
  // CHECK-NOTES: :[[@LINE+4]]:1: note: 'Name' is destroyed here, at the end of its scope
  // CHECK-NOTES: :22:42: note: take 'Name' by value as 'std::string'
  Pending.push_back(std::move(Moved));
  auto Joined = handOver(greet("x"));
}
