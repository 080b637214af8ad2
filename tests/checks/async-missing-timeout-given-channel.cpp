// A channel a coroutine is given has no peer either when every call of the
// coroutine in the translation unit gives it a channel that a function of
// the program made, a local of the caller, also through coroutines that pass
// it on: only the program's own tasks send on it (Boost.Cobalt's thread
// example's workers, asio-grpc's streaming writer, Asio's throttling proxy).
// A coroutine that is also called with another channel, or used otherwise
// than by a call, is reported as ever.
// RUN: %check_tidy %s async-missing-timeout %t -- -- %asio_flags

#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/experimental/channel.hpp>

using asio::awaitable;
using asio::use_awaitable;
using Channel = asio::experimental::channel<void(asio::error_code, int)>;
using namespace asio::experimental::awaitable_operators;

awaitable<void> worker(Channel &Work) {
  for (;;)
    co_await Work.async_receive(use_awaitable);
}

awaitable<void> reader(Channel &Out) {
  co_await Out.async_send(asio::error_code{}, 1, use_awaitable);
  Out.close();
}
awaitable<int> writer(Channel &In) {
  co_return co_await In.async_receive(use_awaitable);
}

// Passed on by a coroutine that was itself given a channel of the program.
awaitable<int> consume(Channel &Values) {
  co_return co_await Values.async_receive(use_awaitable);
}
awaitable<int> relay(Channel &Values) { co_return co_await consume(Values); }

awaitable<void> serve() {
  Channel Work{co_await asio::this_coro::executor, 4u};
  co_await worker(Work);
  auto Stream = [&]() -> awaitable<void> {
    Channel Requests{co_await asio::this_coro::executor, 2u};
    co_await (reader(Requests) && writer(Requests));
  };
  co_await Stream();
  Channel Values{co_await asio::this_coro::executor, 1u};
  co_await relay(Values);
}

// Also given a channel the program did not make here.
awaitable<int> sometimesGiven(Channel &Values) {
  co_return co_await Values.async_receive(use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'async_receive' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
}
struct Session {
  Channel Inbox;
  awaitable<void> run() {
    Channel Local{co_await asio::this_coro::executor, 1u};
    co_await sometimesGiven(Local);
    co_await sometimesGiven(Inbox);
  }
};

// Used otherwise than by a call: who else calls it is not known.
awaitable<int> passedOn(Channel &Values) {
  co_return co_await Values.async_receive(use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'async_receive' is awaited with no deadline
}
void registerHandler(awaitable<int> (*&Handler)(Channel &)) {
  Handler = passedOn;
}
awaitable<void> callsPassedOn() {
  Channel Values{co_await asio::this_coro::executor, 1u};
  co_await passedOn(Values);
}
