#pragma once
#include <cstddef>
#include <tether/tether.hpp>

namespace proto {
using tether::task;
using tcp = tether::net::ip::tcp;
// Each reads from the peer, with no deadline of its own.
task<std::size_t> read_header(tcp::socket &socket);
task<std::size_t> read_body(tcp::socket &socket);
// Both of them, one after the other.
task<std::size_t> read_frame(tcp::socket &socket);
} // namespace proto
