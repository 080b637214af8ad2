// What joins a started task is a list of options: the waits
// (JoinFunctions), the runs of a loop to completion (LoopJoinFunctions), the
// synchronisation objects (SyncTypes) and the calls that signal them
// (SignalFunctions). Set, they replace the defaults.
// RUN: %check_tidy -check-suffixes=,DEF %s async-dangling-reference %t -- -- -I %S/Inputs
// RUN: %check_tidy -check-suffixes=,OPTS %s async-dangling-reference %t -- \
// RUN:   -config="{CheckOptions: {async-dangling-reference.JoinFunctions: 'pass', \
// RUN:     async-dangling-reference.LoopJoinFunctions: '::app::Loop::drain', \
// RUN:     async-dangling-reference.SyncTypes: '::app::Gate', \
// RUN:     async-dangling-reference.SignalFunctions: 'open'}}" -- -I %S/Inputs

#include "async_simple_lazy.h"
#include <latch>

using async_simple::Executor;
using async_simple::Try;
using async_simple::coro::Lazy;

namespace app {
class Gate {
public:
  void open();
  void pass();
};
class Loop {
public:
  void drain();
};
} // namespace app

void gate(Executor *Ex) {
  int Data = 0;
  app::Gate Finished;
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  Work().via(Ex).start([&](Try<void>) { Finished.open(); });
  // CHECK-MESSAGES-DEF: :[[@LINE-1]]:3: warning: task of the coroutine lambda started by 'start' through 'via' can outlive local 'Work', the object it runs on [async-dangling-reference]
  Finished.pass();
}

void loop(Executor *Ex, app::Loop &Loop) {
  int Data = 0;
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  Work().via(Ex).detach();
  // CHECK-MESSAGES-DEF: :[[@LINE-1]]:3: warning: task of the coroutine lambda started by 'detach' through 'via' can outlive local 'Work', the object it runs on [async-dangling-reference]
  Loop.drain();
}

void latch(Executor *Ex) {
  int Data = 0;
  std::latch Finished(1);
  auto Work = [&]() -> Lazy<> {
    Data = 1;
    co_return;
  };
  Work().via(Ex).start([&](Try<void>) { Finished.count_down(); });
  // CHECK-MESSAGES-OPTS: :[[@LINE-1]]:3: warning: task of the coroutine lambda started by 'start' through 'via' can outlive local 'Work', the object it runs on [async-dangling-reference]
  Finished.wait();
}
