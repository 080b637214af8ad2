// What a detached start loses: a task whose body handles its own exceptions
// (Asio's echo and chat servers) loses only its owner, and the message says
// so; a type designed to be started and dropped (option FireAndForgetTypes,
// concurrencpp's null_result, Boost.Cobalt's detached, kelcoro's job,
// drogon's AsyncTask, asyncpp's fire_and_forget_task, corolib's oneway_task,
// DPP's job) is not reported when it runs.
// RUN: %check_tidy %s async-fire-and-forget %t -- -- %asio_flags
// RUN: %check_tidy -check-suffixes=,NOTYPES %s async-fire-and-forget %t -- \
// RUN:   -config="{CheckOptions: {async-fire-and-forget.FireAndForgetTypes: ''}}" \
// RUN:   -- %asio_flags

#include <asio.hpp>
#include <cstdio>
#include <exception>
#include <memory>
#include <stdexcept>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

// Asio's cpp20/coroutines/echo_server.cpp.
awaitable<void> echo(tcp::socket Socket) {
  try {
    char Data[1024];
    for (;;) {
      std::size_t N =
          co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
      co_await asio::async_write(Socket, asio::buffer(Data, N), use_awaitable);
    }
  } catch (std::exception &E) {
    std::printf("echo Exception: %s\n", E.what());
  }
}

awaitable<void> rethrows(tcp::socket Socket) {
  try {
    char Data[1024];
    co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
  } catch (std::exception &E) {
    std::printf("failed: %s\n", E.what());
    throw;
  }
}

awaitable<void> unguarded(tcp::socket Socket) {
  char Data[1024];
  co_await Socket.async_read_some(asio::buffer(Data), use_awaitable);
}

awaitable<void> greet(std::shared_ptr<tcp::socket> Socket) {
  try {
    co_await asio::async_write(*Socket, asio::buffer("hello\n", 6),
                               use_awaitable);
  } catch (...) {
    std::puts("greeting failed");
  }
  co_return;
}

awaitable<void> greetUnguarded(std::shared_ptr<tcp::socket> Socket) {
  co_await asio::async_write(*Socket, asio::buffer("hello\n", 6),
                             use_awaitable);
}

awaitable<void> listener(tcp::acceptor &Acceptor) {
  auto Executor = co_await asio::this_coro::executor;
  tcp::socket Socket = co_await Acceptor.async_accept(use_awaitable);
  asio::co_spawn(Executor, echo(std::move(Socket)), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its body handles its exceptions, but nobody can wait for it or cancel it [async-fire-and-forget]
  asio::co_spawn(
      Executor,
      []() -> awaitable<void> {
        try {
          co_await asio::this_coro::executor;
        } catch (...) {
        }
      },
      asio::detached);
  // CHECK-MESSAGES: :[[@LINE-9]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its body handles its exceptions, but nobody can wait for it or cancel it [async-fire-and-forget]
  asio::co_spawn(Executor, rethrows(tcp::socket(Executor)), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its result and its exception are lost [async-fire-and-forget]
  asio::co_spawn(Executor, unguarded(tcp::socket(Executor)), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its result and its exception are lost [async-fire-and-forget]
  // A `co_return;` after the `try` that handles everything, and a lambda that
  // only forwards to the coroutine, keeping what it captures alive: the body
  // that runs handles its exceptions.
  auto Shared = std::make_shared<tcp::socket>(Executor);
  asio::co_spawn(Executor, greet(Shared), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its body handles its exceptions, but nobody can wait for it or cancel it [async-fire-and-forget]
  asio::co_spawn(Executor, [Shared] { return greet(Shared); }, asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its body handles its exceptions, but nobody can wait for it or cancel it [async-fire-and-forget]
  asio::co_spawn(
      Executor, [Shared] { return greetUnguarded(Shared); }, asio::detached);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its result and its exception are lost [async-fire-and-forget]
}

// concurrencpp's null_result: a coroutine type made to be started and
// dropped; its promise ignores what it returns and throws.
namespace concurrencpp {
struct null_result {
  struct promise_type {
    null_result get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
} // namespace concurrencpp

concurrencpp::null_result delayedTask() { co_return; }

void startDelayed() {
  delayedTask();
  // CHECK-MESSAGES-NOTYPES: :[[@LINE-1]]:3: warning: task returned by 'delayedTask' is discarded and runs unowned: its result and its exception are lost; co_await it or keep it to await later [async-fire-and-forget]
}

// Boost.Cobalt's detached: an eager coroutine made to be started and dropped;
// its promise rethrows what escapes, out of the executor's run().
namespace boost::cobalt {
struct detached {
  struct promise_type {
    detached get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
};
} // namespace boost::cobalt

boost::cobalt::detached setWhenRun(bool &Done) {
  co_await std::suspend_always{};
  Done = true;
}

void startCobaltDetached(bool &Done) {
  setWhenRun(Done);
  // CHECK-MESSAGES-NOTYPES: :[[@LINE-1]]:3: warning: task returned by 'setWhenRun' is discarded and runs unowned: its result and its exception are lost; co_await it or keep it to await later [async-fire-and-forget]
}

// kelcoro's job: eager, gone at its end, with no result; an exception
// escaping it ends the program.
namespace dd {
struct job_promise;
struct job {
  using promise_type = job_promise;
  std::coroutine_handle<job_promise> handle;
};
struct job_promise {
  static constexpr std::suspend_never initial_suspend() noexcept { return {}; }
  static constexpr std::suspend_never final_suspend() noexcept { return {}; }
  job get_return_object() noexcept {
    return job{std::coroutine_handle<job_promise>::from_promise(*this)};
  }
  static constexpr void return_void() noexcept {}
  [[noreturn]] static void unhandled_exception() noexcept { std::terminate(); }
};
} // namespace dd

dd::job countOne(int &Done) {
  ++Done;
  co_return;
}

void startJob(int &Done) {
  countOne(Done);
  // CHECK-MESSAGES-NOTYPES: :[[@LINE-1]]:3: warning: task returned by 'countOne' is discarded and runs unowned: nobody can wait for it or cancel it, and an exception escaping it ends the program; co_await it or keep it to await later [async-fire-and-forget]
}

// drogon's AsyncTask: "designed to be not awaitable"; an exception escaping
// it ends the program.
namespace drogon {
struct AsyncTask {
  struct promise_type {
    AsyncTask get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() { std::terminate(); }
  };
};
} // namespace drogon

drogon::AsyncTask handleRequest(int &Done) {
  ++Done;
  co_return;
}

void startDrogon(int &Done) {
  handleRequest(Done);
  // CHECK-MESSAGES-NOTYPES: :[[@LINE-1]]:3: warning: task returned by 'handleRequest' is discarded and runs unowned: nobody can wait for it or cancel it, and an exception escaping it ends the program; co_await it or keep it to await later [async-fire-and-forget]
}

// DPP's job, "designed to send off a coroutine to execute on its own": an
// empty type whose promise (from a coroutine_traits specialization) rethrows
// to whoever resumes the coroutine; DPP's event router starts one per event.
namespace dpp {
struct job {};
template <typename... Args> struct job_promise {
  job get_return_object() const noexcept { return {}; }
  std::suspend_never initial_suspend() const noexcept { return {}; }
  std::suspend_never final_suspend() const noexcept { return {}; }
  void unhandled_exception() const { throw; }
  void return_void() const noexcept {}
};
} // namespace dpp
template <typename... Args> struct std::coroutine_traits<dpp::job, Args...> {
  using promise_type = dpp::job_promise<Args...>;
};

dpp::job onEvent(int &Done) {
  co_await std::suspend_always{};
  ++Done;
}

void routeEvent(int &Done) {
  onEvent(Done);
  // CHECK-MESSAGES-NOTYPES: :[[@LINE-1]]:3: warning: task returned by 'onEvent' is discarded and runs unowned: its result and its exception are lost; co_await it or keep it to await later [async-fire-and-forget]
}

// A function declared to return a task that only throws is no coroutine: it
// makes no task, and its exception reaches the caller (DPP's tests of job).
void throwsBeforeAnyTask() {
  try {
    []() -> dpp::job { throw std::runtime_error("no task"); }();
  } catch (const std::runtime_error &) {
  }
}

// corolib's oneway_task: "A oneway_task object cannot be co_awaited for";
// an exception escaping it ends the program.
namespace corolib {
class oneway_task {
public:
  struct promise_type {
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
    oneway_task get_return_object() { return {}; }
    void return_void() {}
  };
};
} // namespace corolib

struct Event {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

corolib::oneway_task oneClient(Event &Done) {
  co_await Done;
}

void startClients(Event &Done) {
  (void)oneClient(Done);
  // CHECK-MESSAGES-NOTYPES: :[[@LINE-1]]:9: warning: task returned by 'oneClient' is discarded and runs unowned: nobody can wait for it or cancel it, and an exception escaping it ends the program; co_await it or keep it to await later [async-fire-and-forget]
}

// asyncpp's fire_and_forget_task, lazy or eager by a template argument: a
// lazy one dropped never runs, listed or not.
namespace asyncpp::detail {
template <bool Eager> struct fire_and_forget_task_impl {
  struct promise_type {
    fire_and_forget_task_impl get_return_object() noexcept { return {}; }
    auto initial_suspend() noexcept {
      struct awaiter {
        bool await_ready() const noexcept { return Eager; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        void await_resume() const noexcept {}
      };
      return awaiter{};
    }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
};
} // namespace asyncpp::detail
using eager_fire_and_forget_task =
    asyncpp::detail::fire_and_forget_task_impl<true>;
using lazy_fire_and_forget_task =
    asyncpp::detail::fire_and_forget_task_impl<false>;

eager_fire_and_forget_task runsAtOnce(int &Done) {
  ++Done;
  co_return;
}
lazy_fire_and_forget_task runsWhenStarted(int &Done) {
  ++Done;
  co_return;
}

void startAsyncpp(int &Done) {
  runsAtOnce(Done);
  // CHECK-MESSAGES-NOTYPES: :[[@LINE-1]]:3: warning: task returned by 'runsAtOnce' is discarded
  runsWhenStarted(Done);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'runsWhenStarted' is discarded and never started: its body does not run; co_await it or keep it to await later [async-fire-and-forget]
}

// A start that suspends only to resume at once: await_suspend hands back the
// coroutine's own handle, so the body runs in the call (beman.task's tests):
// an eager task.
struct resume_at_once {
  bool await_ready() noexcept { return false; }
  template <class P>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<P> H) noexcept {
    return H;
  }
  void await_resume() noexcept {}
};
struct tester {
  struct promise_type {
    resume_at_once initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() { throw; }
    tester get_return_object() {
      return {std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    void return_void() {}
  };
  std::coroutine_handle<promise_type> Handle;
  ~tester() {
    if (Handle)
      Handle.destroy();
  }
};

// Its body never suspends: it ends in the call, and its exception reaches
// the caller. One that suspends is destroyed there by the task's destructor,
// and the rest of its body never runs.
void startsInTheCall(bool &Called) {
  [](bool &C) -> tester {
    C = true;
    co_return;
  }(Called);
  [](bool &C) -> tester {
    co_await std::suspend_always{};
    C = true;
  }(Called);
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: task returned by the immediately invoked lambda is discarded and its destructor cancels it: the coroutine is destroyed where it first suspends and the rest of its body never runs; co_await it or keep it to await later [async-fire-and-forget]
}
