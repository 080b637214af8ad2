// A call in a loop of a function that starts a task each time it runs is a
// spawn per item too: the spawn is in the function's body (or further down
// its calls), outside any condition or loop of its own.
// RUN: %check_tidy %s async-unbounded-task-creation %t -- -- -I %runtime_include %asio_flags

#include <future>
#include <semaphore>
#include <string>
#include <tether/semaphore.hpp>
#include <tether/asio.hpp>
#include <thread>
#include <vector>

namespace net = tether::net;
using tether::task;
using tcp = net::ip::tcp;

task<void> handle(std::string Item);
void work(std::string Item);

void submit(net::io_context &Io, std::string Item) {
  net::co_spawn(Io, handle(std::move(Item)), net::detached);
}

void submitAll(net::io_context &Io, const std::vector<std::string> &Items) {
  for (const std::string &Item : Items)
    submit(Io, Item);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'submit' starts a task in every iteration of the range-for loop over 'Items' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  // CHECK-NOTES: :[[@LINE-7]]:3: note: 'submit' calls 'co_spawn' here
  // CHECK-NOTES: :[[@LINE-3]]:5: note: acquire a 'std::counting_semaphore' here and release it when the task ends: a semaphore of 16 lets 16 run at once
}

// Two calls down, and an early return that guards the spawn.
struct Jobs {
  net::io_context &Io;
  bool Stopped = false;

  void enqueue(std::string Item) {
    if (Stopped)
      return;
    start(std::move(Item));
  }
  void start(std::string Item) {
    std::string Copy = Item;
    net::co_spawn(Io, handle(std::move(Copy)),
                  [](std::exception_ptr) { /* logged elsewhere */ });
  }
};

task<void> acceptLoop(tcp::acceptor &Acceptor, Jobs &J) {
  for (;;) {
    tcp::socket Socket = co_await Acceptor.async_accept(net::use_awaitable);
    J.enqueue("client");
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'enqueue' starts a task in every iteration of the endless 'for' loop and nothing bounds how many run at once; use 'tether::for_each_bounded' or acquire a semaphore permit before the spawn [async-unbounded-task-creation]
    // CHECK-NOTES: :[[@LINE-14]]:5: note: 'enqueue' calls 'start' here
    // CHECK-NOTES: :[[@LINE-11]]:5: note: 'start' calls 'co_spawn' here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: acquire a 'tether::semaphore' permit here and keep it in the task until the task ends: a semaphore of 16 permits lets 16 tasks run at once
  }
}

// A thread detached in the function's body.
void runDetached(std::string Item) { std::thread(work, std::move(Item)).detach(); }

void detachAll(const std::vector<std::string> &Items) {
  for (const std::string &Item : Items)
    runDetached(Item);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'runDetached' starts a thread in every iteration of the range-for loop over 'Items' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  // CHECK-NOTES: :[[@LINE-6]]:38: note: 'runDetached' calls 'std::thread' here
  // CHECK-NOTES: :[[@LINE-3]]:5: note: acquire a 'std::counting_semaphore' here and release it when the thread ends: a semaphore of 16 lets 16 run at once
}

// Not a spawn per item.

// The spawn is under a condition: it may run once in all.
void startOnce(net::io_context &Io, bool &Started) {
  if (!Started) {
    Started = true;
    net::co_spawn(Io, handle("worker"), net::detached);
  }
}

// A limiter in the body bounds what it starts.
std::counting_semaphore<16> Slots(16);
void submitBounded(net::io_context &Io, std::string Item) {
  Slots.acquire();
  net::co_spawn(Io, handle(std::move(Item)),
                [](std::exception_ptr) { Slots.release(); });
}

// What it starts is handed back, and waited for.
std::future<void> submitWaited(net::io_context &Io, std::string Item) {
  return net::co_spawn(Io, handle(std::move(Item)), net::use_future);
}

// Not followed: a virtual call, and recursion that spawns nothing.
struct Sink {
  virtual void put(std::string Item) { submit(*Io, std::move(Item)); }
  net::io_context *Io;
};
void even(int N);
void odd(int N) { even(N - 1); }
void even(int N) { odd(N - 1); }

// Too deep: five bodies from the loop to the spawn.
void depth5(net::io_context &Io) { submit(Io, "x"); }
void depth4(net::io_context &Io) { depth5(Io); }
void depth3(net::io_context &Io) { depth4(Io); }
void depth2(net::io_context &Io) { depth3(Io); }
void depth1(net::io_context &Io) { depth2(Io); }

// A call through a pointer to member names no method.
struct Handler {
  void onItem(std::string Item);
};
void dispatch(Handler &H, void (Handler::*On)(std::string), std::string Item) {
  (H.*On)(std::move(Item));
}

// Out of view, in a file linted alone: nothing is known.
void submitElsewhere(net::io_context &Io, std::string Item);

// A coroutine's spawns are judged where it is awaited.
task<void> submitLater(net::io_context &Io, std::string Item) {
  net::co_spawn(Io, handle(std::move(Item)), net::detached);
  co_return;
}

task<void> notSpawns(net::io_context &Io, const std::vector<std::string> &Items,
                     Sink &S, tether::semaphore &Limit) {
  bool Started = false;
  for (const std::string &Item : Items) {
    startOnce(Io, Started);
    submitBounded(Io, Item);
    submitWaited(Io, Item).get();
    S.put(Item);
    even(3);
    depth1(Io);
    submitElsewhere(Io, Item);
    co_await submitLater(Io, Item);
    Handler H;
    dispatch(H, &Handler::onItem, Item);
    (H.*(&Handler::onItem))(Item);
  }
  for (const std::string &Item : Items) {
    auto Permit = co_await Limit.acquire();
    submit(Io, Item);
  }
  for (int I = 0; I < 3; ++I)
    submit(Io, "constant");
  // Kept, not dropped: the future is the caller's to wait for.
  std::vector<std::future<void>> Pending;
  for (const std::string &Item : Items)
    Pending.push_back(submitWaited(Io, Item));
}
