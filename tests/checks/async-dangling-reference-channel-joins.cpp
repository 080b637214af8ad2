// A task that sends on a channel as its last act, and a receive on that
// channel awaited by the scope after the start: the receive waits for the
// task (servertech-chat's async_mutex test). What follows the send may check
// what it returned, touching only the task's own locals.
// RUN: %check_tidy %s async-dangling-reference %t -- -- %asio_flags -I %runtime_include

#include <asio.hpp>
#include <asio/experimental/channel.hpp>
#include <asio/experimental/concurrent_channel.hpp>
#include <cassert>
#include <exception>
#include <tether/channel.hpp>

using Signal = asio::experimental::channel<void(asio::error_code, int)>;

void rethrow(std::exception_ptr E) {
  if (E)
    std::rethrow_exception(E);
}

asio::awaitable<void> trySendThenReceive() {
  auto Ex = co_await asio::this_coro::executor;
  int Counter = 0;
  Signal Chan(Ex, 1);
  asio::co_spawn(
      Ex,
      [&]() -> asio::awaitable<void> {
        ++Counter;
        bool Ok = Chan.try_send(asio::error_code(), 1);
        assert(Ok);
        co_return;
      },
      rethrow);
  co_await Chan.async_receive(asio::use_awaitable);
  assert(Counter == 1);
}

asio::awaitable<void> asyncSendThenReceive() {
  auto Ex = co_await asio::this_coro::executor;
  int Counter = 0;
  asio::experimental::concurrent_channel<void(asio::error_code, int)> Chan(Ex, 1);
  asio::co_spawn(
      Ex,
      [&]() -> asio::awaitable<void> {
        ++Counter;
        co_await Chan.async_send(asio::error_code(), 1, asio::use_awaitable);
      },
      rethrow);
  co_await Chan.async_receive(asio::use_awaitable);
}

// tether's channel: `send` and `receive`.
asio::awaitable<void> produce(int &Total, tether::channel<int> &Done) {
  Total += 1;
  co_await Done.send(Total);
}

asio::awaitable<void> tetherChannel() {
  auto Ex = co_await asio::this_coro::executor;
  int Total = 0;
  tether::channel<int> Done(1);
  asio::co_spawn(Ex, produce(Total, Done), rethrow);
  co_await Done.receive();
}

// The receive comes before the start: it waits for nothing of this task.
asio::awaitable<void> receiveBeforeStart() {
  auto Ex = co_await asio::this_coro::executor;
  int Counter = 0;
  Signal Chan(Ex, 1);
  co_await Chan.async_receive(asio::use_awaitable);
  asio::co_spawn(
      Ex,
      [&]() -> asio::awaitable<void> {
        // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Chan', which it captures by reference [async-dangling-reference]
        // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Counter', which it captures by reference [async-dangling-reference]
        ++Counter;
        Chan.try_send(asio::error_code(), 1);
        co_return;
      },
      rethrow);
}

// The task still touches the counter after its send: the receiver may have
// gone on and destroyed it.
asio::awaitable<void> sendNotLast() {
  auto Ex = co_await asio::this_coro::executor;
  int Counter = 0;
  Signal Chan(Ex, 1);
  asio::co_spawn(
      Ex,
      [&]() -> asio::awaitable<void> {
        // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Chan', which it captures by reference [async-dangling-reference]
        // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Counter', which it captures by reference [async-dangling-reference]
        bool Ok = Chan.try_send(asio::error_code(), 1);
        assert(Ok);
        ++Counter;
        co_return;
      },
      rethrow);
  co_await Chan.async_receive(asio::use_awaitable);
}

// The scope receives on another channel than the one the task sends on.
asio::awaitable<void> otherChannel() {
  auto Ex = co_await asio::this_coro::executor;
  int Counter = 0;
  Signal Chan(Ex, 1);
  Signal Other(Ex, 1);
  asio::co_spawn(
      Ex,
      [&]() -> asio::awaitable<void> {
        // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Chan', which it captures by reference [async-dangling-reference]
        // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: coroutine lambda started by 'co_spawn' can outlive local 'Counter', which it captures by reference [async-dangling-reference]
        ++Counter;
        Chan.try_send(asio::error_code(), 1);
        co_return;
      },
      rethrow);
  co_await Other.async_receive(asio::use_awaitable);
}

// tether's channel, with the task sending before its last use of 'Total'.
asio::awaitable<void> produceThenTouch(int &Total, tether::channel<int> &Done) {
  co_await Done.send(1);
  Total += 1;
}

asio::awaitable<void> tetherSendNotLast() {
  auto Ex = co_await asio::this_coro::executor;
  int Total = 0;
  tether::channel<int> Done(1);
  asio::co_spawn(Ex, produceThenTouch(Total, Done), rethrow);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: task 'produceThenTouch' started by 'co_spawn' can outlive local 'Done', which its parameter 'Done' refers to [async-dangling-reference]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: warning: task 'produceThenTouch' started by 'co_spawn' can outlive local 'Total', which its parameter 'Total' refers to [async-dangling-reference]
  co_await Done.receive();
}
