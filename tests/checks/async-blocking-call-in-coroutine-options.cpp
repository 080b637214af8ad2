// Every list is an option: users add their own blocking calls and types,
// allow what they know is fast, and name their mutexes and guards.
// RUN: %check_tidy %s async-blocking-call-in-coroutine %t -- \
// RUN:   -config="{CheckOptions: { \
// RUN:     async-blocking-call-in-coroutine.BlockingFunctions: '::db::query;^::legacy::.*_sync$;::std::this_thread::sleep_for', \
// RUN:     async-blocking-call-in-coroutine.BlockingTypes: '::db::Connection', \
// RUN:     async-blocking-call-in-coroutine.AllowedFunctions: '::cache::lookup', \
// RUN:     async-blocking-call-in-coroutine.BlockingStreams: '::console::in', \
// RUN:     async-blocking-call-in-coroutine.MutexTypes: '::app::SpinMutex', \
// RUN:     async-blocking-call-in-coroutine.LockGuardTypes: '::app::Hold', \
// RUN:     async-blocking-call-in-coroutine.MaxCallDepth: 1}}" -- -I %S/Inputs
// A bad entry is reported, names the option, and the rest of the list works.
// RUN: %tidy %s --checks='-*,async-blocking-call-in-coroutine' \
// RUN:   -config="{CheckOptions: {async-blocking-call-in-coroutine.BlockingFunctions: 'wait_(;::db::query', \
// RUN:     async-blocking-call-in-coroutine.StrictLocking: sometimes}}" -- -std=c++20 -I %S/Inputs 2>&1 \
// RUN:   | %filecheck %s --check-prefix=CONFIG

#include "coro_lib.h"
#include <chrono>
#include <istream>
#include <mutex>
#include <string>
#include <thread>

namespace db {
int query(const char *);
struct Connection {
  Connection() = default;
  explicit Connection(const char *Url);
};
} // namespace db
namespace legacy {
int fetch_sync();
int fetch_async();
} // namespace legacy
namespace cache {
int lookup(const char *);
} // namespace cache
namespace console {
extern std::istream in;
} // namespace console
namespace app {
struct SpinMutex {
  void lock();
  void unlock();
};
template <typename M> struct Hold {
  explicit Hold(M &);
  ~Hold();
};
} // namespace app

app::SpinMutex Spin;
std::mutex Standard;

int viaOneCall() { return db::query("one"); }
int viaTwoCalls() { return viaOneCall(); }

lib::lazy_task configured(lib::lazy_task Next) {
  db::query("select 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'db::query' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
  legacy::fetch_sync();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'legacy::fetch_sync' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
  legacy::fetch_async();
  cache::lookup("key");
  db::Connection Pooled;
  db::Connection Opened("db://");
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'db::Connection' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
  std::string Line;
  std::getline(console::in, Line);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::getline' on 'console::in' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
  viaOneCall();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'viaOneCall' may block the thread that runs this coroutine and every task scheduled on it: it calls 'db::query' [async-blocking-call-in-coroutine]
  viaTwoCalls();
  // Not listed any more: the list replaces the defaults.
  std::this_thread::sleep_until(std::chrono::steady_clock::now());
  app::Hold<app::SpinMutex> Held(Spin);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: mutex 'Spin' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
  std::lock_guard<std::mutex> Unlisted(Standard);
  co_await std::move(Next);
}

// CONFIG-DAG: warning: invalid configuration value 'sometimes' for option 'async-blocking-call-in-coroutine.StrictLocking'; expected a bool [clang-tidy-config]
// CONFIG-DAG: warning: invalid regular expression 'wait_(' for option 'async-blocking-call-in-coroutine.BlockingFunctions': parentheses not balanced; the entry is ignored [clang-tidy-config]
// CONFIG-DAG: :[[@LINE-25]]:3: warning: 'db::query' blocks the thread
