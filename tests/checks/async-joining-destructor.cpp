// A task type whose destructor waits for its coroutine, a coroutine
// std::jthread (kelcoro's logical_thread: request_stop() then join()), is
// owned by whatever holds it: a temporary is joined at the end of its
// statement, a local when its scope ends. async-fire-and-forget does not
// report it dropped, async-dangling-reference does not report a local of it
// declared after the object its coroutine refers to.
// RUN: %check_tidy %s async-fire-and-forget,async-dangling-reference %t

#include <atomic>
#include <coroutine>
#include <memory>

// Eager; its destructor stops and joins, through a private helper.
struct logical_thread {
  struct promise_type {
    std::atomic<bool> Stop{false};
    std::atomic<bool> Done{false};
    logical_thread get_return_object() {
      return {std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> Handle;
  logical_thread(std::coroutine_handle<promise_type> H) : Handle(H) {}
  logical_thread(logical_thread &&Other) : Handle(Other.Handle) {
    Other.Handle = nullptr;
  }
  logical_thread &operator=(logical_thread &&Other) {
    stopAndJoin();
    Handle = Other.Handle;
    Other.Handle = nullptr;
    return *this;
  }
  ~logical_thread() { stopAndJoin(); }
  void request_stop() { Handle.promise().Stop = true; }
  void join() { Handle.promise().Done.wait(false); }

private:
  void stopAndJoin() {
    if (Handle) {
      request_stop();
      join();
    }
  }
};

// Eager; its destructor only frees the frame: the coroutine may still run.
struct detached_thread {
  struct promise_type {
    detached_thread get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::unique_ptr<int> State;
  ~detached_thread() { State.get(); }
};

struct stop_awaiter {
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  bool await_resume() noexcept { return true; }
};

logical_thread spin(std::atomic<int> &Count) {
  while (!co_await stop_awaiter{})
    ++Count;
}

detached_thread spinDetached(std::atomic<int> &Count) {
  while (!co_await stop_awaiter{})
    ++Count;
}

void joined() {
  std::atomic<int> Count{0};
  spin(Count);
  auto A = spin(Count);
  auto B = spin(Count);
  {
    logical_thread Inner = spin(Count);
  }
}

void notJoined() {
  std::atomic<int> Count{0};
  spinDetached(Count);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'spinDetached' is discarded and runs unowned: its result and its exception are lost; co_await it or keep it to await later [async-fire-and-forget]
  auto A = spinDetached(Count);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: task 'spinDetached' stored in 'A' can outlive local 'Count', which its parameter 'Count' refers to [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'Count' is destroyed here, at the end of its scope
}

// Declared before the object: the joining destructor runs after the object
// is gone.
void declaredBefore(std::atomic<int> &Other) {
  logical_thread Early = spin(Other);
  std::atomic<int> Count{0};
  Early = spin(Count);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: task 'spin' stored in 'Early' can outlive local 'Count', which its parameter 'Count' refers to [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'Count' is destroyed here, at the end of its scope
}
