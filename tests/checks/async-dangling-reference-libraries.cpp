// Other libraries' async scopes own and join what is spawned on them: a
// local outlives a task the scope joins before the local's scope ends, and
// an object outlives a task spawned on a scope it owns.
// RUN: %check_tidy %s async-dangling-reference %t -- -- -I %S/Inputs

#include "cppcoro_async_scope.h"
#include <memory>
#include <string>
#include <vector>

cppcoro::task<> handle(const std::string &Request);

cppcoro::task<> joined() {
  cppcoro::async_scope Scope;
  std::string Request = "x";
  Scope.spawn(handle(Request));
  co_await Scope.join();
}

cppcoro::task<> notJoined(cppcoro::async_scope &Scope) {
  std::string Request = "x";
  Scope.spawn(handle(Request));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: task 'handle' started by 'spawn' can outlive local 'Request', which its parameter 'Request' refers to [async-dangling-reference]
  co_return;
}

class Server {
public:
  void start() { Scope.spawn(serve()); }
  void startElsewhere(cppcoro::async_scope &Other) { Other.spawn(serve()); }
  // CHECK-MESSAGES: :[[@LINE-1]]:66: warning: task 'serve' started by 'spawn' can outlive '*this': nothing keeps the 'Server' it refers to alive until the task completes [async-dangling-reference]

private:
  cppcoro::task<> serve();
  cppcoro::async_scope Scope;
};

// Tasks kept in a container and waited for synchronously in the scope; the
// closure of a lambda without captures holds nothing the task uses.
namespace lib {
template <typename Tasks> void sync_wait(Tasks &&) {}
// stdexec's and libunifex's sync_wait: a customization point object.
struct sync_wait_t {
  template <typename Task> void operator()(Task &&) const {}
};
inline constexpr sync_wait_t cpo_sync_wait{};
template <typename T> struct generator {
  struct promise_type {
    generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T) noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  int *begin() { return nullptr; }
  int *end() { return nullptr; }
};
} // namespace lib

lib::generator<int> count(const int &Limit);
cppcoro::task<> handleCount(int &Counter);
void keep(cppcoro::task<> Task);

void waitedFor() {
  int Limit = 3;
  std::vector<cppcoro::task<>> Tasks;
  auto Make = [](const int &N) -> cppcoro::task<> { co_return; };
  Tasks.push_back(Make(Limit));
  lib::sync_wait(std::move(Tasks));
  // A generator runs while its holder iterates it.
  for (int Value : count(Limit))
    (void)Value;
  auto Values = count(Limit);
}

// libunifex's tests: a fixture's scope, joined at the end of each test.
namespace scoped {
struct async_scope {
  template <typename Scheduler, typename Task>
  void detached_spawn_on(Scheduler, Task &&) {}
  int complete();
  int spawn_call_on(int);
};
template <typename Sender> void sync_wait(Sender &&) {}
} // namespace scoped

struct Fixture {
  scoped::async_scope Scope;
  cppcoro::task<> call(bool &Completed);
  void joined() {
    bool Called = false;
    Scope.detached_spawn_on(0, call(Called));
    scoped::sync_wait(Scope.complete());
  }
  void waitsForAnotherTask() {
    bool Called = false;
    Scope.detached_spawn_on(0, call(Called));
    // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: warning: task 'call' started by 'detached_spawn_on' can outlive local 'Called', which its parameter 'Completed' refers to
    scoped::sync_wait(Scope.spawn_call_on(0));
  }
};

// A local scope dies before the locals declared ahead of it, and cancels or
// joins what it still runs (corral's UnsafeNursery).
cppcoro::task<> scopedLocals(cppcoro::async_scope &Outer) {
  int Before = 0;
  cppcoro::async_scope Scope;
  Scope.spawn(handleCount(Before));
  int After = 0;
  Scope.spawn(handleCount(After));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: task 'handleCount' started by 'spawn' can outlive local 'After'
  Outer.spawn(handleCount(Before));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: task 'handleCount' started by 'spawn' can outlive local 'Before'
  // Owned through a pointer declared after it: the scope goes first.
  auto Owned = std::make_unique<cppcoro::async_scope>();
  Owned->spawn(handleCount(Before));
  co_return;
}

// corral's nursery, owned by a local declared after what it refers to.
namespace corral {
template <typename Policy> struct BasicNursery {
  template <typename Callable> void start(Callable) {}
};
template <typename Policy>
struct BasicUnsafeNursery : public BasicNursery<Policy> {};
using UnsafeNursery = BasicUnsafeNursery<int>;
} // namespace corral

cppcoro::task<> nurseries() {
  int Event = 0;
  corral::UnsafeNursery Nursery;
  Nursery.start([&]() -> cppcoro::task<> {
    ++Event;
    co_return;
  });
  int Late = 0;
  Nursery.start([&]() -> cppcoro::task<> {
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: coroutine lambda started by 'start' can outlive local 'Late', which it captures by reference
    ++Late;
    co_return;
  });
  co_return;
}

// Destroyed before the object dies: corral's unsafe-nursery-sync-close test.
void resetScope() {
  auto Scope = std::make_unique<cppcoro::async_scope>();
  int Count = 0;
  Scope->spawn(handleCount(Count));
  Scope.reset();
}

void ownedScope() {
  auto Scope = std::make_unique<cppcoro::async_scope>();
  int Count = 0;
  Scope->spawn(handleCount(Count));
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: task 'handleCount' started by 'spawn' can outlive local 'Count'
  auto Later = std::make_unique<cppcoro::async_scope>();
  Later->spawn(handleCount(Count));
}

void waitedForByAnObject() {
  int Counter = 42;
  auto Task = handleCount(Counter);
  lib::cpo_sync_wait(std::move(Task));
}

void storedNotWaited() {
  int Counter = 42;
  auto Task = handleCount(Counter);
  lib::cpo_sync_wait(Counter);
  keep(std::move(Task));
  // CHECK-MESSAGES: :[[@LINE-3]]:15: warning: task 'handleCount' stored in 'Task' can outlive local 'Counter'
}

void notWaitedFor(std::vector<cppcoro::task<>> &Tasks) {
  int Limit = 3;
  int Base = 1;
  auto Make = [](const int &N) -> cppcoro::task<> { co_return; };
  Tasks.push_back(Make(Limit));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: task of the coroutine lambda stored in 'Tasks' can outlive local 'Limit', which its parameter 'N' refers to [async-dangling-reference]
  auto Capturing = [&Base]() -> cppcoro::task<> { co_return; };
  Tasks.push_back(Capturing());
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: task of the coroutine lambda stored in 'Tasks' can outlive local 'Capturing', the object it runs on [async-dangling-reference]
}

// Tasks assigned to the elements of a local container, then run and awaited
// all together through a call given the container (TooManyCooks'
// `co_await spawn_many(tasks.data(), n)`, or a handle of it awaited later):
// joined. Given to nothing that is awaited: reported, holder named.
struct Group {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  void await_resume();
  Group fork();
};
Group spawnMany(cppcoro::task<> *Tasks, std::size_t N);
void runLater(cppcoro::task<> *Tasks, std::size_t N);

cppcoro::task<> elementsAwaited() {
  std::vector<cppcoro::task<>> Tasks(4);
  int Counter = 0;
  for (std::size_t I = 0; I < Tasks.size(); ++I)
    Tasks[I] = handleCount(Counter);
  co_await spawnMany(Tasks.data(), Tasks.size());
}

cppcoro::task<> elementsForkedThenAwaited() {
  std::vector<cppcoro::task<>> Tasks(2);
  int Counter = 0;
  Tasks.at(0) = handleCount(Counter);
  Tasks.back() = handleCount(Counter);
  auto Forked = spawnMany(Tasks.data(), Tasks.size()).fork();
  co_await std::move(Forked);
}

void elementsNotJoined() {
  cppcoro::task<> Tasks[2];
  int Counter = 0;
  Tasks[0] = handleCount(Counter);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: task 'handleCount' stored in 'Tasks' can outlive local 'Counter', which its parameter 'Counter' refers to [async-dangling-reference]
  runLater(Tasks, 1);
}
