#include "client.hpp"

namespace net {
void client::close_connect() { sock.close(); }

tether::task<std::size_t> client::fetch() {
  char data[64];
  std::size_t n = co_await sock.async_read_some(tether::net::buffer(data), tether::net::use_awaitable);
  co_await tether::net::async_write(audit, tether::net::buffer(data, n), tether::net::use_awaitable);
  co_return n;
}
} // namespace net
