// A pool filling or feeding the slots of its own containers, one per worker
// it was made with: a thread assigned to each slot of its vector of threads,
// a stop marker pushed into each of its per-worker queues.
// RUN: %check_tidy %s async-unbounded-task-creation %t -- -- -I %S/Inputs

#include "coro_lib.h"
#include <cstddef>
#include <functional>
#include <thread>
#include <utility>
#include <vector>

struct queue {
  void push(int);
};

lib::eager_task pushStop(queue &Q);

// kelcoro's thread_pool: its containers are sized when it is made, and
// nothing but its constructor writes them.
class Pool {
  std::vector<queue> Queues;
  std::vector<std::thread> Threads;
  void work(queue &);

public:
  explicit Pool(std::size_t N = std::thread::hardware_concurrency())
      : Queues(N), Threads(N) {
    for (std::size_t I = 0; I < Threads.size(); I++)
      Threads[I] = std::thread(&Pool::work, this, std::ref(Queues[I]));
  }
  ~Pool() {
    for (auto &T : Threads)
      T.join();
  }
  void requestStop() {
    for (auto &Q : Queues)
      pushStop(Q);
    for (std::size_t I = 0; I != Queues.size(); ++I)
      pushStop(Queues[I]);
  }
  // One per slot, but not given the slot: a task per worker that serves
  // nothing of it.
  void broadcast() {
    for (auto &Q : Queues)
      pushStop(Queues.front());
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'pushStop' starts an eager task in every iteration of the range-for loop over 'Queues' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  }
  // The loop runs over the pool's slots, but the threads go elsewhere.
  void spare(std::vector<std::thread> &Out) {
    for (std::size_t I = 0; I < Threads.size(); I++)
      Out.push_back(std::thread(&Pool::work, this, std::ref(Queues[I])));
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'std::thread' starts a thread in every iteration of the 'for' loop on 'I < Threads.size()' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  }
};

// Its queues grow after it was made: as many as were added, not as many as
// it has workers.
class GrowingPool {
  std::vector<queue> Queues;
  std::vector<std::thread> Threads;

public:
  void addQueue() { Queues.emplace_back(); }
  void requestStop() {
    for (auto &Q : Queues)
      pushStop(Q);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'pushStop' starts an eager task in every iteration of the range-for loop over 'Queues' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  }
};

// Its queues are public: anyone may add one.
struct OpenPool {
  std::vector<queue> Queues;
  std::vector<std::thread> Threads;
  void requestStop() {
    for (auto &Q : Queues)
      pushStop(Q);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'pushStop' starts an eager task in every iteration of the range-for loop over 'Queues' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  }
};

// Not a pool (it keeps no threads): its targets came with it from input, one
// task per target.
class Fanout {
  std::vector<queue> Targets;

public:
  explicit Fanout(std::vector<queue> T) : Targets(std::move(T)) {}
  void notifyAll() {
    for (auto &Q : Targets)
      pushStop(Q);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'pushStop' starts an eager task in every iteration of the range-for loop over 'Targets' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  }
};
