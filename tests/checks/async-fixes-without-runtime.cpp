// A project that cannot include tether's runtime gets no edit from --fix
// that breaks its build: a sleep becomes Asio's own timer, and the rewrites
// into the runtime move to notes that say how to add it. The fixed file
// compiles without the runtime. With the runtime in reach (RT) the same
// rewrites are on the warnings, except the deadline, which is the user's
// choice: --fix alone never applies it.
// RUN: %check_tidy -check-suffixes=,BARE %s 'async-*' %t -- -- %asio_flags
// RUN: %check_tidy -check-suffixes=,RT %s 'async-*' %t -- -- %asio_flags -I %runtime_include

#include <asio.hpp>
#include <chrono>
#include <future>
#include <thread>
// Each check inserts its own include, in the order the checks run.
// CHECK-FIXES-RT: {{^}}#include <tether/sleep.hpp>{{$}}
// CHECK-FIXES-RT: {{^}}#include <tether/cancellation.hpp>{{$}}

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> backOff(int Attempt) {
  std::this_thread::sleep_for(std::chrono::milliseconds(100 * Attempt));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
  // CHECK-FIXES-BARE: {{^}}  co_await asio::steady_timer(co_await asio::this_coro::executor, std::chrono::milliseconds(100 * Attempt)).async_wait(asio::use_awaitable);{{$}}
  // CHECK-FIXES-RT: {{^}}  co_await tether::sleep_for(std::chrono::milliseconds(100 * Attempt));{{$}}
  co_return;
}

// Only a duration the timer takes unchanged is rewritten: a count of
// seconds as a double is not.
awaitable<void> backOffFractional() {
  std::this_thread::sleep_for(std::chrono::duration<double>(0.25));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
  // CHECK-NOTES-BARE: :[[@LINE-2]]:3: note: suspend on a timer instead, such as 'co_await tether::sleep_for(...)'; <tether/sleep.hpp> is not on this file's include path: add tether's runtime to the build ('find_package(tether)', link 'tether::runtime')
  // CHECK-FIXES-RT: {{^}}  co_await tether::sleep_for(std::chrono::duration<double>(0.25));{{$}}
  co_return;
}

awaitable<int> await(std::future<int> &Result) {
  co_return Result.get();
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'std::future::get' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
  // CHECK-NOTES-BARE: :[[@LINE-2]]:13: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns; <tether/offload.hpp> is not on this file's include path: add tether's runtime to the build ('find_package(tether)', link 'tether::runtime')
  // CHECK-NOTES-RT: :[[@LINE-3]]:13: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns{{$}}
}

awaitable<void> greet(tcp::socket &Socket) {
  co_await asio::async_write(Socket, asio::buffer("hello\n", 6), use_awaitable);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'async_write' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
  // CHECK-NOTES-BARE: :[[@LINE-2]]:3: note: wrap it in 'tether::with_timeout' with a deadline of std::chrono::seconds(30); <tether/with_timeout.hpp> is not on this file's include path: add tether's runtime to the build ('find_package(tether)', link 'tether::runtime')
  // CHECK-NOTES-RT: :[[@LINE-3]]:3: note: wrap it in 'tether::with_timeout' with a deadline of std::chrono::seconds(30){{$}}
}

awaitable<void> acceptLoop(tcp::acceptor &Acceptor) {
  for (;;) {
    try {
      tcp::socket Socket = co_await Acceptor.async_accept(use_awaitable);
      co_await greet(Socket);
    } catch (const std::exception &) {
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
      // CHECK-NOTES-BARE: :[[@LINE-2]]:7: note: rethrow them first with 'tether::is_cancellation'; <tether/cancellation.hpp> is not on this file's include path: add tether's runtime to the build ('find_package(tether)', link 'tether::runtime')
      // CHECK-FIXES-RT: {{^}}      if (tether::is_cancellation(std::current_exception())) throw;{{$}}
    }
  }
}
