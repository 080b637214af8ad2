// Code that already uses the runtime: tether::task coroutines, handlers that
// test tether::is_cancellation, completion handlers that are tether::rethrow.
// RUN: %check_tidy %s async-swallowed-exception %t -- -- %asio_flags -I %runtime_include

#include <tether/cancellation.hpp>
#include <tether/sleep.hpp>

#include <chrono>

void log(const char *);
tether::task<int> poll();

tether::task<void> watch() {
  for (;;) {
    try {
      co_await poll();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and control goes on to more async work: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
      // CHECK-FIXES: {{^}}      if (tether::is_cancellation(std::current_exception())) throw;{{$}}
      if (!tether::is_cancellation(std::current_exception()))
        log("poll failed");
    }
    co_await tether::sleep_for(std::chrono::seconds(1));
  }
}

tether::task<void> stopsOnCancellation() {
  for (;;) {
    try {
      co_await poll();
    } catch (...) {
      if (tether::is_cancellation(std::current_exception()))
        co_return;
      log("poll failed");
    }
  }
}

tether::task<void> rethrowsFirst() {
  for (;;) {
    try {
      co_await poll();
    } catch (const std::exception &E) {
      if (tether::is_cancellation(std::current_exception()))
        throw;
      log(E.what());
    }
  }
}

void spawn(tether::net::io_context &Io) {
  tether::net::co_spawn(Io, poll(), tether::rethrow);
}
