// A throw destroys the lock guards of the scopes it leaves before its
// handler runs: a guard declared in a try block is gone by the time the code
// after the try suspends (asio-coro's jsoncons validator). A guard declared
// around the try, or a mutex locked by hand, is still held there.
// RUN: %check_tidy %s async-blocking-call-in-coroutine %t -- -- %asio_flags

#include <asio.hpp>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>

using asio::awaitable;
using asio::use_awaitable;

std::shared_mutex Shared;
std::mutex Mutex;

awaitable<void> unwound(asio::ip::tcp::socket &Socket, bool Have) {
  std::string Body;
  try {
    if (Have) {
      auto Lock = std::shared_lock{Shared};
      if (Body.empty())
        throw std::runtime_error("none");
      Body = "ok";
    }
  } catch (std::runtime_error &) {
    Body = "bad";
  }
  co_await asio::async_write(Socket, asio::buffer(Body), use_awaitable);
}

awaitable<void> suspendsInTheHandler(asio::ip::tcp::socket &Socket) {
  try {
    std::lock_guard<std::mutex> Lock(Mutex);
    throw std::runtime_error("none");
  } catch (std::runtime_error &) {
  }
  co_await asio::async_write(Socket, asio::buffer("x", 1), use_awaitable);
}

awaitable<void> heldAroundTheTry(asio::ip::tcp::socket &Socket, bool Have) {
  std::lock_guard<std::mutex> Lock(Mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: mutex 'Mutex' is held across a suspension point: every thread that wants it blocks until the coroutine resumes, which may be on another thread; unlock before suspending or use an async mutex such as 'tether::mutex' [async-blocking-call-in-coroutine]
  try {
    if (Have)
      throw std::runtime_error("none");
  } catch (std::runtime_error &) {
  }
  co_await asio::async_write(Socket, asio::buffer("x", 1), use_awaitable);
}

awaitable<void> lockedByHand(asio::ip::tcp::socket &Socket, bool Have) {
  try {
    Mutex.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: mutex 'Mutex' is held across a suspension point
    if (Have)
      throw std::runtime_error("none");
    Mutex.unlock();
  } catch (std::runtime_error &) {
  }
  co_await asio::async_write(Socket, asio::buffer("x", 1), use_awaitable);
}
