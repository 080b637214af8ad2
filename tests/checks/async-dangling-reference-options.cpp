// The lists are options: spawns of the application's own, view types, task
// types no promise in view declares. A bad entry is reported, names the
// option, and the check goes on with the rest of its list.
// RUN: %check_tidy %s async-dangling-reference %t -- -- -I %S/Inputs
// RUN: %check_tidy -check-suffixes=,OPTS %s async-dangling-reference %t -- \
// RUN:   -config="{CheckOptions: {async-dangling-reference.SpawnFunctions: '::app::launch', \
// RUN:     async-dangling-reference.ViewTypes: '::app::bytes_view', \
// RUN:     async-dangling-reference.TaskTypes: '::lib::opaque_job'}}" -- -I %S/Inputs
// RUN: %tidy %s --checks='-*,async-dangling-reference' \
// RUN:   -config="{CheckOptions: {async-dangling-reference.ViewTypes: 'view_(;::app::bytes_view', \
// RUN:     async-dangling-reference.SpawnFunctions: '::app::launch', \
// RUN:     async-dangling-reference.TaskTypez: '::lib::opaque_job'}}" -- -std=c++20 -I %S/Inputs 2>&1 \
// RUN:   | %filecheck %s --check-prefix=CONFIG

#include "coro_lib.h"
#include <string>

namespace app {
struct bytes_view {
  bytes_view(const std::string &S) : Data(S.data()) {}
  const char *Data;
};
template <typename Task> void launch(Task &&) {}
} // namespace app

void consume(const char *Data);
// Eager: it reads the view after its first suspension, when the caller's
// string may be gone.
lib::eager_task send(app::bytes_view Bytes) {
  co_await std::suspend_always();
  consume(Bytes.Data);
}
lib::opaque_job enqueue(const std::string &Name);

void start() {
  std::string Payload = "x";
  app::launch(send(Payload));
  // CHECK-MESSAGES-OPTS: :[[@LINE-1]]:15: warning: task 'send' started by 'launch' can outlive local 'Payload', which its parameter 'Bytes' refers to [async-dangling-reference]
  // CONFIG-DAG: :[[@LINE-2]]:15: warning: task 'send' started by 'launch' can outlive local 'Payload'
  auto Job = enqueue(Payload);
  // CHECK-MESSAGES-OPTS: :[[@LINE-1]]:14: warning: task 'enqueue' stored in 'Job' can outlive local 'Payload', which its parameter 'Name' refers to [async-dangling-reference]
}

// CONFIG-DAG: warning: invalid regular expression 'view_(' for option 'async-dangling-reference.ViewTypes': parentheses not balanced; the entry is ignored [clang-tidy-config]
// CONFIG-DAG: warning: unknown option 'async-dangling-reference.TaskTypez'; did you mean 'async-dangling-reference.TaskTypes'? [clang-tidy-config]
