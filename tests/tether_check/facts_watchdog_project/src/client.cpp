#include "client.hpp"
#include <asio/experimental/awaitable_operators.hpp>

namespace net {
void client::close_connect() { sock.close(); release(); }

tether::task<std::size_t> client::fetch() {
  char data[64];
  std::size_t n = co_await sock.async_read_some(tether::net::buffer(data), tether::net::use_awaitable);
  co_await tether::net::async_write(audit, tether::net::buffer(data, n), tether::net::use_awaitable);
  co_return n;
}

tether::task<void> client::ping() {
  using namespace tether::net::experimental::awaitable_operators;
  char data[8];
  co_await (audit.async_read_some(tether::net::buffer(data), tether::net::use_awaitable) ||
            timeout(std::chrono::seconds(5)));
  co_await (read_frame(audit) || timeout(std::chrono::seconds(5)));
}

tether::task<void> client::drain() {
  using namespace tether::net::experimental::awaitable_operators;
  auto step = [this]() -> tether::task<std::size_t> { co_return co_await read_trailer(audit); };
  co_await (step() || timeout_ms(5000));
}

tether::task<std::size_t> client::restore() {
  char data[8];
  co_return co_await backup.async_read_some(tether::net::buffer(data), tether::net::use_awaitable);
}
} // namespace net
