// An operation made to be started with a detached token (option
// DetachedOperations, or declared TETHER_DETACH_OK) runs until it is
// cancelled and has no error to lose: Boost.MySQL's connection_pool::async_run
// always completes with success, and its documentation starts it with
// `pool.async_run(asio::detached)`.
// RUN: %check_tidy %s async-fire-and-forget %t -- -- %boost_asio_flags -I %runtime_include
// With the option set, the list replaces the defaults.
// RUN: %check_tidy -check-suffixes=OPTION %s async-fire-and-forget %t -- \
// RUN:   -config="{CheckOptions: {async-fire-and-forget.DetachedOperations: 'service::async_serve'}}" \
// RUN:   -- %boost_asio_flags -I %runtime_include

#include <boost/asio.hpp>
#include <tether/annotations.hpp>

namespace net = boost::asio;
using boost::system::error_code;

namespace boost::mysql {
class connection_pool {
public:
  template <class Token> auto async_run(Token &&T) {
    return net::async_initiate<Token, void(error_code)>([](auto Handler) {},
                                                        T);
  }
  // Not listed: it can fail, and a detached token loses its error.
  template <class Token> auto async_get_connection(Token &&T) {
    return net::async_initiate<Token, void(error_code)>([](auto Handler) {},
                                                        T);
  }
};
} // namespace boost::mysql

namespace boost::mqtt5 {
// Its only completion is operation_aborted, when the client is cancelled.
template <class Stream> class mqtt_client {
public:
  template <class Token> auto async_run(Token &&T) {
    return net::async_initiate<Token, void(error_code)>([](auto Handler) {},
                                                        T);
  }
};
} // namespace boost::mqtt5

struct service {
  template <class Token> auto async_serve(Token &&T) {
    return net::async_initiate<Token, void(error_code)>([](auto Handler) {},
                                                        T);
  }
  TETHER_DETACH_OK void async_log(net::detached_t) {}
};

net::awaitable<void> session() { co_return; }

void start(net::io_context &Io, boost::mysql::connection_pool &Pool,
           service &S, boost::mqtt5::mqtt_client<int> &Client) {
  Client.async_run(net::detached);
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:3: warning: 'async_run' with 'detached' runs the operation unowned: its result and its error are lost [async-fire-and-forget]
  Pool.async_run(net::detached);
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:3: warning: 'async_run' with 'detached' runs the operation unowned: its result and its error are lost [async-fire-and-forget]
  Pool.async_run(net::bind_executor(Io.get_executor(), net::detached));
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:3: warning: 'async_run' with a detached completion token runs the operation unowned
  S.async_log(net::detached);
  Pool.async_get_connection(net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_get_connection' with 'detached' runs the operation unowned: its result and its error are lost [async-fire-and-forget]
  // CHECK-MESSAGES-OPTION: :[[@LINE-2]]:3: warning: 'async_get_connection' with 'detached' runs the operation unowned
  S.async_serve(net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_serve' with 'detached' runs the operation unowned: its result and its error are lost [async-fire-and-forget]
  // The list names operations, not the tasks co_spawn starts.
  net::co_spawn(Io, session(), net::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its result and its exception are lost [async-fire-and-forget]
  // CHECK-MESSAGES-OPTION: :[[@LINE-2]]:3: warning: 'co_spawn' with 'detached' runs the task unowned
}
