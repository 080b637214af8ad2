// With the runtime on Boost.Asio (TETHER_USE_BOOST_ASIO) the rewrites toward
// the runtime apply to boost::asio::awaitable coroutines.
// RUN: %check_tidy -check-suffixes=,WARN %s async-blocking-call-in-coroutine %t -- -- %boost_asio_flags -DTETHER_USE_BOOST_ASIO -I %runtime_include
// RUN: %check_tidy -check-suffixes=,WARN,NOTE -fix-notes %s async-blocking-call-in-coroutine %t -- -- %boost_asio_flags -DTETHER_USE_BOOST_ASIO -I %runtime_include

// CHECK-FIXES-WARN: {{^}}#include <tether/sleep.hpp>{{$}}
// CHECK-FIXES-NOTE: {{^}}#include <tether/offload.hpp>{{$}}
#include <utility>
#include <boost/asio.hpp>
#include <chrono>
#include <future>
#include <thread>

using boost::asio::awaitable;
using namespace std::chrono_literals;

awaitable<int> waitForResult(std::future<int> &Future) {
  std::this_thread::sleep_for(5ms);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  co_await tether::sleep_for(5ms);{{$}}
  co_return Future.get();
// CHECK-NOTES: :[[@LINE-1]]:13: warning: 'std::future::get' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:13: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_return co_await tether::offload([&] { return Future.get(); });{{$}}
}
