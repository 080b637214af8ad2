#pragma once
#include <chrono>
#include <cstddef>
#include <ctime>
#include <list>
#include <memory>
#include <mutex>
#include <tether/tether.hpp>

namespace net {
using tcp = tether::net::ip::tcp;

// A client whose socket a reaper thread closes once its expiry has passed.
struct client {
  explicit client(tether::net::any_io_executor ex) : sock(ex), audit(ex), backup(ex) {}
  tcp::socket sock;
  tcp::socket audit;  // no reaper closes it
  tcp::socket backup; // closed by release(), which close_connect() calls
  std::time_t expiry = 0;
  void close_connect();
  void release();
  tether::task<std::size_t> fetch();
  tether::task<void> ping();
  tether::task<void> drain();
  tether::task<std::size_t> restore();
};

// Reads one record into any buffer: its callers, in other files, bound it.
template <class Buffer>
tether::task<std::size_t> read_record(tcp::socket &s, Buffer &buf) {
  co_return co_await s.async_read_some(tether::net::buffer(buf), tether::net::use_awaitable);
}

tether::task<std::size_t> read_frame(tcp::socket &s);
tether::task<std::size_t> read_trailer(tcp::socket &s);

// Waits for the duration: raced against an operation, its deadline.
tether::task<void> timeout(std::chrono::seconds d);
tether::task<void> timeout_ms(long ms);

struct reaper {
  std::mutex lock;
  std::list<std::weak_ptr<client>> watched;
  void loop();
};
} // namespace net
