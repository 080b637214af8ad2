// libcoro: shutdown() of a thread_pool or a scheduler returns when every task
// scheduled before it has completed, as io_context::run() does for Asio.
// RUN: %check_tidy %s async-dangling-reference %t

#include <coroutine>
#include <memory>

namespace coro {
template <typename T = void> struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct thread_pool {
  static std::unique_ptr<thread_pool> make_unique();
  bool spawn_detached(task<void> &&) noexcept;
  void shutdown() noexcept;
};
struct scheduler {
  static std::unique_ptr<scheduler> make_unique();
  bool spawn_detached(task<void> &&);
  void shutdown() noexcept;
};
} // namespace coro

struct connection {
  void shutdown();
};

// libcoro's test_thread_pool.cpp, "issue-287".
void joined() {
  int Count = 0;
  auto Pool = coro::thread_pool::make_unique();
  auto Task = [](int &C) -> coro::task<void> {
    ++C;
    co_return;
  };
  for (int I = 0; I < 10; ++I)
    Pool->spawn_detached(Task(Count));
  Pool->shutdown();
}

void joinedScheduler() {
  int Count = 0;
  auto Scheduler = coro::scheduler::make_unique();
  auto Task = [](int &C) -> coro::task<void> { ++C; co_return; };
  Scheduler->spawn_detached(Task(Count));
  Scheduler->shutdown();
}

void notJoined(coro::thread_pool &Pool) {
  int Count = 0;
  auto Task = [](int &C) -> coro::task<void> { ++C; co_return; };
  Pool.spawn_detached(Task(Count));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: task of the coroutine lambda started by 'spawn_detached' can outlive local 'Count', which its parameter 'C' refers to [async-dangling-reference]
}

// The shutdown of something else waits for nothing the pool runs.
void otherShutdown(coro::thread_pool &Pool, connection &Conn) {
  int Count = 0;
  auto Task = [](int &C) -> coro::task<void> { ++C; co_return; };
  Pool.spawn_detached(Task(Count));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: task of the coroutine lambda started by 'spawn_detached' can outlive local 'Count', which its parameter 'C' refers to [async-dangling-reference]
  Conn.shutdown();
}
