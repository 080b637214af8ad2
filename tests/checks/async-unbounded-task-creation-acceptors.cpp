// A range-for over the acceptors a server listens on counts as a constant
// loop: the program listens on as many addresses as it is configured to,
// not one per input item (libsocks starts a constant number of accept loops
// per acceptor). A loop over anything else given is reported as ever.
// RUN: %check_tidy %s async-unbounded-task-creation %t -- -- %asio_flags

#include <asio.hpp>
#include <memory>
#include <vector>

using asio::awaitable;
using asio::ip::tcp;

struct Server {
  asio::any_io_executor Ex;
  std::vector<tcp::acceptor> Acceptors;
  std::vector<std::unique_ptr<tcp::acceptor>> Owned;

  awaitable<void> listen(tcp::acceptor &A);
  awaitable<void> connect(tcp::endpoint Peer);

  void start(const std::vector<tcp::endpoint> &Peers) {
    for (auto &A : Acceptors)
      for (int I = 0; I < 32; ++I)
        asio::co_spawn(Ex, listen(A), asio::detached);
    for (auto &A : Owned)
      asio::co_spawn(Ex, listen(*A), asio::detached);
    for (const auto &Peer : Peers)
      asio::co_spawn(Ex, connect(Peer), asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'co_spawn' starts a task in every iteration of the range-for loop over 'Peers' and nothing bounds how many run at once
    for (auto &A : Acceptors)
      for (const auto &Peer : Peers)
        asio::co_spawn(Ex, connect(Peer), asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'co_spawn' starts a task in every iteration of the range-for loop over 'Peers' and nothing bounds how many run at once
  }
};
