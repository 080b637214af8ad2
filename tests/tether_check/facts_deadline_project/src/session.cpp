#include "proto.hpp"
#include <chrono>

using namespace std::chrono_literals;

proto::task<void> session(proto::tcp::socket socket) {
  co_await tether::with_timeout(proto::read_frame(socket), 5s);
  co_await proto::read_body(socket);
}
