// A channel that the coroutine makes itself, a local of its body, has no
// peer: only the coroutine and the tasks it hands the channel to can send on
// it (Boost.Cobalt's benchmarks send and receive on one channel; its thread
// example gives worker threads a channel to answer on), also through a
// smart pointer it makes to share the channel. A channel the
// coroutine is given, or a socket it makes, is reported as ever.
// RUN: %check_tidy %s async-missing-timeout %t -- -- %asio_flags

#include <asio.hpp>
#include <asio/experimental/channel.hpp>
#include <asio/experimental/concurrent_channel.hpp>
#include <memory>

using asio::awaitable;
using asio::use_awaitable;
using Channel = asio::experimental::channel<void(asio::error_code, int)>;
using Responses =
    asio::experimental::concurrent_channel<void(asio::error_code, int)>;

awaitable<void> pingPong() {
  Channel Values{co_await asio::this_coro::executor, 1u};
  for (int I = 0; I < 1000; ++I) {
    co_await Values.async_send(asio::error_code{}, I, use_awaitable);
    co_await Values.async_receive(use_awaitable);
  }
}

awaitable<void> ask(Channel &Requests) {
  Responses Answers{co_await asio::this_coro::executor};
  co_await Requests.async_send(asio::error_code{}, 1, use_awaitable);
  int Answer = co_await Answers.async_receive(use_awaitable);
  (void)Answer;
}

// A channel the coroutine makes through make_shared, to share it with the
// task it hands it to (hcpp's endpoint cache, freegpt's provider stream),
// is its own too; a shared pointer copied from one it is given is not.
awaitable<void> produce(std::shared_ptr<Channel> Values) {
  co_await Values->async_send(asio::error_code{}, 42, use_awaitable);
}

awaitable<int> sharedHere() {
  auto Ex = co_await asio::this_coro::executor;
  auto Values = std::make_shared<Channel>(Ex, 1);
  asio::co_spawn(Ex, produce(Values), asio::detached);
  co_return co_await Values->async_receive(use_awaitable);
}

awaitable<int> sharedCopy(const std::shared_ptr<Channel> &Queue) {
  auto Values = Queue;
  co_return co_await Values->async_receive(use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'async_receive' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
}

awaitable<int> given(Channel &Values) {
  co_return co_await Values.async_receive(use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'async_receive' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
}

awaitable<void> socketMadeHere(asio::ip::tcp::endpoint Peer) {
  asio::ip::tcp::socket Socket{co_await asio::this_coro::executor};
  co_await Socket.async_connect(Peer, use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_connect' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
}
