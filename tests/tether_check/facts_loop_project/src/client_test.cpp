#include "run.hpp"
#include <exception>
#include <string>

tether::task<void> send(const std::string &text) { co_return; }

// The loop runs until the task is done, in another file: text outlives it.
void sends_and_runs() {
  loop::io_context io;
  std::string text = "hello";
  tether::net::co_spawn(io, send(text), tether::net::detached);
  loop::run(io);
}

struct fixture {
  loop::io_context io;
  std::string text = "hello";
  std::size_t run() { return loop::run(io); }
  void sends_and_runs() {
    tether::net::co_spawn(io, send(text), tether::net::detached);
    run();
  }
};

// A loop of its own is no run of this one: text dies first.
void sends_and_runs_another() {
  loop::io_context io;
  std::string text = "hello";
  tether::net::co_spawn(io, send(text), tether::net::detached);
  loop::run_scratch();
}

// A task that keeps its own exception, on a loop of this function that
// another file's function runs until the task is done: the function owns it.
void runs_guarded() {
  loop::io_context io;
  std::exception_ptr error;
  tether::net::co_spawn(
      io,
      [&]() -> tether::task<void> {
        try {
          co_await send("guarded");
        } catch (...) {
          error = std::current_exception();
        }
      },
      tether::net::detached);
  loop::run(io);
}

// The loops run on threads that another file's function joins.
void sends_on_a_pool() {
  loop::io_context first, second;
  std::string text = "hello";
  tether::net::co_spawn(second, send(text), tether::net::detached);
  loop::run_pooled(first, second);
}
