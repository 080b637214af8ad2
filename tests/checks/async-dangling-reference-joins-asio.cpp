// co_spawn's completion handler hears of the end of the task: what it
// signals, waited for later in the scope, joins the task. A callable that
// returns the task is not a completion handler: what it signals happens
// before the task runs. A future of `use_future` waited for in the spawn's own
// full-expression joins the task there; one kept and never waited for does
// not. A task that carries out an operation of its object, completing the
// operation's handler (`self.complete(ec)` in an `async_compose`), works on
// an object that must outlive its operations; one that completes nothing is
// reported.
// RUN: %check_tidy %s async-dangling-reference %t -- -- %asio_flags

#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/use_future.hpp>
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

struct Queue {
  asio::any_io_executor Ex;
  asio::steady_timer Timer{Ex};
  asio::awaitable<void> drain() {
    co_await Timer.async_wait(asio::use_awaitable);
  }
  void syncDrain() { asio::co_spawn(Ex, drain(), asio::use_future).get(); }
  void startDrain() {
    auto Done = asio::co_spawn(Ex, drain(), asio::use_future);
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: task 'drain' started by 'co_spawn' can outlive '*this': nothing keeps the 'Queue' it refers to alive until the task completes [async-dangling-reference]
    // CHECK-MESSAGES: :[[@LINE-2]]:36: note: 'Queue' does not derive from 'std::enable_shared_from_this': keep the object alive for the task (a 'std::shared_ptr' to it in the task), or spawn the task on a task group that the object owns and joins
  }
};

struct Device {
  asio::ip::tcp::socket Socket;
  template <typename Token> auto asyncPing(Token &&T) {
    return asio::async_compose<Token, void(std::error_code)>(
        [this](auto &Outer) {
          asio::co_spawn(
              Socket.get_executor(),
              [this, Self = std::move(Outer)]() mutable -> asio::awaitable<void> {
                char Byte = 0;
                auto [Ec, N] = co_await Socket.async_read_some(
                    asio::buffer(&Byte, 1),
                    asio::experimental::as_tuple(asio::use_awaitable));
                Self.complete(Ec);
              },
              asio::detached);
        },
        T, Socket);
  }
  template <typename Token> auto asyncDrain(Token &&T) {
    return asio::async_compose<Token, void(std::error_code)>(
        [this](auto &Outer) {
          asio::co_spawn(
              Socket.get_executor(),
              [this]() -> asio::awaitable<void> {
                char Byte = 0;
                co_await Socket.async_read_some(asio::buffer(&Byte, 1),
                                                asio::use_awaitable);
              },
              asio::detached);
          // CHECK-MESSAGES: :[[@LINE-6]]:15: warning: coroutine lambda started by 'co_spawn' can outlive '*this': nothing keeps the 'Device' it refers to alive until the task completes [async-dangling-reference]
          // CHECK-MESSAGES: :[[@LINE-7]]:15: note: 'Device' does not derive from 'std::enable_shared_from_this': keep the object alive for the task (a 'std::shared_ptr' to it in the task), or spawn the task on a task group that the object owns and joins
          Outer.complete(std::error_code());
        },
        T, Socket);
  }
};
asio::awaitable<void> ping(Device &D) {
  co_await D.asyncPing(asio::use_awaitable);
  co_await D.asyncDrain(asio::use_awaitable);
}
