// A member that spawns on `*this`, of a class whose every object lives in a
// local of a function (itself, or in a local standard container) that runs
// the event loop to completion after its last use of the local: each object
// outlives the tasks (asio-async-model-perftest's sessions, kept in a local
// list and run by threads that are joined). An object made anywhere else (a
// temporary, make_shared, a local of an inner block), or a run before the
// last use, is reported as ever; so is every object when no run is known
// (LoopJoinFunctions empty).
// RUN: %check_tidy %s async-dangling-reference %t -- -- %asio_flags
// RUN: %check_tidy -check-suffixes=,NOLOOPS %s async-dangling-reference %t -- \
// RUN:   -config="{CheckOptions: {async-dangling-reference.LoopJoinFunctions: ''}}" \
// RUN:   -- %asio_flags

#include <asio.hpp>
#include <forward_list>
#include <memory>
#include <thread>
#include <vector>

using asio::awaitable;

void runOnThreads(asio::io_context &Io, int Threads) {
  std::vector<std::thread> Workers;
  for (int I = 0; I < Threads; ++I)
    Workers.emplace_back([&Io] { Io.run(); });
  for (auto &Worker : Workers)
    Worker.join();
}

namespace {
class Session {
public:
  explicit Session(asio::io_context &Io) : Io(Io) {}
  awaitable<void> start() {
    ++Steps;
    co_return;
  }
  void go() {
    asio::co_spawn(Io, [this] { return start(); }, asio::detached);
    // CHECK-MESSAGES-NOLOOPS: :[[@LINE-1]]:24: warning: coroutine lambda started by 'co_spawn' can outlive '*this': nothing keeps the 'Session' it refers to alive until the task completes [async-dangling-reference]
    // CHECK-MESSAGES-NOLOOPS: :[[@LINE-2]]:24: note: 'Session' does not derive from 'std::enable_shared_from_this': keep the object alive for the task (a 'std::shared_ptr' to it in the task), or spawn the task on a task group that the object owns and joins
  }

private:
  asio::io_context &Io;
  int Steps = 0;
};
} // namespace

void runSessions(int Count) {
  asio::io_context Io;
  std::forward_list<Session> Sessions;
  for (int I = 0; I < Count; ++I) {
    Sessions.emplace_front(Io);
    Sessions.front().go();
  }
  runOnThreads(Io, 2);
}

void runOne() {
  asio::io_context Io;
  Session One(Io);
  One.go();
  Io.run();
}

// One of its objects is a temporary, gone before the run.
class Pinger {
public:
  explicit Pinger(asio::io_context &Io) : Io(Io) {}
  awaitable<void> ping() { co_return; }
  void go() {
    asio::co_spawn(Io, [this] { return ping(); }, asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: coroutine lambda started by 'co_spawn' can outlive '*this': nothing keeps the 'Pinger' it refers to alive until the task completes [async-dangling-reference]
    // CHECK-MESSAGES: :[[@LINE-2]]:24: note: 'Pinger' does not derive from 'std::enable_shared_from_this': keep the object alive for the task (a 'std::shared_ptr' to it in the task), or spawn the task on a task group that the object owns and joins
  }

private:
  asio::io_context &Io;
};

void pingAll() {
  asio::io_context Io;
  Pinger Kept(Io);
  Kept.go();
  Pinger(Io).go();
  Io.run();
}

// Made by make_shared: kept anywhere.
class Feeder {
public:
  explicit Feeder(asio::io_context &Io) : Io(Io) {}
  awaitable<void> feed() { co_return; }
  void go() {
    asio::co_spawn(Io, [this] { return feed(); }, asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: coroutine lambda started by 'co_spawn' can outlive '*this': nothing keeps the 'Feeder' it refers to alive until the task completes [async-dangling-reference]
    // CHECK-MESSAGES: :[[@LINE-2]]:24: note: 'Feeder' does not derive from 'std::enable_shared_from_this': keep the object alive for the task (a 'std::shared_ptr' to it in the task), or spawn the task on a task group that the object owns and joins
  }

private:
  asio::io_context &Io;
};

void feedAll() {
  asio::io_context Io;
  Feeder Local(Io);
  Local.go();
  auto Shared = std::make_shared<Feeder>(Io);
  Shared->go();
  Io.run();
}

// The run comes before the last use; the object dies with an inner block
// before the run.
class LatePoller {
public:
  explicit LatePoller(asio::io_context &Io) : Io(Io) {}
  awaitable<void> poll() { co_return; }
  void go() {
    asio::co_spawn(Io, [this] { return poll(); }, asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: coroutine lambda started by 'co_spawn' can outlive '*this': nothing keeps the 'LatePoller' it refers to alive until the task completes [async-dangling-reference]
    // CHECK-MESSAGES: :[[@LINE-2]]:24: note: 'LatePoller' does not derive from 'std::enable_shared_from_this': keep the object alive for the task (a 'std::shared_ptr' to it in the task), or spawn the task on a task group that the object owns and joins
  }

private:
  asio::io_context &Io;
};

void pollLate() {
  asio::io_context Io;
  LatePoller Late(Io);
  Io.run();
  Late.go();
}

class BlockPoller {
public:
  explicit BlockPoller(asio::io_context &Io) : Io(Io) {}
  awaitable<void> poll() { co_return; }
  void go() {
    asio::co_spawn(Io, [this] { return poll(); }, asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: coroutine lambda started by 'co_spawn' can outlive '*this': nothing keeps the 'BlockPoller' it refers to alive until the task completes [async-dangling-reference]
    // CHECK-MESSAGES: :[[@LINE-2]]:24: note: 'BlockPoller' does not derive from 'std::enable_shared_from_this': keep the object alive for the task (a 'std::shared_ptr' to it in the task), or spawn the task on a task group that the object owns and joins
  }

private:
  asio::io_context &Io;
};

void pollInBlocks(int Count) {
  asio::io_context Io;
  for (int I = 0; I < Count; ++I) {
    BlockPoller Each(Io);
    Each.go();
  }
  Io.run();
}
