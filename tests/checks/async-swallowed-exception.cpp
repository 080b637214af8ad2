// RUN: %check_tidy %s async-swallowed-exception %t -- -- %asio_flags -I %runtime_include
// RUN: %check_tidy -check-suffixes=,NOTES -fix-notes %s async-swallowed-exception %t -- -- %asio_flags -I %runtime_include

#include <asio.hpp>
#include <exception>
#include <future>
#include <string>
#include <system_error>
// CHECK-FIXES: {{^}}#include <tether/cancellation.hpp>{{$}}
#include <vector>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

void log(const char *);
struct parse_error : std::exception {};
awaitable<void> handle(tcp::socket Socket);
awaitable<int> fetch() { co_return 1; }
awaitable<void> ping() { co_return; }

// The accept loop of a server: a cancellation lands in the handler, and the
// loop accepts again instead of stopping.
awaitable<void> acceptLoop(tcp::acceptor &Acceptor) {
  for (;;) {
    try {
      tcp::socket Socket = co_await Acceptor.async_accept(use_awaitable);
      co_await handle(std::move(Socket));
    } catch (const std::exception &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
      // CHECK-FIXES: {{^}}      if (tether::is_cancellation(std::current_exception())) throw;{{$}}
      // The next client will do.
    }
  }
}

awaitable<void> readLoop(tcp::socket &Socket) {
  char Buffer[64];
  while (Socket.is_open()) {
    try {
      co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
    } catch (const std::system_error &E) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on
      // CHECK-FIXES: {{^}}      if (tether::is_cancellation(std::current_exception())) throw;{{$}}
      if (E.code() != asio::error::operation_aborted)
        log(E.what());
    }
  }
}

// Rethrowing every error but the cancellation is swallowing the cancellation.
awaitable<void> rethrowsAllButCancellation(tcp::socket &Socket) {
  char Buffer[64];
  for (;;) {
    try {
      co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
    } catch (const std::system_error &E) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on
      // CHECK-FIXES: {{^}}      if (tether::is_cancellation(std::current_exception())) throw;{{$}}
      if (E.code() != asio::error::operation_aborted)
        throw;
    }
  }
}

awaitable<void> goesOn(tcp::socket &Socket) {
  asio::steady_timer Timer(Socket.get_executor());
  try {
    co_await Timer.async_wait(use_awaitable);
  } catch (...) { log("timer"); }
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler swallows cancellation and control goes on to more async work: the coroutine keeps running after it was cancelled; rethrow cancellations
  // CHECK-FIXES: {{^}}  } catch (...) { if (tether::is_cancellation(std::current_exception())) throw; log("timer"); }{{$}}
  co_await Timer.async_wait(use_awaitable);
}

awaitable<void> emptyInLoop(tcp::socket &Socket) {
  char Buffer[8];
  for (int I = 0; I < 3; ++I) {
    try { co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable); } catch (...) {}
    // CHECK-MESSAGES: :[[@LINE-1]]:83: warning: handler swallows cancellation and the loop goes on
    // CHECK-FIXES: {{^}}    try { co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable); } catch (...) { if (tether::is_cancellation(std::current_exception())) throw; }{{$}}
  }
}

// A handler that breaks out of the loop, and more work after it.
awaitable<void> breaksThenWrites(tcp::socket &Socket) {
  char Buffer[8];
  for (;;) {
    try {
      co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
    } catch (const std::exception &E) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and control goes on to more async work
      // CHECK-FIXES: {{^}}      if (tether::is_cancellation(std::current_exception())) throw;{{$}}
      log(E.what());
      break;
    }
  }
  co_await asio::async_write(Socket, asio::buffer("bye", 3), use_awaitable);
}

// A handler that re-arms an operation itself.
awaitable<void> rearms(asio::steady_timer &Timer) {
  try {
    co_await Timer.async_wait(use_awaitable);
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler swallows cancellation and control goes on to more async work
    // CHECK-FIXES: {{^}}    if (tether::is_cancellation(std::current_exception())) throw;{{$}}
    Timer.async_wait([](std::error_code) {});
  }
}

// Empty handlers: a comment is not handling.
awaitable<void> emptyHandlers(tcp::socket &Socket) {
  try {
    co_await fetch();
  } catch (const parse_error &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: empty handler swallows the exception in a coroutine; handle it, rethrow it or store it [async-swallowed-exception]
    // CHECK-FIXES-NOTES: {{^}}    throw;{{$}}
    // nothing to do
  }
  try {
    co_await fetch();
  } catch (const parse_error &) {} // CHECK-MESSAGES: :[[@LINE]]:5: warning: empty handler swallows the exception in a coroutine
  // CHECK-FIXES-NOTES: {{^}}  } catch (const parse_error &) { throw; } //{{$}}
  // The end of the coroutine: nothing carries on, only the emptiness counts.
  try {
    co_await fetch();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: empty handler swallows the exception in a coroutine
    // CHECK-FIXES-NOTES: {{^}}    throw;{{$}}
  }
}

// A documented intent marker (IgnoreCatchWithKeywords) silences an empty one.
awaitable<void> marked() {
  try {
    co_await fetch();
  } catch (const parse_error &) {
    // @TODO: report malformed input once the protocol says how
  }
}

// Not swallowed: rethrown, tested for cancellation, specific, logged at the
// end, kept, or caught and rethrown by an earlier handler.
awaitable<void> negatives(tcp::socket &Socket) {
  char Buffer[8];
  for (;;) {
    try {
      co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
    } catch (...) {
      log("read");
      throw;
    }
  }
}

awaitable<void> testsCancellation(tcp::socket &Socket) {
  char Buffer[8];
  for (;;) {
    try {
      co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
    } catch (const std::system_error &E) {
      if (E.code() == asio::error::operation_aborted)
        throw;
      log(E.what());
    }
  }
}

awaitable<void> leavesOnCancellation(tcp::socket &Socket) {
  char Buffer[8];
  for (;;) {
    try {
      co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
    } catch (const std::system_error &E) {
      if (E.code() != asio::error::operation_aborted)
        log(E.what());
      else
        co_return;
    }
  }
}

// The handler ends the loop through its condition, and nothing follows.
struct Reader {
  bool Running = true;
  awaitable<void> run(tcp::socket &Socket) {
    char Buffer[8];
    while (Running) {
      try {
        co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
      } catch (const std::exception &E) {
        log(E.what());
        Running = false;
      }
    }
  }
};

awaitable<void> untilFailure(tcp::socket &Socket) {
  char Buffer[8];
  bool Failed = false;
  do {
    try {
      co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
    } catch (...) {
      log("read");
      Failed = true;
    }
  } while (!Failed);
}

// Nothing in the try block can throw a cancellation.
std::size_t parse(const char *, std::size_t);
awaitable<void> noAwaitInTry(tcp::socket &Socket) {
  char Buffer[8];
  for (;;) {
    std::size_t N =
        co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
    try {
      parse(Buffer, N);
    } catch (const std::exception &E) {
      log(E.what());
    }
  }
}

awaitable<void> specific(tcp::socket &Socket) {
  for (;;) {
    try {
      co_await fetch();
    } catch (const parse_error &E) {
      log(E.what());
    }
  }
}

awaitable<void> logsAndEnds(tcp::socket &Socket) {
  try {
    co_await fetch();
  } catch (const std::exception &E) {
    log(E.what());
  }
}

awaitable<void> earlierHandlerRethrows(tcp::socket &Socket) {
  for (;;) {
    try {
      co_await fetch();
    } catch (const std::system_error &E) {
      if (E.code() == asio::error::operation_aborted)
        throw;
      log(E.what());
    } catch (const std::exception &E) {
      log(E.what());
    }
  }
}

awaitable<void> keepsErrors(std::vector<awaitable<int>> Tasks,
                            std::vector<std::exception_ptr> &Errors) {
  for (auto &Task : Tasks) {
    try {
      co_await std::move(Task);
    } catch (...) {
      Errors.push_back(std::current_exception());
    }
  }
}

// Outside coroutines, by default, only around a task's result.
void plain(std::future<int> &Future) {
  try {
    log("x");
  } catch (...) {
  }
  try {
    Future.get();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: empty handler swallows the exception of a task's result
    // CHECK-FIXES-NOTES: {{^}}    throw;{{$}}
  }
}

// A plain lambda in a coroutine is not in it; a coroutine lambda is.
awaitable<void> lambdas(tcp::socket &Socket) {
  auto Plain = [] {
    for (;;) {
      try {
        log("x");
      } catch (...) {
      }
    }
  };
  auto Coroutine = [&]() -> awaitable<void> {
    for (;;) {
      try {
        co_await fetch();
      } catch (const std::exception &E) {
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: handler swallows cancellation and the loop goes on
        // CHECK-FIXES: {{^}}        if (tether::is_cancellation(std::current_exception())) throw;{{$}}
        log(E.what());
      }
    }
  };
  co_await Coroutine();
}

// In templates each instantiation is looked at; the finding is reported once.
template <typename Stream> awaitable<void> pump(Stream &S) {
  char Buffer[8];
  for (;;) {
    try {
      co_await S.async_read_some(asio::buffer(Buffer), use_awaitable);
    } catch (const std::exception &E) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on
      // CHECK-FIXES: {{^}}      if (tether::is_cancellation(std::current_exception())) throw;{{$}}
      log(E.what());
    }
  }
}
template awaitable<void> pump<tcp::socket>(tcp::socket &);

// Inside a macro: the warning, no fix-it.
#define IGNORE_ERRORS catch (...) { log("ignored"); }
awaitable<void> macros(tcp::socket &Socket) {
  for (;;) {
    try {
      co_await fetch();
    } IGNORE_ERRORS
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on
  }
}

// Completion handlers.
void onDone(std::exception_ptr) {}

void completionHandlers(asio::io_context &Io, int &Result) {
  asio::co_spawn(Io, fetch(), [](std::exception_ptr, int) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: completion handler ignores the 'std::exception_ptr' it receives from 'co_spawn': the exception is lost; rethrow it or handle it [async-swallowed-exception]
  // CHECK-FIXES-NOTES: {{^}}  asio::co_spawn(Io, fetch(), tether::rethrow);{{$}}
  asio::co_spawn(Io, fetch(), [&](std::exception_ptr E, int Value) {
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: completion handler ignores the 'std::exception_ptr'
    // CHECK-FIXES-NOTES: {{^}}    if (E) std::rethrow_exception(E);{{$}}
    (void)E;
    Result = Value;
  });
  asio::co_spawn(Io, ping(), &onDone);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: completion handler ignores the 'std::exception_ptr'
  // CHECK-FIXES-NOTES: {{^}}  asio::co_spawn(Io, ping(), tether::rethrow);{{$}}
  auto Stored = [](std::exception_ptr, int) { log("done"); };
  asio::co_spawn(Io, fetch(), Stored);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: completion handler ignores the 'std::exception_ptr'
  asio::post(Io, [] {
    try {
      log("work");
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: empty handler swallows the exception in a completion handler
      // CHECK-FIXES-NOTES: {{^}}      throw;{{$}}
    }
  });
  // Handled, or async-fire-and-forget's: nothing here.
  asio::co_spawn(Io, fetch(), [](std::exception_ptr E, int) {
    if (E)
      std::rethrow_exception(E);
  });
  asio::co_spawn(Io, fetch(), asio::detached);
}
