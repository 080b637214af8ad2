// A detached task or thread whose last act hands its outcome to someone is
// owned through that hand-off: a promise its starter waits on, the completion
// handler of the operation it carries out (called, or posted to the handler's
// executor). Silent when nothing can skip the hand-off; when an exception can,
// the message says what is lost. So is a task spawned on the function's own
// event loop, which the function runs to completion after the spawn.
// RUN: %check_tidy %s async-fire-and-forget %t -- -- %asio_flags
// RUN: %check_tidy -check-suffixes=,NOPOST %s async-fire-and-forget %t -- \
// RUN:   -config="{CheckOptions: {async-fire-and-forget.HandlerPostFunctions: ''}}" \
// RUN:   -- %asio_flags

#include <asio.hpp>
#include <cstdio>
#include <exception>
#include <functional>
#include <future>
#include <latch>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

using asio::awaitable;
using asio::use_awaitable;

awaitable<int> query(int &Db);
awaitable<std::error_code> handshake(asio::ip::tcp::socket &S);
int checksum(const char *Path);

// A test that waits for the task through a promise the task sets last, in
// its try block and in its handler.
int waitsThroughPromise(int Fail) {
  asio::io_context Ctx;
  int Db = 0;
  std::promise<int> Promise;
  asio::co_spawn(
      Ctx,
      [&]() -> awaitable<void> {
        try {
          Promise.set_value(co_await query(Db));
        } catch (const std::exception &) {
          Promise.set_value(Fail);
        }
      },
      asio::detached);
  std::jthread Runner{[&Ctx] { Ctx.run(); }};
  const int Result = Promise.get_future().get();
  Ctx.stop();
  return Result;
}

// Without the try, an exception of query() skips the signal.
int exceptionSkipsThePromise() {
  asio::io_context Ctx;
  int Db = 0;
  std::promise<int> Promise;
  asio::co_spawn(
      Ctx, [&]() -> awaitable<void> { Promise.set_value(co_await query(Db)); },
      asio::detached);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its last act hands its outcome to 'Promise', but an exception it throws is lost and 'Promise' never hears of its end [async-fire-and-forget]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: own the task: spawn it on a 'tether::task_group', co_await it with 'use_awaitable', or pass a completion handler that handles its 'std::exception_ptr'
  std::jthread Runner{[&Ctx] { Ctx.run(); }};
  return Promise.get_future().get();
}

// The handler only logs: nothing hears of the failure.
void handlerDoesNotSignal(asio::io_context &Ctx) {
  int Db = 0;
  std::promise<int> Promise;
  asio::co_spawn(
      Ctx,
      [&]() -> awaitable<void> {
        try {
          Promise.set_value(co_await query(Db));
        } catch (const std::exception &E) {
          std::puts(E.what());
        }
      },
      asio::detached);
  // CHECK-MESSAGES: :[[@LINE-10]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its body handles its exceptions, but nobody can wait for it or cancel it [async-fire-and-forget]
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: own the task: spawn it on a 'tether::task_group', co_await it with 'use_awaitable', or pass a completion handler that handles its 'std::exception_ptr'
}

// The signal is not the last act: the task goes on after it.
awaitable<void> more();
void signalsThenGoesOn(asio::io_context &Ctx) {
  std::promise<void> Started;
  asio::co_spawn(
      Ctx,
      [&]() -> awaitable<void> {
        try {
          Started.set_value();
          co_await more();
        } catch (...) {
          Started.set_value();
        }
      },
      asio::detached);
  // CHECK-MESSAGES: :[[@LINE-11]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its body handles its exceptions, but nobody can wait for it or cancel it [async-fire-and-forget]
  // CHECK-MESSAGES: :[[@LINE-12]]:3: note: own the task: spawn it on a 'tether::task_group', co_await it with 'use_awaitable', or pass a completion handler that handles its 'std::exception_ptr'
}

// An operation carried out by a detached task whose last act calls the
// completion handler: an initiation of async_initiate.
struct InitiateHandshake {
  template <typename Handler>
  void operator()(Handler &&H, asio::ip::tcp::socket *S) const {
    auto Executor = asio::get_associated_executor(H);
    asio::co_spawn(
        Executor,
        [S, H = std::move(H)]() mutable -> awaitable<void> {
          auto Ec = co_await handshake(*S);
          H(Ec);
        },
        asio::detached);
    // CHECK-MESSAGES: :[[@LINE-7]]:5: warning: 'co_spawn' with 'detached' runs the task unowned: its last act hands its outcome to 'H', but an exception it throws is lost and 'H' never hears of its end [async-fire-and-forget]
    // CHECK-MESSAGES: :[[@LINE-8]]:5: note: own the task: spawn it on a 'tether::task_group', co_await it with 'use_awaitable', or pass a completion handler that handles its 'std::exception_ptr'
  }
};
template <typename Token>
auto asyncHandshake(asio::ip::tcp::socket &S, Token &&T) {
  return asio::async_initiate<Token, void(std::error_code)>(
      InitiateHandshake{}, T, &S);
}

// The same in a generic lambda of a member function template (an operation
// of async_compose): the spawn is judged in the lambda's instantiation.
struct Connection {
  asio::ip::tcp::socket Socket;
  template <typename Token> auto asyncHello(Token &&T) {
    return asio::async_compose<Token, void(std::error_code)>(
        [this](auto &Outer) {
          asio::co_spawn(
              Socket.get_executor(),
              [this, Self = std::move(Outer)]() mutable -> awaitable<void> {
                auto Ec = co_await handshake(Socket);
                Self.complete(Ec);
              },
              asio::detached);
          // CHECK-MESSAGES: :[[@LINE-7]]:11: warning: 'co_spawn' with 'detached' runs the task unowned: its last act hands its outcome to 'Outer', but an exception it throws is lost and 'Outer' never hears of its end [async-fire-and-forget]
          // CHECK-MESSAGES: :[[@LINE-8]]:11: note: own the task: spawn it on a 'tether::task_group', co_await it with 'use_awaitable', or pass a completion handler that handles its 'std::exception_ptr'
        },
        T, Socket);
  }
};
awaitable<void> hello(Connection &C) { co_await C.asyncHello(use_awaitable); }

// The same, with every exception handed to 'self' too.
struct GuardedConnection {
  asio::ip::tcp::socket Socket;
  template <typename Token> auto asyncHello(Token &&T) {
    return asio::async_compose<Token, void(std::error_code)>(
        [this](auto &Outer) {
          asio::co_spawn(
              Socket.get_executor(),
              [this, Self = std::move(Outer)]() mutable -> awaitable<void> {
                try {
                  Self.complete(co_await handshake(Socket));
                } catch (...) {
                  Self.complete(std::make_error_code(std::errc::io_error));
                }
              },
              asio::detached);
        },
        T, Socket);
  }
};
awaitable<void> guardedHello(GuardedConnection &C) {
  co_await C.asyncHello(use_awaitable);
}

// The same, with every exception handed to the handler too.
struct InitiateGuardedHandshake {
  template <typename Handler>
  void operator()(Handler &&H, asio::ip::tcp::socket *S) const {
    asio::co_spawn(
        S->get_executor(),
        [S, H = std::move(H)]() mutable -> awaitable<void> {
          try {
            std::move(H)(co_await handshake(*S));
          } catch (...) {
            std::move(H)(std::make_error_code(std::errc::io_error));
          }
        },
        asio::detached);
  }
};
template <typename Token>
auto asyncGuardedHandshake(asio::ip::tcp::socket &S, Token &&T) {
  return asio::async_initiate<Token, void(std::error_code)>(
      InitiateGuardedHandshake{}, T, &S);
}

// A coroutine function given the handler as a parameter.
awaitable<void> runHandshake(asio::ip::tcp::socket &S,
                             std::function<void(std::error_code)> Done) {
  try {
    Done(co_await handshake(S));
  } catch (const std::exception &) {
    Done(std::make_error_code(std::errc::io_error));
  }
}
void startHandshake(asio::ip::tcp::socket &S,
                    std::function<void(std::error_code)> Done) {
  asio::co_spawn(S.get_executor(), runHandshake(S, std::move(Done)),
                 asio::detached);
}

// A handler that is not the starter's: a callable the task made itself.
void callsItsOwnCallable(asio::io_context &Ctx) {
  asio::co_spawn(
      Ctx,
      []() -> awaitable<void> {
        auto Report = [](int) {};
        try {
          int Db = 0;
          Report(co_await query(Db));
        } catch (...) {
          Report(-1);
        }
      },
      asio::detached);
  // CHECK-MESSAGES: :[[@LINE-12]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its body handles its exceptions, but nobody can wait for it or cancel it [async-fire-and-forget]
  // CHECK-MESSAGES: :[[@LINE-13]]:3: note: own the task: spawn it on a 'tether::task_group', co_await it with 'use_awaitable', or pass a completion handler that handles its 'std::exception_ptr'
}

// A thread that posts the result to the handler's executor as its last act
// (an exception that escapes a thread ends the program: nothing is lost).
template <typename Token>
auto asyncChecksum(const char *Path, Token &&T) {
  return asio::async_initiate<Token, void(std::error_code, int)>(
      [](auto Handler, const char *Path) {
        std::thread([Path, Handler = std::move(Handler)]() mutable {
          int Sum = checksum(Path);
          std::string Text = std::to_string(Sum);
          auto Executor = asio::get_associated_executor(Handler);
          asio::post(Executor, [Handler = std::move(Handler), Sum]() mutable {
            Handler(std::error_code(), Sum);
          });
        }).detach();
        // CHECK-MESSAGES-NOPOST: :[[@LINE-8]]:9: warning: detached thread runs unowned: nobody can join it or observe its end; keep it and join it, or use 'std::jthread' [async-fire-and-forget]
      },
      T, Path);
}

// The posted callable calls the handler on one path only.
template <typename Token>
auto asyncChecksumIfAny(const char *Path, Token &&T) {
  return asio::async_initiate<Token, void(std::error_code, int)>(
      [](auto Handler, const char *Path) {
        std::thread([Path, Handler = std::move(Handler)]() mutable {
          int Sum = checksum(Path);
          asio::post(asio::get_associated_executor(Handler),
                     [Handler = std::move(Handler), Sum]() mutable {
                       if (Sum)
                         Handler(std::error_code(), Sum);
                     });
        }).detach();
        // CHECK-MESSAGES: :[[@LINE-8]]:9: warning: detached thread runs unowned: nobody can join it or observe its end; keep it and join it, or use 'std::jthread' [async-fire-and-forget]
      },
      T, Path);
}

// A named thread that counts a latch down last; the starter waits on it.
void countsDown() {
  std::latch Done(1);
  std::thread Worker([&Done] {
    checksum("a");
    Done.count_down();
  });
  Worker.detach();
  Done.wait();
}

// A thread that counts down first and works on the starter's data after.
void countsDownFirst(const char *Path) {
  std::latch Started(1);
  std::thread Worker([&Started, Path] {
    Started.count_down();
    checksum(Path);
  });
  Worker.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread runs unowned: nobody can join it or observe its end; keep it and join it, or use 'std::jthread' [async-fire-and-forget]
  Started.wait();
}

// A helper that runs a task on an event loop of its own until no work is
// left: the task has ended when run() returns, and its exception is kept.
template <typename T> T runSync(awaitable<T> Task) {
  asio::io_context Ctx;
  std::exception_ptr Error;
  T Result{};
  asio::co_spawn(
      Ctx,
      [&]() -> awaitable<void> {
        try {
          Result = co_await std::move(Task);
        } catch (...) {
          Error = std::current_exception();
        }
      },
      asio::detached);
  Ctx.run();
  if (Error)
    std::rethrow_exception(Error);
  return Result;
}
int useRunSync(int &Db) { return runSync(query(Db)); }

// Without the catch the exception is lost, run() or not.
void runLosingTheException(int &Db) {
  asio::io_context Ctx;
  asio::co_spawn(
      Ctx, [&]() -> awaitable<void> { co_await query(Db); }, asio::detached);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its result and its exception are lost [async-fire-and-forget]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: own the task: spawn it on a 'tether::task_group', co_await it with 'use_awaitable', or pass a completion handler that handles its 'std::exception_ptr'
  Ctx.run();
}

// A loop run before the spawn, or a loop the function was given, does not
// wait for the task here.
void runsBefore(asio::io_context &Shared) {
  asio::io_context Ctx;
  Ctx.run();
  asio::co_spawn(
      Ctx,
      []() -> awaitable<void> {
        try {
          co_await asio::this_coro::executor;
        } catch (...) {
        }
      },
      asio::detached);
  // CHECK-MESSAGES: :[[@LINE-9]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its body handles its exceptions, but nobody can wait for it or cancel it [async-fire-and-forget]
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: own the task: spawn it on a 'tether::task_group', co_await it with 'use_awaitable', or pass a completion handler that handles its 'std::exception_ptr'
  asio::co_spawn(
      Shared,
      []() -> awaitable<void> {
        try {
          co_await asio::this_coro::executor;
        } catch (...) {
        }
      },
      asio::detached);
  // CHECK-MESSAGES: :[[@LINE-9]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its body handles its exceptions, but nobody can wait for it or cancel it [async-fire-and-forget]
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: own the task: spawn it on a 'tether::task_group', co_await it with 'use_awaitable', or pass a completion handler that handles its 'std::exception_ptr'
  Shared.run();
}

void use(asio::ip::tcp::socket &S) {
  asyncHandshake(S, [](std::error_code) {});
  asyncGuardedHandshake(S, [](std::error_code) {});
  asyncChecksum("f", [](std::error_code, int) {});
  asyncChecksumIfAny("f", [](std::error_code, int) {});
}
