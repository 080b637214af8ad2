// With the runtime on Boost.Asio (TETHER_USE_BOOST_ASIO) the rethrow is
// fixed; without it tether::is_cancellation would not know Boost's
// system_error, so the warning stands alone.
// RUN: %check_tidy -check-suffixes=,FIX %s async-swallowed-exception %t -- -- %boost_asio_flags -DTETHER_USE_BOOST_ASIO -I %runtime_include
// RUN: %check_tidy %s async-swallowed-exception %t -- -- %boost_asio_flags -I %runtime_include

#include <utility>
#include <boost/asio.hpp>
// CHECK-FIXES-FIX: {{^}}#include <tether/cancellation.hpp>{{$}}

namespace net = boost::asio;
using net::awaitable;
using net::use_awaitable;
using tcp = net::ip::tcp;

void log(const char *);

awaitable<void> readLoop(tcp::socket &Socket) {
  char Buffer[64];
  for (;;) {
    try {
      co_await Socket.async_read_some(net::buffer(Buffer), use_awaitable);
    } catch (const boost::system::system_error &E) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler swallows cancellation and the loop goes on: the coroutine keeps running after it was cancelled; rethrow cancellations [async-swallowed-exception]
      // CHECK-FIXES-FIX: {{^}}      if (tether::is_cancellation(std::current_exception())) throw;{{$}}
      if (E.code() != net::error::operation_aborted)
        log(E.what());
    }
  }
}

awaitable<void> rethrowsCancellation(tcp::socket &Socket) {
  char Buffer[64];
  for (;;) {
    try {
      co_await Socket.async_read_some(net::buffer(Buffer), use_awaitable);
    } catch (const boost::system::system_error &E) {
      if (E.code() == net::error::operation_aborted)
        throw;
      log(E.what());
    } catch (...) {
      log("other");
    }
  }
}

awaitable<int> answer() { co_return 42; }

void spawn(net::io_context &Io) {
  net::co_spawn(Io, answer(), [](std::exception_ptr, int) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: completion handler ignores the 'std::exception_ptr' it receives from 'co_spawn': the exception is lost; rethrow it or handle it [async-swallowed-exception]
  net::co_spawn(Io, answer(), [](std::exception_ptr E, int) {
    if (E)
      std::rethrow_exception(E);
  });
}
