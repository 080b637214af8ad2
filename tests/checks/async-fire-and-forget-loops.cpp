// A lazy task discarded in a loop: awaiting it makes the loop wait for each
// one, which serialises what was meant to run side by side (an accept loop
// then serves one client at a time). The co_await is on a note; --fix alone
// leaves the loop as it is. A loop that runs once, and a lambda defined in a
// loop, are straight-line code for the task.
// RUN: %check_tidy -check-suffixes=,FIX %s async-fire-and-forget %t -- -- %asio_flags
// RUN: %check_tidy -check-suffixes=,NOTES -fix-notes %s async-fire-and-forget %t -- -- %asio_flags

#include <asio.hpp>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> session(tcp::socket Socket) { co_return; }
awaitable<void> record(int Line) { co_return; }

awaitable<void> acceptLoop(tcp::acceptor &Acceptor) {
  for (;;) {
    tcp::socket Socket = co_await Acceptor.async_accept(use_awaitable);
    session(std::move(Socket));
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: task returned by 'session' is discarded and never started: its body does not run; co_await it or keep it to await later [async-fire-and-forget]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: co_await the task to run it; the loop then waits for it in every iteration: to run them side by side, spawn each on a 'tether::task_group'
    // CHECK-FIXES-NOTES: {{^}}    co_await session(std::move(Socket));{{$}}
  }
}

awaitable<void> logAll(int Count) {
  int I = 0;
  while (I < Count) {
    record(I++);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: task returned by 'record' is discarded and never started
    // CHECK-NOTES: :[[@LINE-2]]:5: note: co_await the task to run it; the loop then waits for it in every iteration
    // CHECK-FIXES-NOTES: {{^}}    co_await record(I++);{{$}}
  }
  co_return;
}


awaitable<void> once() {
  do {
    record(1);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: task returned by 'record' is discarded and never started
    // CHECK-FIXES: {{^}}    co_await record(1);{{$}}
  } while (false);
  for (int I = 0; I < 2; ++I) {
    auto Step = [I]() -> awaitable<void> {
      record(I);
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: task returned by 'record' is discarded and never started
      // CHECK-FIXES: {{^}}      co_await record(I);{{$}}
      co_return;
    };
    co_await Step();
  }
}
