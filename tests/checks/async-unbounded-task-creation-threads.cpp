// Threads and std::async futures started per input item, outside coroutines.
// RUN: %check_tidy %s async-unbounded-task-creation %t

#include <future>
#include <iostream>
#include <map>
#include <semaphore>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

void work(int) {}

struct Pool {
  int Workers;
  std::vector<std::thread> Threads;

  void start() {
    for (int I = 0; I < Workers; ++I)
      Threads.emplace_back(work, I);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < Workers' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  }
};

void threads(const std::vector<int> &Items) {
  std::vector<std::thread> Threads;
  for (int Item : Items)
    Threads.push_back(std::thread(work, Item));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'std::thread' starts a thread in every iteration of the range-for loop over 'Items'
  for (int Item : Items)
    Threads.emplace_back([Item] { work(Item); });
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'emplace_back' starts a thread in every iteration of the range-for loop over 'Items'
  for (int Item : Items) {
    std::thread Worker(work, Item);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::thread' starts a thread in every iteration of the range-for loop over 'Items'
    Worker.detach();
  }
  for (int Item : Items)
    std::thread(work, Item).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::thread' starts a thread in every iteration
  std::vector<std::jthread> Joining;
  for (int Item : Items) {
    std::jthread Worker(work, Item);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'std::jthread' starts a thread in every iteration
    Joining.push_back(std::move(Worker));
  }

  // A thread joined in the loop, a std::jthread that joins at the end of
  // the iteration, a thread that moves an existing one: bounded.
  for (int Item : Items) {
    std::thread Worker(work, Item);
    Worker.join();
  }
  for (int Item : Items)
    std::jthread Worker(work, Item);
  std::thread Idle;
  for (int Item : Items) {
    std::thread Worker(work, Item);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::thread' starts a thread in every iteration
    Threads.emplace_back(std::move(Worker));
  }
  for (auto &T : Threads)
    T.join();
}

void futures(const std::map<std::string, int> &Jobs) {
  std::vector<std::future<void>> Pending;
  for (const auto &[Name, Job] : Jobs)
    Pending.push_back(std::async(std::launch::async, work, Job));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'std::async' starts a thread in every iteration of the range-for loop over 'Jobs'
  for (const auto &[Name, Job] : Jobs) {
    auto Result = std::async(work, Job);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'std::async' starts a thread in every iteration
    Pending.push_back(std::move(Result));
  }

  // The future's destructor or get() waits in the loop; a deferred call
  // runs when asked for.
  for (const auto &[Name, Job] : Jobs)
    std::async(std::launch::async, work, Job);
  for (const auto &[Name, Job] : Jobs) {
    auto Result = std::async(std::launch::async, work, Job);
    Result.get();
  }
  for (const auto &[Name, Job] : Jobs)
    std::async(std::launch::async, work, Job).wait();
  for (const auto &[Name, Job] : Jobs)
    Pending.push_back(std::async(std::launch::deferred, work, Job));
}

std::counting_semaphore<8> Slots(8);

void lines() {
  std::string Line;
  while (std::getline(std::cin, Line)) {
    std::thread(work, static_cast<int>(Line.size())).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::thread' starts a thread in every iteration of the 'while' loop on 'std::getline(std::cin, Line)'
  }
  while (std::getline(std::cin, Line)) {
    Slots.acquire();
    std::thread([Size = Line.size()] {
      work(static_cast<int>(Size));
      Slots.release();
    }).detach();
  }
}

// A macro idiom and small constant loops.
#define START_TWO(Threads)                                                     \
  do {                                                                         \
    for (int I = 0; I < 2; ++I)                                                \
      (Threads).emplace_back(work, I);                                         \
  } while (false)

void constant(std::vector<std::thread> &Threads) {
  START_TWO(Threads);
  for (int I = 0; I <= 64 - 1; ++I)
    Threads.emplace_back(work, I);
  for (int I = 0; I < 65; ++I)
    Threads.emplace_back(work, I);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < 65' (65 iterations in all)
}

// A loop whose body ends in a break, a return or a throw runs once (a log
// rotation that starts one compression thread); one that can continue, or
// that breaks only on some path, repeats.
void rotateOnce(bool Rotate, const std::string &File) {
  while (Rotate) {
    if (File.empty())
      break;
    std::thread(work, static_cast<int>(File.size())).detach();
    break;
  }
  for (const char C : File) {
    std::thread(work, C).detach();
    return;
  }
  while (Rotate) {
    if (File.empty())
      continue;
    std::thread(work, 1).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::thread' starts a thread in every iteration of the 'while' loop on 'Rotate'
    break;
  }
  while (Rotate) {
    std::thread(work, 2).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::thread' starts a thread in every iteration of the 'while' loop on 'Rotate'
    if (File.empty())
      break;
  }
}

// A start under a flag that the started block clears first and that the loop
// sets again only under a condition of its own (paozhu's daily ACME renewal
// in its watch loop) runs once per arming, not once per iteration. A flag
// set again in every iteration, or cleared after the start, or a loop over
// input inside the armed block, is no such bound.
struct Watch {
  bool Renew = false;
  void watch(int Hour, const std::vector<int> &Items) {
    bool Armed = false;
    for (;;) {
      try {
        std::this_thread::sleep_for(std::chrono::seconds(5));
        if (Hour == 3 && Armed) {
          Armed = false;
          std::thread(work, 1).detach();
        }
        if (Hour == 2)
          Armed = true;
      } catch (...) {
      }
      if (Renew) {
        Renew = false;
        std::thread(work, 2).detach();
        for (int Item : Items)
          std::thread(work, Item).detach();
        // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'std::thread' starts a thread in every iteration of the range-for loop over 'Items'
      }
      if (Hour == 4)
        Renew = true;
    }
  }
  void everyIteration(int Hour) {
    bool Armed = true;
    for (;;) {
      if (Armed && Hour == 3) {
        Armed = false;
        std::thread(work, 3).detach();
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'std::thread' starts a thread in every iteration of the endless 'for' loop
      }
      Armed = true;
    }
  }
  void clearedAfter(int Hour) {
    bool Armed = true;
    for (;;) {
      if (Armed) {
        std::thread(work, 4).detach();
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'std::thread' starts a thread in every iteration of the endless 'for' loop
        Armed = false;
      }
      if (Hour == 2)
        Armed = true;
    }
  }
  void setAgainInside(int Hour) {
    bool Armed = true;
    for (;;) {
      if (Armed) {
        Armed = false;
        std::thread(work, 5).detach();
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'std::thread' starts a thread in every iteration of the endless 'for' loop
        if (Hour == 2)
          Armed = true;
      }
    }
  }
};

// A member of a class template and a generic lambda: each instantiation is
// looked at, each place reported once.
template <typename T> struct Workers {
  std::vector<std::thread> Threads;
  void start(const std::vector<T> &Items) {
    for (const T &Item : Items)
      Threads.emplace_back(work, Item);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_back' starts a thread in every iteration of the range-for loop over 'Items'
  }
};

void instantiate(const std::vector<int> &Items, const std::vector<short> &Shorts) {
  Workers<int>().start(Items);
  Workers<short>().start(Shorts);
  std::vector<std::thread> Threads;
  auto StartAll = [&](const auto &Range) {
    for (const auto &Item : Range)
      Threads.emplace_back(work, Item);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'emplace_back' starts a thread in every iteration of the range-for loop over 'Range'
  };
  StartAll(Items);
  StartAll(Shorts);
}

// A spawn in the loop header: the note points at the spawn itself.
void inHeader(std::vector<std::thread> &Threads, int N) {
  for (int I = 0; I < N; Threads.emplace_back(work, I++)) {
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: 'emplace_back' starts a thread in every iteration of the 'for' loop on 'I < N'
}
