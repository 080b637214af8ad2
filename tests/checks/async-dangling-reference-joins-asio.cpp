// co_spawn's completion handler hears of the end of the task: what it
// signals, waited for later in the scope, joins the task. A callable that
// returns the task is not a completion handler: what it signals happens
// before the task runs.
// RUN: %check_tidy %s async-dangling-reference %t -- -- %asio_flags

#include <asio.hpp>
#include <exception>
#include <latch>
#include <string>

asio::awaitable<void> greet(const std::string &Name);

void handlerCountsDown(asio::any_io_executor Ex) {
  std::string Name = "x";
  std::latch Done(1);
  asio::co_spawn(Ex, greet(Name),
                 [&](std::exception_ptr) { Done.count_down(); });
  Done.wait();
}

void callableCountsDown(asio::any_io_executor Ex) {
  std::string Name = "x";
  std::latch Made(1);
  asio::co_spawn(
      Ex,
      [&] {
        Made.count_down();
        return greet(Name);
      },
      asio::detached);
  // CHECK-MESSAGES: :[[@LINE-5]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Made', which it captures by reference [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-6]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Name', which it captures by reference [async-dangling-reference]
  Made.wait();
}
