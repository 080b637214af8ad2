#include "proto.hpp"

namespace proto {
task<std::size_t> read_frame(tcp::socket &socket) {
  std::size_t n = co_await read_header(socket);
  co_return n + co_await read_body(socket);
}
} // namespace proto
