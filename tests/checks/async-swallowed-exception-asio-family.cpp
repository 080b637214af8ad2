// In an Asio coroutine the cancellation is a std::system_error: a handler of
// it or of one of its bases (std::runtime_error, std::exception) sees it.
// RUN: %check_tidy %s async-swallowed-exception %t -- -- %asio_flags -I %runtime_include

#include <asio.hpp>
#include <stdexcept>
#include <system_error>
// CHECK-FIXES: {{^}}#include <tether/cancellation.hpp>{{$}}

void log(const char *);
asio::awaitable<void> step();

asio::awaitable<void> runtimeErrors() {
  for (;;) {
    try {
      co_await step();
    } catch (const std::runtime_error &E) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
      // CHECK-FIXES: {{^}}      if (tether::is_cancellation(std::current_exception())) throw;{{$}}
      log(E.what());
    }
  }
}

// A handler of a type that no cancellation is (std::logic_error) sees none.
asio::awaitable<void> logicErrors() {
  for (;;) {
    try {
      co_await step();
    } catch (const std::logic_error &E) {
      log(E.what());
    }
  }
}

// The handler keeps the code, and the only later work is a retry for other
// errors: a cancellation is handed to the caller as the result.
asio::awaitable<std::error_code> retryOnReset(bool Retry) {
  std::error_code Ec;
  try {
    co_await step();
    co_return Ec;
  } catch (const std::system_error &E) {
    Ec = E.code();
  }
  if (Ec == asio::error::connection_reset || Ec == asio::error::eof) {
    if (Retry)
      co_return co_await retryOnReset(false);
  }
  co_return Ec;
}

// A retry for every error but one: a cancellation retries.
asio::awaitable<std::error_code> retryUnlessEof(bool Retry) {
  std::error_code Ec;
  try {
    co_await step();
    co_return Ec;
  } catch (const std::system_error &E) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler swallows cancellation and control goes on to more async work: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
    // CHECK-FIXES: {{^}}    if (tether::is_cancellation(std::current_exception())) throw;{{$}}
    Ec = E.code();
  }
  if (Ec != asio::error::eof && Retry)
    co_return co_await retryUnlessEof(false);
  co_return Ec;
}
