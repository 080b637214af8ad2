// Boost.Cobalt's examples bound a loop of eager tasks by waiting for one of
// the group's tasks once it holds enough (`wait_group::wait_one`, option
// LimiterFunctions). Boost.Test's assertion macros expand to
// `do { ... } while (tt_detail::dummy_cond())`, whose condition is a call of
// a function that returns false: its body runs once, and a task started in
// it is not started in a loop.
// RUN: %check_tidy %s async-unbounded-task-creation %t -- -- -I %S/Inputs

#include "coro_lib.h"

namespace boost::cobalt {
struct wait_group {
  std::size_t size() const;
  void push_back(lib::eager_task);
  lib::eager_task wait_one();
  lib::eager_task wait();
};
} // namespace boost::cobalt

namespace boost::test_tools::tt_detail {
inline bool dummy_cond() { return false; }
} // namespace boost::test_tools::tt_detail

#define CHECK_NO_THROW(S)                                                      \
  do {                                                                         \
    try {                                                                      \
      S;                                                                       \
    } catch (...) {                                                            \
    }                                                                          \
  } while (::boost::test_tools::tt_detail::dummy_cond())

bool maybe_more();
lib::eager_task echo(int Socket);
int accept_one();

lib::eager_task run_server(boost::cobalt::wait_group &Workers) {
  while (true) {
    if (Workers.size() == 10u)
      co_await Workers.wait_one();
    else
      Workers.push_back(echo(accept_one()));
  }
}

lib::eager_task run_server_unbounded(boost::cobalt::wait_group &Workers) {
  while (true)
    Workers.push_back(echo(accept_one()));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'echo' starts an eager task in every iteration of the endless 'while' loop and nothing bounds how many run at once; use 'tether::for_each_bounded' or acquire a semaphore permit before the spawn [async-unbounded-task-creation]
  co_await Workers.wait();
}

inline bool keep_going() { return maybe_more(); }

void test_case(boost::cobalt::wait_group &Group) {
  CHECK_NO_THROW(Group.push_back(echo(1)));
  do {
    Group.push_back(echo(2));
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'echo' starts an eager task in every iteration of the 'do' loop on 'keep_going()' and nothing bounds how many run at once; acquire a semaphore before the spawn or use a pool of fixed size [async-unbounded-task-creation]
  } while (keep_going());
}
