#include "client.hpp"
#include <array>

namespace net {
// Each is called only raced against a timer coroutine of another file.
tether::task<std::size_t> read_frame(tcp::socket &s) {
  std::array<char, 16> header;
  co_return co_await read_record(s, header);
}

tether::task<std::size_t> read_trailer(tcp::socket &s) {
  char data[4];
  co_return co_await s.async_read_some(tether::net::buffer(data), tether::net::use_awaitable);
}
} // namespace net
