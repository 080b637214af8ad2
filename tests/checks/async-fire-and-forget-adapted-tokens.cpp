// A detached token adapted by a completion token adapter (consign,
// bind_executor) is still detached: the operation it is handed to runs
// unowned, and is the call reported. The adapter itself starts nothing
// (Boost.Redis's examples write `conn->async_run(cfg, consign(detached,
// conn))`).
// RUN: %check_tidy %s async-fire-and-forget %t -- -- %boost_asio_flags

#include <memory>
#include <boost/asio.hpp>
#include <boost/asio/consign.hpp>

namespace net = boost::asio;

struct connection {
  template <class Token> auto async_run(int Config, Token &&T) {
    return net::async_initiate<Token, void(boost::system::error_code)>(
        [](auto Handler) {}, T);
  }
};

net::awaitable<void> work() { co_return; }

void start(net::io_context &Io, std::shared_ptr<connection> Conn) {
  Conn->async_run(1, net::consign(net::detached, Conn));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'async_run' with a detached completion token runs the operation unowned: its result and its error are lost [async-fire-and-forget]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: co_await the operation, or pass a completion handler that handles its error
  net::co_spawn(Io, work(), net::bind_executor(Io.get_executor(), net::detached));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_spawn' with a detached completion token runs the task unowned: its result and its exception are lost [async-fire-and-forget]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: own the task: spawn it on a 'tether::task_group', co_await it with 'use_awaitable', or pass a completion handler that handles its 'std::exception_ptr'
  net::co_spawn(Io, work(),
                net::consign(net::bind_executor(Io.get_executor(), net::detached), Conn));
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: 'co_spawn' with a detached completion token runs the task unowned
  // CHECK-NOTES: :[[@LINE-3]]:3: note: own the task

  // Adapting a token starts nothing: a token kept for later is not work.
  auto Token = net::consign(net::detached, Conn);
  auto Bound = net::bind_executor(Io.get_executor(), net::detached);

  // Adapters of other tokens are not detached.
  Conn->async_run(1, net::consign([](boost::system::error_code) {}, Conn));
  net::co_spawn(Io, work(), net::consign(
                                [](std::exception_ptr E) {
                                  if (E)
                                    std::rethrow_exception(E);
                                },
                                Conn));
}
