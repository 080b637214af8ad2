#include "proto.hpp"

namespace proto {
task<std::size_t> read_header(tcp::socket &socket) {
  char header[4];
  co_return co_await socket.async_read_some(tether::net::buffer(header), tether::net::use_awaitable);
}

task<std::size_t> read_body(tcp::socket &socket) {
  char body[64];
  co_return co_await socket.async_read_some(tether::net::buffer(body), tether::net::use_awaitable);
}
} // namespace proto
