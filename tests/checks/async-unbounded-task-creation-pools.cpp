// What bounds a loop of spawns besides a semaphore: a pool starting its
// fixed set of workers when it is made, a loop bounded by the concurrency of
// a pool or of the machine; and calls returning an eager task that start no
// work.
// RUN: %check_tidy %s async-unbounded-task-creation %t -- -- -I %S/Inputs

#include "coro_lib.h"
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

void work(int);

// async_simple's util/ThreadPool.h: the constructor starts the workers,
// the destructor joins them.
class ThreadPool {
public:
  explicit ThreadPool(int ThreadNum) {
    for (auto I = 0; I < ThreadNum; ++I)
      Threads.emplace_back(&ThreadPool::worker, this, I);
  }
  ~ThreadPool() {
    for (std::thread &T : Threads)
      T.join();
  }
  // A worker per request is no fixed set, in a member function of the pool
  // too.
  void grow(const std::vector<int> &Requests) {
    for (int Request : Requests)
      Threads.emplace_back(&ThreadPool::worker, this, Request);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_back' starts a thread in every iteration of the range-for loop over 'Requests' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  }

private:
  void worker(int);
  std::vector<std::thread> Threads;
};

// libcoro's thread_pool::make_unique: a static factory starts the workers
// of the pool it made.
class thread_pool {
public:
  struct options {
    std::uint32_t thread_count = 1;
  };
  static std::unique_ptr<thread_pool> make_unique(options Opts) {
    auto Tp = std::make_unique<thread_pool>();
    Tp->Opts = Opts;
    for (std::uint32_t I = 0; I < Tp->Opts.thread_count; ++I)
      Tp->Threads.emplace_back([Tp = Tp.get(), I] { Tp->executor(I); });
    return Tp;
  }
  void executor(std::uint32_t);

private:
  options Opts;
  std::vector<std::thread> Threads;
};

// corral's ThreadPool: the workers are kept by the pool's private
// implementation.
class ImplPool {
  struct Data {
    std::vector<std::thread> Threads;
  };
  std::unique_ptr<Data> D;
  Data *Raw;

public:
  explicit ImplPool(unsigned Count) : D(new Data), Raw(D.get()) {
    for (unsigned I = 0; I < Count; ++I)
      D->Threads.emplace_back(work, I);
    for (unsigned I = 0; I < Count; ++I)
      Raw->Threads.emplace_back(work, I);
  }
  // A local implementation is not the pool's.
  ImplPool(unsigned Count, Data *Other) {
    for (unsigned I = 0; I < Count; ++I)
      Other->Threads.emplace_back(work, I);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < Count' and nothing bounds how many run at once
  }
};

// A constructor filling a container that is not its own.
struct Launcher {
  Launcher(std::vector<std::thread> &Out, int Count) {
    for (int I = 0; I < Count; ++I)
      Out.emplace_back(work, I);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < Count' and nothing bounds how many run at once
  }
};

// cinatra's multithread_context_pool: run() starts as many workers as the
// size the pool was made with, into the pool's own container.
class SizedPool {
public:
  explicit SizedPool(unsigned Size) : Size(Size) {}
  void run() {
    for (unsigned I = 0; I < Size; ++I)
      Threads.emplace_back(work, I);
  }
  ~SizedPool() {
    for (std::thread &T : Threads)
      T.join();
  }

private:
  unsigned Size;
  std::vector<std::thread> Threads;
};

// The same with a size that another member changes: each run() may start
// more.
class GrowingPool {
public:
  void grow(unsigned More) { Size += More; }
  void run() {
    for (unsigned I = 0; I < Size; ++I)
      Threads.emplace_back(work, I);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < Size' and nothing bounds how many run at once
  }

private:
  unsigned Size = 1;
  std::vector<std::thread> Threads;
};

// A size fixed at construction bounds the pool's workers, not threads kept
// elsewhere.
struct Spreader {
  explicit Spreader(unsigned Size) : Size(Size) {}
  void run(std::vector<std::thread> &Out) {
    for (unsigned I = 0; I < Size; ++I)
      Out.emplace_back(work, I);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < Size' and nothing bounds how many run at once
  }
  unsigned Size;
};

// concurrencpp's example 2: one chunk per worker of a fixed-size pool.
namespace concurrencpp {
struct thread_pool_executor {
  int max_concurrency_level() const noexcept;
  lib::eager_task submit(std::function<void()>);
};
} // namespace concurrencpp

void chunks(concurrencpp::thread_pool_executor &Tpe,
            const std::vector<int> &Items) {
  std::vector<lib::eager_task> Running;
  const auto ConcurrencyLevel = Tpe.max_concurrency_level();
  for (auto I = 0; I < ConcurrencyLevel; I++)
    Running.emplace_back(Tpe.submit([I] { work(I); }));
  for (unsigned I = 0; I < std::thread::hardware_concurrency() / 2; ++I)
    Running.emplace_back(Tpe.submit([I] { work(I); }));
  for (int Item : Items)
    Running.emplace_back(Tpe.submit([Item] { work(Item); }));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'submit' starts an eager task in every iteration of the range-for loop over 'Items'
  // Bounded per pool, but once per item of the input.
  for (int Item : Items)
    for (auto I = 0; I < ConcurrencyLevel; I++)
      Running.emplace_back(Tpe.submit([Item] { work(Item); }));
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'submit' starts an eager task in every iteration of the range-for loop over 'Items'
}

// A count of threads the program was configured with (cinatra's press_tool:
// `i < conf.threads_num`), by the name of the variable or member it reads.
struct PressConfig {
  int threads_num;
  int connections;
  int get_co_thread_num() const;
  int open_connections() const;
};
void press(const PressConfig &Conf, int NumWorkers) {
  std::vector<std::thread> Threads;
  for (int I = 0; I < Conf.threads_num; ++I)
    Threads.emplace_back(work, I);
  const int Workers = NumWorkers;
  for (int I = 0; I < Workers; ++I)
    Threads.emplace_back(work, I);
  // The connections are not threads.
  for (int I = 0; I < Conf.connections; ++I)
    Threads.emplace_back(work, I);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < Conf.connections'
  // The counter's name is not the bound's.
  for (int Worker = 0; Worker < Conf.connections; ++Worker)
    Threads.emplace_back(work, Worker);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'Worker < Conf.connections'
  // A count read through a call named as one (paozhu's
  // `sysconfigpath.get_co_thread_num()`), in the bound's initializer.
  const int Total = Conf.get_co_thread_num();
  for (int I = 0; I < Total; ++I)
    Threads.emplace_back(work, I);
  const int Open = Conf.open_connections();
  for (int I = 0; I < Open; ++I)
    Threads.emplace_back(work, I);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < Open'
  for (std::thread &T : Threads)
    T.join();
}

// A count assigned just before the loop (paozhu's `run()`: `total_count =
// sysconfigpath.get_co_thread_num();`, then raised to a floor), to a member,
// atomic or not, or a local declared earlier. A change in between that is
// no floor, or an assignment from the input, is no such bound.
struct Server {
  PressConfig Conf;
  std::atomic_uint TotalCount = 0;
  std::vector<std::thread> RunThreads;
  void run(const std::vector<int> &Requests) {
    TotalCount = Conf.get_co_thread_num();
    if (TotalCount < std::thread::hardware_concurrency()) {
      TotalCount = std::thread::hardware_concurrency();
      TotalCount += 4;
    }
    if (TotalCount < 8)
      TotalCount = 8;
    for (std::size_t I = 0; I < TotalCount; ++I)
      RunThreads.emplace_back(work, 0);
    TotalCount = Conf.get_co_thread_num();
    if (TotalCount < Requests.size())
      TotalCount = Requests.size();
    for (std::size_t I = 0; I < TotalCount; ++I)
      RunThreads.emplace_back(work, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < TotalCount'
    TotalCount = 0;
    unsigned Count;
    Count = Conf.get_co_thread_num();
    for (unsigned I = 0; I < Count; ++I)
      std::thread(work, 0).detach();
    Count = Conf.get_co_thread_num();
    Count += Requests.size();
    for (unsigned I = 0; I < Count; ++I)
      std::thread(work, 0).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'std::thread' starts a thread in every iteration of the 'for' loop on 'I < Count'
    TotalCount = Requests.size();
    for (std::size_t I = 0; I < TotalCount; ++I)
      RunThreads.emplace_back(work, Requests[I]);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < TotalCount'
  }
  ~Server() {
    for (std::thread &T : RunThreads)
      T.join();
  }
};

// A vector reserved or made for the machine's concurrency: a loop up to its
// capacity or size starts that many threads (asio-coro's threaded echo
// server). A vector reserved for the requests is no such bound, nor one
// also resized for them.
void machineThreads(const std::vector<int> &Requests) {
  std::vector<std::jthread> Threads;
  Threads.reserve(std::thread::hardware_concurrency());
  for (std::size_t I = 0; I < Threads.capacity(); ++I)
    Threads.emplace_back(work, 0);
  std::vector<std::thread> Made(std::thread::hardware_concurrency());
  for (std::size_t I = 0; I < Made.size(); ++I)
    Made[I] = std::thread(work, 0);
  std::vector<std::jthread> PerRequest;
  PerRequest.reserve(Requests.size());
  for (std::size_t I = 0; I < PerRequest.capacity(); ++I)
    PerRequest.emplace_back(work, Requests[I]);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < PerRequest.capacity()'
  std::vector<std::jthread> Regrown;
  Regrown.reserve(std::thread::hardware_concurrency());
  Regrown.reserve(Requests.size());
  for (std::size_t I = 0; I < Regrown.capacity(); ++I)
    Regrown.emplace_back(work, Requests[I]);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < Regrown.capacity()'
  for (std::thread &T : Made)
    T.join();
}

// A local container made from a braced list and never changed has as many
// elements as the list: a loop over it, or up to its size, is a constant
// loop. One that grows, or that is handed on to be changed, is not.
void addTo(std::vector<int> &Items);
void fixedLists(const std::vector<int> &Requests) {
  std::vector<int> Ports = {80, 443, 8080};
  for (std::size_t I = 0; I < Ports.size(); ++I)
    std::thread(work, Ports[I]).detach();
  for (int Port : Ports)
    std::thread(work, Port).detach();
  std::vector<int> Grown = {1, 2};
  for (int Request : Requests)
    Grown.push_back(Request);
  for (std::size_t I = 0; I < Grown.size(); ++I)
    std::thread(work, Grown[I]).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::thread' starts a thread in every iteration of the 'for' loop on 'I < Grown.size()'
  std::vector<int> Given = {1, 2};
  addTo(Given);
  for (int Item : Given)
    std::thread(work, Item).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::thread' starts a thread in every iteration of the range-for loop over 'Given'
  std::vector<int> Aliased = {1, 2};
  std::vector<int> &Alias = Aliased;
  Alias.push_back(3);
  for (int Item : Aliased)
    std::thread(work, Item).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::thread' starts a thread in every iteration of the range-for loop over 'Aliased'
}

// One thread per event loop, the thread a member of each element beside its
// loop (asio-coro's context pool); a thread member of each request is one
// thread per request.
struct io_context {
  void run();
};
struct LoopThread {
  io_context Loop;
  std::thread Thread;
};
struct Job {
  int Input;
  std::thread Thread;
};
void loopThreads(std::vector<LoopThread> &Loops, std::vector<Job> &Jobs) {
  for (LoopThread &L : Loops)
    L.Thread = std::thread([&L] { L.Loop.run(); });
  for (Job &J : Jobs)
    J.Thread = std::thread(work, J.Input);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'std::thread' starts a thread in every iteration of the range-for loop over 'Jobs'
}

// concurrencpp's result_promise::get_result() hands out the result of work
// started elsewhere; a wrapper that returns a coroutine's task starts it.
struct result_promise {
  lib::eager_task get_result() { return lib::eager_task{}; }
};
lib::eager_task run(int) { co_return; }
lib::eager_task forward(int Id) { return run(Id); }
lib::eager_task kept(int Id) {
  auto Task = forward(Id);
  return Task;
}

void results(std::vector<result_promise> &Promises,
             const std::vector<int> &Ids) {
  std::vector<lib::eager_task> Results;
  for (result_promise &Promise : Promises)
    Results.emplace_back(Promise.get_result());
  for (int Id : Ids)
    Results.emplace_back(forward(Id));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'forward' starts an eager task in every iteration of the range-for loop over 'Ids'
  for (int Id : Ids)
    Results.emplace_back(kept(Id));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'kept' starts an eager task in every iteration of the range-for loop over 'Ids'
}

// concurrencpp's executor tests: a loop over a container of threads, sized
// beforehand, fills it. Its size is the bound.
void fill(std::vector<std::thread> &Threads, const std::vector<int> &Items) {
  for (std::thread &Thread : Threads)
    Thread = std::thread(work, 0);
  // A loop over the items is not over the threads.
  std::vector<std::thread> PerItem;
  for (int Item : Items)
    PerItem.push_back(std::thread(work, Item));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'std::thread' starts a thread in every iteration of the range-for loop over 'Items'
}

// concurrencpp's test_ready_result: the task is handed to a function that
// waits for it, within the iteration.
struct eager_result {
  struct promise_type {
    eager_result get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  void get();
};
eager_result compute(int) { co_return; }
void expectReady(eager_result Result) { Result.get(); }
void keep(eager_result Result);
void consumed(const std::vector<int> &Ids) {
  for (int Id : Ids)
    expectReady(compute(Id));
  for (int Id : Ids)
    keep(compute(Id));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'compute' starts an eager task in every iteration of the range-for loop over 'Ids'
}

// TooManyCooks' ex_cpu::init: a member other than the constructor starts one
// worker per slot of a local container sized from the pool's thread count,
// into the pool's own container.
template <class T> struct slots {
  T *Data;
  template <class... A> void emplace_at(unsigned I, A &&...Args);
};
class ConfiguredPool {
public:
  ConfiguredPool &set_thread_count(unsigned N) {
    Count = N;
    return *this;
  }
  unsigned thread_count() const { return Count; }
  void init() {
    std::vector<int> SlotData(Count);
    for (unsigned Slot = 0; Slot < SlotData.size(); ++Slot)
      Threads.emplace_at(Slot, work, Slot);
    std::vector<int> Resized;
    Resized.resize(thread_count());
    for (unsigned Slot = 0; Slot != Resized.size(); ++Slot)
      Threads.emplace_at(Slot, work, Slot);
    for (int &Data : Resized)
      Threads.emplace_at(0, work, Data);
  }
  // Slots sized from something else, or grown after, are not the pool's
  // configuration.
  void serve(const std::vector<int> &Requests) {
    std::vector<int> PerRequest(Requests.size());
    for (unsigned Slot = 0; Slot < PerRequest.size(); ++Slot)
      Threads.emplace_at(Slot, work, Slot);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_at' starts a thread in every iteration of the 'for' loop on 'Slot < PerRequest.size()' and nothing bounds how many run at once
    std::vector<int> Grown(Count);
    for (int Request : Requests)
      Grown.push_back(Request);
    for (unsigned Slot = 0; Slot < Grown.size(); ++Slot)
      Threads.emplace_at(Slot, work, Slot);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_at' starts a thread in every iteration of the 'for' loop on 'Slot < Grown.size()' and nothing bounds how many run at once
    std::vector<int> Pending(Backlog);
    for (unsigned Slot = 0; Slot < Pending.size(); ++Slot)
      Threads.emplace_at(Slot, work, Slot);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_at' starts a thread in every iteration of the 'for' loop on 'Slot < Pending.size()' and nothing bounds how many run at once
  }
  void enqueue() { ++Backlog; }

private:
  unsigned Count = 4;
  unsigned Backlog = 0;
  slots<std::thread> Threads;
};

// The same slots filled into threads kept elsewhere are not the pool's.
struct SlotSpreader {
  void init(std::vector<std::thread> &Out) {
    std::vector<int> SlotData(thread_count());
    for (unsigned Slot = 0; Slot < SlotData.size(); ++Slot)
      Out.emplace_back(work, Slot);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'Slot < SlotData.size()' and nothing bounds how many run at once
  }
  unsigned thread_count() const;
};

// async_mqtt's broker: threads per event loop, over the event loops the
// program made from its configuration.
namespace asio {
struct io_context {
  std::size_t run();
};
} // namespace asio
void run_loops(std::vector<std::shared_ptr<asio::io_context>> &Loops,
               std::vector<asio::io_context> &Owned, std::size_t ThreadsPerLoop,
               const std::vector<int> &Items) {
  std::vector<std::thread> Threads;
  for (auto &Loop : Loops)
    for (std::size_t I = 0; I != ThreadsPerLoop; ++I)
      Threads.emplace_back([&Loop] { Loop->run(); });
  for (asio::io_context &Loop : Owned)
    Threads.emplace_back([&Loop] { Loop.run(); });
  for (int Item : Items)
    Threads.emplace_back(work, Item);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'emplace_back' starts a thread in every iteration of the range-for loop over 'Items'
  for (std::thread &T : Threads)
    T.join();
}
