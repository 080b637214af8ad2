// RUN: %check_tidy -check-suffixes=,NOTE -fix-notes %s async-blocking-call-in-coroutine %t -- -- %asio_flags -I %runtime_include -I %S/Inputs
// RUN: %check_tidy -check-suffixes=HEADERS %s async-blocking-call-in-coroutine %t -- \
// RUN:   -config="{CheckOptions: {async-blocking-call-in-coroutine.FollowCallsIntoHeaders: true}}" -- %asio_flags -I %S/Inputs
// RUN: %check_tidy -check-suffixes=OFF %s async-blocking-call-in-coroutine %t -- \
// RUN:   -config="{CheckOptions: {async-blocking-call-in-coroutine.FollowCalls: false}}" -- %asio_flags -I %S/Inputs

#include "blocking_helpers.h"
#include <asio.hpp>
#include <cstdio>
#include <mutex>
#include <string>
// CHECK-FIXES-NOTE: {{^}}#include <tether/offload.hpp>{{$}}

using asio::awaitable;

std::string readAll(const char *Path) {
  FILE *File = fopen(Path, "r");
  std::string Text;
  if (File)
    fclose(File);
  return Text;
}

std::string loadConfig(const char *Path) { return readAll(Path); }

struct Settings {
  std::string Text;
  void reload() { Text = loadConfig("settings"); }
};

int depthOne() { return static_cast<int>(sleep(1)); }
int depthTwo() { return depthOne(); }
int depthThree() { return depthTwo(); }
int depthFour() { return depthThree(); }

// Recursion ends.
int ping(int N);
int pong(int N) { return N ? ping(N - 1) : 0; }
int ping(int N) { return N ? pong(N - 1) : 0; }

awaitable<void> usesHelpers(Settings &S) {
  std::string Config = loadConfig("app.conf");
// CHECK-NOTES: :[[@LINE-1]]:24: warning: 'loadConfig' may block the thread that runs this coroutine and every task scheduled on it: it calls 'fopen' [async-blocking-call-in-coroutine]
// CHECK-MESSAGES-HEADERS: :[[@LINE-2]]:24: warning: 'loadConfig' may block the thread that runs this coroutine and every task scheduled on it: it calls 'fopen' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-21]]:51: note: 'loadConfig' calls 'readAll' here
// CHECK-NOTES: :[[@LINE-29]]:16: note: 'readAll' calls 'fopen' here
// CHECK-NOTES: :[[@LINE-5]]:24: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  std::string Config = co_await tether::offload([&] { return loadConfig("app.conf"); });{{$}}
  S.reload();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'reload' may block the thread that runs this coroutine and every task scheduled on it: it calls 'fopen' [async-blocking-call-in-coroutine]
// CHECK-MESSAGES-HEADERS: :[[@LINE-2]]:3: warning: 'reload' may block the thread that runs this coroutine and every task scheduled on it: it calls 'fopen' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-24]]:26: note: 'reload' calls 'loadConfig' here
// CHECK-NOTES: :[[@LINE-29]]:51: note: 'loadConfig' calls 'readAll' here
// CHECK-NOTES: :[[@LINE-37]]:16: note: 'readAll' calls 'fopen' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { S.reload(); });{{$}}
  depthThree();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'depthThree' may block the thread that runs this coroutine and every task scheduled on it: it calls 'sleep' [async-blocking-call-in-coroutine]
// CHECK-MESSAGES-HEADERS: :[[@LINE-2]]:3: warning: 'depthThree' may block the thread that runs this coroutine and every task scheduled on it: it calls 'sleep' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-27]]:27: note: 'depthThree' calls 'depthTwo' here
// CHECK-NOTES: :[[@LINE-29]]:25: note: 'depthTwo' calls 'depthOne' here
// CHECK-NOTES: :[[@LINE-31]]:42: note: 'depthOne' calls 'sleep' here
// CHECK-NOTES: :[[@LINE-6]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { depthThree(); });{{$}}
  // Beyond MaxCallDepth (3): depthFour -> depthThree -> depthTwo -> depthOne.
  depthFour();
  ping(3);
  flushJournal(1);
// CHECK-MESSAGES-HEADERS: :[[@LINE-1]]:3: warning: 'flushJournal' may block the thread that runs this coroutine and every task scheduled on it: it calls 'fsync' [async-blocking-call-in-coroutine]
  auto Run = [] { return readAll("x"); };
  Run();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: the lambda may block the thread that runs this coroutine and every task scheduled on it: it calls 'fopen' [async-blocking-call-in-coroutine]
// CHECK-MESSAGES-HEADERS: :[[@LINE-2]]:3: warning: the lambda may block the thread that runs this coroutine and every task scheduled on it: it calls 'fopen' [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-4]]:26: note: the lambda calls 'readAll' here
// CHECK-NOTES: :[[@LINE-58]]:16: note: 'readAll' calls 'fopen' here
// CHECK-NOTES: :[[@LINE-5]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Run(); });{{$}}
  co_return;
}

// Awaiter machinery takes short internal locks by design: never followed.
std::mutex Internal;
struct Ready {
  bool await_ready() {
    std::lock_guard Guard(Internal);
    fsync(0);
    return true;
  }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
  void reset() { fsync(0); }
};

awaitable<void> callsMachinery(Ready &R) {
  R.reset();
  R.await_ready();
  co_return;
}

// Plain functions calling helpers are not coroutines: silent.
void plain() { loadConfig("x"); }
