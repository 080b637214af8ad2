// An event loop that is a local declared after the objects a task refers to
// dies first: its destructor destroys the frames of the tasks still suspended
// on it, while those objects live (a test that runs its context for a while
// and lets it go). One declared before them, or one the function is given,
// may run the task after they are gone.
// RUN: %check_tidy %s async-dangling-reference %t -- -- %asio_flags

#include <asio.hpp>
#include <chrono>

using asio::awaitable;

void contextDeclaredAfter() {
  int Executed = 0;
  auto Server = [&]() -> awaitable<void> {
    co_await asio::this_coro::executor;
    ++Executed;
  };
  auto Client = [&]() -> awaitable<void> {
    co_await asio::this_coro::executor;
    ++Executed;
  };
  asio::io_context Ctx;
  asio::co_spawn(Ctx, Server(), asio::detached);
  asio::co_spawn(Ctx.get_executor(), Client(), asio::detached);
  asio::co_spawn(
      Ctx,
      [&]() -> awaitable<void> {
        co_await asio::this_coro::executor;
        ++Executed;
      },
      asio::detached);
  Ctx.run_for(std::chrono::seconds(3));
}

void poolDeclaredAfter() {
  int Executed = 0;
  asio::thread_pool Pool(2);
  asio::co_spawn(
      Pool,
      [&]() -> awaitable<void> {
        co_await asio::this_coro::executor;
        ++Executed;
      },
      asio::detached);
}

void contextDeclaredBefore() {
  asio::io_context Ctx;
  int Executed = 0;
  auto Client = [&]() -> awaitable<void> {
    co_await asio::this_coro::executor;
    ++Executed;
  };
  asio::co_spawn(Ctx, Client(), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: task of the coroutine lambda started by 'co_spawn' can outlive local 'Client', the object it runs on [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE+2]]:1: note: 'Client' is destroyed here, at the end of its scope
  Ctx.run_for(std::chrono::seconds(3));
}

void contextGiven(asio::io_context &Ctx) {
  int Executed = 0;
  asio::co_spawn(
      Ctx,
      [&]() -> awaitable<void> {
        co_await asio::this_coro::executor;
        ++Executed;
      },
      asio::detached);
  // CHECK-MESSAGES: :[[@LINE-5]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Executed', which it captures by reference [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: 'Executed' is destroyed here, at the end of its scope
}
