// A task spawned on an event loop that the same scope then runs to
// completion cannot outlive the scope's locals: asio-grpc's examples run an
// agrpc::GrpcContext (option LoopJoinFunctions), async_mqtt's tests and
// asio-grpc's multi-threaded client run the loop on threads they join before
// the scope ends. So does a loop that steps the event loop until it stops
// (`while (!io.stopped()) io.poll();`), and a function in view called after
// the start that runs the loop either way (Boost.MQTT5's test broker), or
// while `run_one()` finds work, also through helpers and from a member
// function whose task uses the object; not one that runs a loop of its own. Without the run or the
// join, or with a joined thread that runs no loop, the capture is reported as
// ever.
// RUN: %check_tidy %s async-dangling-reference %t -- -- %asio_flags
// RUN: %check_tidy -check-suffixes=,NOLOOPS %s async-dangling-reference %t -- \
// RUN:   -config="{CheckOptions: {async-dangling-reference.LoopJoinFunctions: ''}}" \
// RUN:   -- %asio_flags

#include <asio.hpp>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using asio::awaitable;
using asio::detached;

namespace agrpc {
// asio-grpc's GrpcContext: run() returns when no work is left.
class GrpcContext : public asio::execution_context {
public:
  using executor_type = asio::io_context::executor_type;
  executor_type get_executor() noexcept;
  bool run();
};
} // namespace agrpc

awaitable<void> request(agrpc::GrpcContext &Context, std::string &Stub);

void helloWorldClient() {
  agrpc::GrpcContext GrpcContext;
  std::string Stub;
  asio::co_spawn(
      GrpcContext.get_executor(),
      [&]() -> awaitable<void> { co_await request(GrpcContext, Stub); },
      detached);
  // CHECK-MESSAGES-NOLOOPS: :[[@LINE-2]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'GrpcContext', which it captures by reference [async-dangling-reference]
  // CHECK-MESSAGES-NOLOOPS: :[[@LINE-3]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Stub', which it captures by reference [async-dangling-reference]
  GrpcContext.run();
}

// The loop outlives the stub (a loop declared after it would die first and
// take the task with it), and nothing runs it.
void notRun() {
  agrpc::GrpcContext GrpcContext;
  std::string Stub;
  asio::co_spawn(
      GrpcContext.get_executor(),
      [&]() -> awaitable<void> { co_await request(GrpcContext, Stub); },
      detached);
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'GrpcContext', which it captures by reference [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Stub', which it captures by reference [async-dangling-reference]
}

awaitable<void> work(std::string &Text);

void threadsRunTheLoop() {
  asio::io_context Io;
  auto Guard = asio::make_work_guard(Io.get_executor());
  std::thread Runner{[&] { Io.run(); }};
  std::string Text;
  asio::co_spawn(
      Io, [&]() -> awaitable<void> {
        co_await work(Text);
        Guard.reset();
      },
      detached);
  // CHECK-MESSAGES-NOLOOPS: :[[@LINE-5]]:11: warning: coroutine lambda started by 'co_spawn' can outlive local 'Guard', which it captures by reference [async-dangling-reference]
  // CHECK-MESSAGES-NOLOOPS: :[[@LINE-6]]:11: warning: coroutine lambda started by 'co_spawn' can outlive local 'Text', which it captures by reference [async-dangling-reference]
  Runner.join();
}

void poolOfThreads(std::string &Shared) {
  asio::io_context Io;
  auto Guard = asio::make_work_guard(Io.get_executor());
  std::vector<std::thread> Threads;
  for (int I = 0; I < 4; ++I)
    Threads.emplace_back([&] { Io.run(); });
  std::string Text;
  asio::co_spawn(Io, work(Text), detached);
  // CHECK-MESSAGES-NOLOOPS: :[[@LINE-1]]:22: warning: task 'work' started by 'co_spawn' can outlive local 'Text', which its parameter 'Text' refers to [async-dangling-reference]
  Guard.reset();
  for (auto &Thread : Threads)
    Thread.join();
}

void threadRunsNoLoop(asio::io_context &Io) {
  std::thread Logger{[] {}};
  std::string Text;
  asio::co_spawn(Io, work(Text), detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: task 'work' started by 'co_spawn' can outlive local 'Text', which its parameter 'Text' refers to [async-dangling-reference]
  Logger.join();
}

void joinedBeforeTheSpawn() {
  asio::io_context Io;
  std::thread Runner{[&] { Io.run(); }};
  Runner.join();
  std::string Text;
  asio::co_spawn(Io, work(Text), detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: task 'work' started by 'co_spawn' can outlive local 'Text', which its parameter 'Text' refers to [async-dangling-reference]
}

// Boost.MQTT5's test broker: it steps the loop until it stops.
struct Broker {
  static void run(asio::io_context &Io) {
    while (!Io.stopped())
      Io.poll();
  }
  static void pollOnce(asio::io_context &Io) { Io.poll(); }
  static void pollWhile(asio::io_context &Io, bool &Busy) {
    while (Busy)
      Io.poll();
  }
};

void steppedUntilStopped() {
  asio::io_context Io;
  std::string Text;
  asio::co_spawn(Io, work(Text), detached);
  do
    Io.run_one();
  while (!Io.stopped());
}

void runByABroker() {
  asio::io_context Io;
  std::string Text;
  asio::co_spawn(Io, work(Text), detached);
  Broker::run(Io);
}

struct Fixture {
  asio::io_context Io;
  std::string Text;
  void testMethod() {
    asio::co_spawn(Io, work(Text), detached);
    Broker::run(Io);
  }
  void notRunHere() {
    asio::co_spawn(Io, work(Text), detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: task 'work' started by 'co_spawn' can outlive '*this': nothing keeps the 'Fixture' it refers to alive until the task completes [async-dangling-reference]
  }
};

void polledOnceOrUntilAnotherCondition(bool &Busy) {
  asio::io_context Io;
  std::string Text;
  asio::co_spawn(Io, work(Text), detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: task 'work' started by 'co_spawn' can outlive local 'Text', which its parameter 'Text' refers to [async-dangling-reference]
  Broker::pollOnce(Io);
  Broker::pollWhile(Io, Busy);
}

void runByABrokerBeforeTheSpawn() {
  asio::io_context Io;
  Broker::run(Io);
  std::string Text;
  asio::co_spawn(Io, work(Text), detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: task 'work' started by 'co_spawn' can outlive local 'Text', which its parameter 'Text' refers to [async-dangling-reference]
}

// A helper that steps the loop while it has work, reached through another
// helper, as a test's `run(ioc)` that logs each step; not one that runs a
// loop of its own.
std::size_t runSteps(asio::io_context &Io) {
  std::size_t Steps = 0;
  for (; Io.run_one(); ++Steps)
    ;
  return Steps;
}
std::size_t runLogged(asio::io_context &Io) { return runSteps(Io); }
void runScratch() {
  asio::io_context Scratch;
  Scratch.run();
}

void runByAHelperOfAHelper() {
  asio::io_context Io;
  std::string Text;
  asio::co_spawn(Io, work(Text), detached);
  runLogged(Io);
}

void followedByARunOfAnotherLoop() {
  asio::io_context Io;
  std::string Text;
  asio::co_spawn(Io, work(Text), detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: task 'work' started by 'co_spawn' can outlive local 'Text', which its parameter 'Text' refers to [async-dangling-reference]
  runScratch();
}

// A promise the task sets as its last act, in its try block and in each
// handler, whose future the spawner waits for (a test of a connection pool
// that runs the loop on a thread); a handler that does not set it leaves
// the wait waiting for nothing.
awaitable<int> query(int &Db);

int settledEitherWay(int Fail) {
  asio::io_context Io;
  int Db = 0;
  std::promise<int> Result;
  asio::co_spawn(
      Io,
      [&]() -> awaitable<void> {
        try {
          Result.set_value(co_await query(Db));
        } catch (const std::exception &) {
          Result.set_value(Fail);
        }
      },
      detached);
  std::jthread Runner([&Io] { Io.run(); });
  return Result.get_future().get();
}

int settledOnlyOnSuccess() {
  asio::io_context Io;
  int Db = 0;
  std::promise<int> Result;
  asio::co_spawn(
      Io,
      [&]() -> awaitable<void> {
        try {
          Result.set_value(co_await query(Db));
        } catch (const std::exception &) {
        }
      },
      detached);
  // CHECK-MESSAGES: :[[@LINE-7]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Db', which it captures by reference [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-8]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Result', which it captures by reference [async-dangling-reference]
  std::jthread Runner([&Io] { Io.run(); });
  return Result.get_future().get();
}

// An object that runs its event loop to completion before it dies: its
// destructor runs it, or, for a Google Test fixture, TearDown() does (gtest
// calls it after the test body, before it destroys the fixture), itself, in a
// member function it calls, or by joining the thread that runs it.
namespace testing {
class Test {
public:
  virtual ~Test();

protected:
  virtual void SetUp();
  virtual void TearDown();
};
} // namespace testing

class LoopFixture : public testing::Test {
protected:
  void TearDown() override { drain(); }
  void drain() { Io.run(); }
  asio::io_context Io;
  std::string Text;
};

class SpawnsInTestBody : public LoopFixture {
  void TestBody() { asio::co_spawn(Io, work(Text), detached); }
  // CHECK-MESSAGES-NOLOOPS: :[[@LINE-1]]:40: warning: task 'work' started by 'co_spawn' can outlive '*this': nothing keeps the 'SpawnsInTestBody' it refers to alive until the task completes [async-dangling-reference]
};

class ThreadFixture : public testing::Test {
protected:
  void SetUp() override { Runner = std::thread([this] { Io.run(); }); }
  void TearDown() override { Runner.join(); }
  asio::io_context Io;
  std::thread Runner;
  std::string Text;
  void TestBody() { asio::co_spawn(Io, work(Text), detached); }
  // CHECK-MESSAGES-NOLOOPS: :[[@LINE-1]]:40: warning: task 'work' started by 'co_spawn' can outlive '*this': nothing keeps the 'ThreadFixture' it refers to alive until the task completes [async-dangling-reference]
};

// The thread runs the loop through a helper; TearDown joins it.
class HelperThreadFixture : public testing::Test {
protected:
  void SetUp() override { Runner = std::thread([this] { runLogged(Io); }); }
  void TearDown() override { shutdown(); }
  void shutdown() { Runner.join(); }
  asio::io_context Io;
  std::thread Runner;
  std::string Text;
  void TestBody() { asio::co_spawn(Io, work(Text), detached); }
};

class RunsInDestructor {
public:
  ~RunsInDestructor() { Io.run(); }
  void start() { asio::co_spawn(Io, work(Text), detached); }
  // CHECK-MESSAGES-NOLOOPS: :[[@LINE-1]]:37: warning: task 'work' started by 'co_spawn' can outlive '*this': nothing keeps the 'RunsInDestructor' it refers to alive until the task completes [async-dangling-reference]

private:
  asio::io_context Io;
  std::string Text;
};

class TearsDownNothing : public testing::Test {
protected:
  void TearDown() override {}
  asio::io_context Io;
  std::string Text;
  void TestBody() {
    asio::co_spawn(Io, work(Text), detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: task 'work' started by 'co_spawn' can outlive '*this': nothing keeps the 'TearsDownNothing' it refers to alive until the task completes [async-dangling-reference]
  }
};

// Not a test: nothing calls its TearDown before it dies.
class NotATest {
public:
  void TearDown() { Io.run(); }
  void start() {
    asio::co_spawn(Io, work(Text), detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: task 'work' started by 'co_spawn' can outlive '*this': nothing keeps the 'NotATest' it refers to alive until the task completes [async-dangling-reference]
  }

private:
  asio::io_context Io;
  std::string Text;
};

// The loops of a pool member, run by a thread the destructor joins: the
// pool's run() starts a thread per loop and joins them all (rest_rpc's
// io_context_pool, run by the server's thread, joined by ~rpc_server()
// through stop()), also in lambdas run through std::call_once. A pool
// whose run() detaches its threads runs nothing to completion.
class ContextPool {
public:
  void run() {
    std::vector<std::thread> Threads;
    for (auto &Context : Contexts)
      Threads.emplace_back([&Context] { Context.run(); });
    for (auto &T : Threads)
      T.join();
  }
  void runOnce() {
    std::call_once(Started, [this] {
      std::vector<std::thread> Threads;
      for (auto &Context : Contexts)
        Threads.emplace_back([&Context] { Context.run(); });
      for (auto &T : Threads)
        T.join();
    });
  }
  void runDetached() {
    for (auto &Context : Contexts)
      std::thread([&Context] { Context.run(); }).detach();
  }
  asio::io_context &next() { return Contexts.front(); }

private:
  std::vector<asio::io_context> Contexts;
  std::once_flag Started;
};

class PooledServer {
public:
  ~PooledServer() { stop(); }
  void start() {
    Runner = std::thread([this] { Pool.run(); });
    asio::co_spawn(Pool.next(), work(Text), detached);
    // CHECK-MESSAGES-NOLOOPS: :[[@LINE-1]]:33: warning: task 'work' started by 'co_spawn' can outlive '*this': nothing keeps the 'PooledServer' it refers to alive until the task completes [async-dangling-reference]
  }
  void stop() {
    if (Runner.joinable())
      Runner.join();
  }

private:
  ContextPool Pool;
  std::thread Runner;
  std::string Text;
};

class OncePoolServer {
public:
  ~OncePoolServer() { Runner.join(); }
  void start() {
    std::call_once(Started,
                   [this] { Runner = std::thread([this] { Pool.runOnce(); }); });
    asio::co_spawn(Pool.next(), work(Text), detached);
    // CHECK-MESSAGES-NOLOOPS: :[[@LINE-1]]:33: warning: task 'work' started by 'co_spawn' can outlive '*this': nothing keeps the 'OncePoolServer' it refers to alive until the task completes [async-dangling-reference]
  }

private:
  ContextPool Pool;
  std::thread Runner;
  std::once_flag Started;
  std::string Text;
};

class DetachedPoolServer {
public:
  ~DetachedPoolServer() { stop(); }
  void start() {
    Runner = std::thread([this] { Pool.runDetached(); });
    asio::co_spawn(Pool.next(), work(Text), detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: task 'work' started by 'co_spawn' can outlive '*this': nothing keeps the 'DetachedPoolServer' it refers to alive until the task completes [async-dangling-reference]
  }
  void stop() {
    if (Runner.joinable())
      Runner.join();
  }

private:
  ContextPool Pool;
  std::thread Runner;
  std::string Text;
};
