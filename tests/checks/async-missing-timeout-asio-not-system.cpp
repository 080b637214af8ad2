// A project that includes Asio with -I rather than -isystem makes Asio's own
// functions part of what the check reads: co_spawn's entry point calls the
// spawned lambda, and that call must not count as a caller without a deadline.
// Asio calls the program's callable only as the machinery of the operation the
// program started, where the deadline is judged, so findings are the same with
// either flag: the lambda spawned with `cancel_after` is bounded, the one
// spawned `detached` is reported.
// RUN: %check_tidy %s async-missing-timeout %t -- -- %asio_flags

#include <asio.hpp>
#include <chrono>
#include <utility>

namespace asio {
// Asio 1.31's cancel_after, as far as this test needs it.
template <class Token> Token cancel_after(std::chrono::seconds, Token T) {
  return T;
}

// What co_spawn does with a callable, written outside a system header as
// Asio is when the project includes it with -I; this context, which no real
// co_spawn accepts, selects it.
struct plain_header_context {};
namespace detail {
template <class Function> awaitable<void> entry_point(Function F) {
  co_await F();
}
} // namespace detail
template <class Function, class Token>
void co_spawn(plain_header_context &, Function F, Token) {
  co_spawn(system_executor(), detail::entry_point(std::move(F)), detached);
}
} // namespace asio

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

void probe(asio::plain_header_context &Context) {
  asio::co_spawn(
      Context,
      [&]() -> awaitable<void> {
        tcp::resolver Resolver(co_await asio::this_coro::executor);
        co_await Resolver.async_resolve("localhost", "80", use_awaitable);
      },
      asio::cancel_after(std::chrono::seconds(1), asio::detached));
  asio::co_spawn(
      Context,
      [&]() -> awaitable<void> {
        tcp::resolver Resolver(co_await asio::this_coro::executor);
        co_await Resolver.async_resolve("localhost", "80", use_awaitable);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'async_resolve' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
      },
      asio::detached);
}
