// A loop over a registry of objects that already exist, a container of weak
// or shared pointers that is a member of the server or that a function
// returns by reference, starting one short task per object it is given
// (paozhu's idle-session sweeps, `co_spawn(s->strand_, stop(s), detached)`,
// and its connection pool cleanup), counts as a constant loop: one stop or
// cleanup per live object, not one task per input item. A registry given as
// a parameter or reached through a member call, a spawn that is not given
// the object, and a container of plain values are reported as ever.
// RUN: %check_tidy %s async-unbounded-task-creation %t -- -- %asio_flags

#include <asio.hpp>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <vector>

using asio::awaitable;

struct Session {
  asio::strand<asio::any_io_executor> Strand;
  long Deadline = 0;
};
struct ConnPool {};

awaitable<void> stop(std::shared_ptr<Session> S);
awaitable<void> clear(std::shared_ptr<ConnPool> P);
awaitable<void> fetch(std::string Url);
std::map<std::string, std::shared_ptr<ConnPool>> &pools();

struct Server {
  asio::io_context Io;
  std::list<std::weak_ptr<Session>> Sessions;
  std::vector<std::shared_ptr<Session>> Live;
  std::vector<std::string> Urls;

  void sweep(long Now) {
    for (auto It = Sessions.begin(); It != Sessions.end();) {
      std::shared_ptr<Session> S = It->lock();
      if (S && S->Deadline < Now) {
        asio::co_spawn(S->Strand, stop(S), asio::detached);
        It = Sessions.erase(It);
        continue;
      }
      ++It;
    }
    for (const auto &S : Live)
      asio::co_spawn(S->Strand, stop(S), asio::detached);
    auto &Pools = pools();
    for (auto It = Pools.begin(); It != Pools.end(); ++It)
      asio::co_spawn(Io, clear(It->second), asio::detached);
  }

  std::vector<std::vector<std::shared_ptr<Session>>> Batches;

  void notRegistries(const std::vector<std::shared_ptr<Session>> &Given) {
    auto &Batch = Batches.front();
    for (const auto &S : Batch)
      asio::co_spawn(S->Strand, stop(S), asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'co_spawn' starts a task in every iteration of the range-for loop over 'Batch' and nothing bounds how many run at once
    for (const auto &S : Given)
      asio::co_spawn(S->Strand, stop(S), asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'co_spawn' starts a task in every iteration of the range-for loop over 'Given' and nothing bounds how many run at once
    for (const auto &S : Live)
      asio::co_spawn(Io, fetch("https://example.org"), asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'co_spawn' starts a task in every iteration of the range-for loop over 'Live' and nothing bounds how many run at once
    for (auto It = Urls.begin(); It != Urls.end(); ++It)
      asio::co_spawn(Io, fetch(*It), asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'co_spawn' starts a task in every iteration of the 'for' loop on 'It != Urls.end()' and nothing bounds how many run at once
  }
};
