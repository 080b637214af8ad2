// RUN: %check_tidy -check-suffixes=,CAST %s async-fire-and-forget %t -- -- %asio_flags
// RUN: %check_tidy -check-suffixes=,ALLOWCAST %s async-fire-and-forget %t -- \
// RUN:   -config="{CheckOptions: {async-fire-and-forget.AllowCastToVoid: true}}" -- %asio_flags

#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <future>
#include <thread>
#include <vector>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<int> fetch(int Id) { co_return Id; }
awaitable<void> ping() { co_return; }

struct Session {
  tcp::socket Socket;
  awaitable<void> greet() { co_return; }

  awaitable<void> run() {
    greet();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'greet' is discarded and never started: its body does not run; co_await it or keep it to await later [async-fire-and-forget]
    // CHECK-FIXES: {{^}}    co_await greet();{{$}}
    this->greet();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'greet' is discarded and never started
    // CHECK-FIXES: {{^}}    co_await this->greet();{{$}}
    char Buffer[64];
    Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'async_read_some' is discarded and never started
    // CHECK-FIXES: {{^}}    co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);{{$}}
    co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
  }
};

awaitable<void> positives(Session &S, tcp::socket &Socket) {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded and never started
  // CHECK-FIXES: {{^}}  co_await fetch(1);{{$}}
  S.greet();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'greet' is discarded and never started
  // CHECK-FIXES: {{^}}  co_await S.greet();{{$}}
  []() -> awaitable<void> { co_return; }();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by the immediately invoked lambda is discarded and never started
  // CHECK-FIXES: {{^}}  co_await []() -> awaitable<void> { co_return; }();{{$}}
  auto Handler = []() -> awaitable<void> { co_return; };
  Handler();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by the lambda 'Handler' is discarded and never started
  // CHECK-FIXES: {{^}}  co_await Handler();{{$}}
  (void)fetch(2);
  // CHECK-MESSAGES-CAST: :[[@LINE-1]]:9: warning: task returned by 'fetch' is discarded and never started
  // CHECK-FIXES-CAST: {{^}}  co_await fetch(2);{{$}}
  static_cast<void>(fetch(3));
  // CHECK-MESSAGES-CAST: :[[@LINE-1]]:21: warning: task returned by 'fetch' is discarded and never started
  if (Socket.is_open())
    ping();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'ping' is discarded and never started
  // CHECK-FIXES: {{^}}    co_await ping();{{$}}
  for (int I = 0; I < 3; ++I) {
    fetch(I);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'fetch' is discarded and never started
    // Awaiting in a loop is on a note: see async-fire-and-forget-loops.cpp.
  }
  switch (Socket.available()) {
  case 0:
    ping();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'ping' is discarded and never started
    // CHECK-FIXES: {{^}}    co_await ping();{{$}}
    break;
  default:
    break;
  }
  {
    using namespace asio::experimental::awaitable_operators;
    asio::steady_timer Timer(Socket.get_executor());
    char Buffer[8];
    Timer.async_wait(use_awaitable) || Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'operator||' is discarded and never started
    // CHECK-FIXES: {{^}}    co_await (Timer.async_wait(use_awaitable) || Socket.async_read_some(asio::buffer(Buffer), use_awaitable));{{$}}
  }
  auto Lambda = []() -> awaitable<void> {
    ping();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'ping' is discarded and never started
    // CHECK-FIXES: {{^}}    co_await ping();{{$}}
    co_return;
  };
  co_await Lambda();
  // A plain lambda inside a coroutine is not inside it: no co_await there.
  auto Plain = [] { ping(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: task returned by 'ping' is discarded and never started
  Plain();
}

// Outside a coroutine there is nothing to co_await with: warning, no fix.
void notACoroutine() {
  fetch(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is discarded and never started
}

// A coroutine with another executor cannot await an any_io_executor task.
awaitable<void, asio::io_context::executor_type> otherExecutor() {
  ping();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'ping' is discarded and never started
  co_return;
}

template <typename T> awaitable<void> generic(T &Object) {
  Object.greet();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'greet' is discarded and never started
  // CHECK-FIXES: {{^}}  co_await Object.greet();{{$}}
  co_return;
}
template awaitable<void> generic<Session>(Session &);

#define START(task) task
#define PING_TWICE() ping(); ping()
awaitable<void> macros() {
  START(ping());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'ping' is discarded and never started
  // Both discards expand at one place: clang-tidy reports them once.
  PING_TWICE();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'ping' is discarded and never started
  co_return;
}

void detached(asio::io_context &Io, tcp::socket &Socket) {
  asio::co_spawn(Io, ping(), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its result and its exception are lost [async-fire-and-forget]
  using asio::co_spawn;
  using asio::detached;
  co_spawn(Io.get_executor(), fetch(5), detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned
  co_spawn(Io, [&]() -> awaitable<void> { co_await ping(); }, detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned
#define SPAWN(x) asio::co_spawn(Io, x, asio::detached)
  SPAWN(ping());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned
  static const char Reply[] = "ok";
  asio::async_write(Socket, asio::buffer(Reply), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_write' with 'detached' runs the operation unowned: its result and its error are lost
}

void threads(std::thread *Pointer) {
  std::thread Worker([] {});
  Worker.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread runs unowned: nobody can join it or observe its end; keep it and join it, or use 'std::jthread'
  std::thread([] {}).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread runs unowned
  Pointer->detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread runs unowned
  std::async(std::launch::async, [] { return 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: future returned by 'std::async' is discarded: its destructor waits for the task, so the call runs synchronously; keep the future and get() it later
  std::promise<int> Promise;
  Promise.get_future();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: future returned by 'get_future' is discarded: the result and the exception of the operation are lost
}

// Negatives: every task, thread and future here has an owner.
awaitable<int> owned(tcp::socket &Socket, asio::io_context &Io) {
  co_await ping();
  int Value = co_await fetch(6);
  auto Later = fetch(7);
  Value += co_await std::move(Later);
  std::vector<awaitable<int>> Pending;
  Pending.push_back(fetch(8));
  Pending.emplace_back(fetch(9));
  for (auto &Task : Pending)
    Value += co_await std::move(Task);
  co_await asio::co_spawn(Io, ping(), use_awaitable);
  asio::co_spawn(Io, ping(), [](std::exception_ptr Error) {
    if (Error)
      std::rethrow_exception(Error);
  });
  char Buffer[8];
  std::size_t Read = co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
  Value += static_cast<int>(Read);
  auto Make = [] { return ping(); };
  co_await Make();
  co_return Value;
}

awaitable<int> forward() { return fetch(10); }
awaitable<void> Member = ping();

int plainValue();
void plainCalls() {
  plainValue();
  std::thread Worker([] {});
  Worker.join();
  std::jthread Joined([] {});
  auto Future = std::async(std::launch::async, [] { return 1; });
  Future.get();
  std::shared_future<int> Shared = std::async([] { return 2; }).share();
  Shared.get();
  decltype(fetch(0)) *Unevaluated = nullptr;
  (void)Unevaluated;
}
