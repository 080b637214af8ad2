// RUN: %check_tidy %s 'async-*' %t -- -- %asio_flags -I %runtime_include -I %S/Inputs

#include "annotated_lib.h"
#include <coroutine>
#include <exception>
#include <sys/socket.h>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

// TETHER_BLOCKING: blocking wherever it is called from a coroutine.
awaitable<void> startup(db::store &store) {
  std::string text = db::load_config("app.conf");
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'db::load_config' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
  // CHECK-NOTES: Inputs{{/|\\}}annotated_lib.h:8:1: note: 'db::load_config' is declared blocking here
  // CHECK-NOTES: :[[@LINE-3]]:22: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
  store.flush();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'db::store::flush' blocks the thread
  // CHECK-NOTES: Inputs{{/|\\}}annotated_lib.h:10:3: note: 'db::store::flush' is declared blocking here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: run it on a thread pool

  co_return;
}

std::string settings() { return db::load_config("settings.conf"); }

awaitable<void> reload() {
  std::string text = settings();
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'settings' may block the thread that runs this coroutine and every task scheduled on it: it calls 'db::load_config' [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-5]]:33: note: 'settings' calls 'db::load_config' here
  // CHECK-NOTES: :[[@LINE-3]]:22: note: run it on a thread pool
  co_return;
}

// Not in a coroutine: nothing to block.
std::string at_startup() { return db::load_config("app.conf"); }

// TETHER_NONBLOCKING: the listed call in its body does not block, and the
// call of it is not one.
int net::try_connect(int fd) { return ::connect(fd, nullptr, 0); }

awaitable<void> dial(int fd) {
  net::try_connect(fd);
  co_return;
}

// TETHER_PROVIDES_DEADLINE: what is awaited through it has a deadline.
awaitable<void> read_header(tcp::socket &sock) {
  char buf[64];
  co_await net::bounded(sock.async_read_some(asio::buffer(buf), use_awaitable));
  co_await sock.async_read_some(asio::buffer(buf), use_awaitable);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wrap it in 'tether::with_timeout'
}

// TETHER_DETACH_OK: detaching what it starts is by design.
struct TETHER_DETACH_OK oneway {
  struct promise_type {
    oneway get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};
struct eager {
  struct promise_type {
    eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};
oneway notify(int code) { co_return; }
eager audit(int code) { co_return; }
awaitable<void> session();

void start(asio::io_context &io) {
  asio::co_spawn(io, jobs::log_forever(), asio::detached);
  asio::co_spawn(io, session(), asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned
  // CHECK-NOTES: :[[@LINE-2]]:3: note: own the task
  notify(1);
  audit(2);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'audit' is discarded and runs unowned
}

// Only what runs can be let go: a lazy task dropped still never runs.
awaitable<void> lazy_drop() {
  jobs::log_forever();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'log_forever' is discarded and never started
  // CHECK-FIXES: {{^}}  co_await jobs::log_forever();{{$}}
  co_return;
}
