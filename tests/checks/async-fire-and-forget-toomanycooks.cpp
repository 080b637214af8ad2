// TooManyCooks' detach() starts the tasks of a spawn wrapper with nothing
// left to await them; a fork_group owns what it forks until it is awaited.
// RUN: %check_tidy %s async-fire-and-forget %t -- -- -I %S/Inputs

#include "toomanycooks.h"
#include <utility>
#include <vector>

tmc::task<void> work() { co_return; }

void detachAll(std::vector<tmc::task<void>> &Tasks) {
  tmc::spawn_many(Tasks.begin(), Tasks.end(), 5).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'detach' starts work that nobody owns: its result and its exception are lost [async-fire-and-forget]
  tmc::spawn(work()).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'detach' starts work that nobody owns: its result and its exception are lost [async-fire-and-forget]
}

tmc::task<void> forkAll(std::vector<tmc::task<void>> &Tasks) {
  co_await tmc::spawn_many(Tasks.begin(), Tasks.end());
  auto Group = tmc::fork_group();
  Group.fork(work());
  co_await std::move(Group);
}
