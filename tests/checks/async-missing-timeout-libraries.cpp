// Coroutines that tether::with_timeout cannot serve get the warning without a
// rewrite: other coroutine libraries (their I/O named in IOFunctions), and
// Asio awaitables on an executor other than the default one.
// RUN: %check_tidy -fix-notes %s async-missing-timeout %t -- \
// RUN:   -config="{CheckOptions: {async-missing-timeout.IOFunctions: 'asio::basic_stream_socket::async_read_some;::lib::net::connection::read'}}" \
// RUN:   -- %asio_flags -I %S/Inputs -I %runtime_include

#include "coro_lib.h"
#include <asio.hpp>

namespace lib::net {
struct connection {
  lazy_task read();
  lazy_task write();
};
} // namespace lib::net

lib::lazy_task session(lib::net::connection &Connection) {
  co_await Connection.read();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'read' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
  co_await Connection.write();
}

using IoExecutor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<asio::ip::tcp, IoExecutor>;

asio::awaitable<void, IoExecutor> onContextExecutor(Socket &S) {
  char Buffer[64];
  co_await S.async_read_some(asio::buffer(Buffer),
                             asio::use_awaitable_t<IoExecutor>());
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'async_read_some' is awaited with no deadline
}
