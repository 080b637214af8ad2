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
  explicit client(tether::net::any_io_executor ex) : sock(ex), audit(ex) {}
  tcp::socket sock;
  tcp::socket audit; // no reaper closes it
  std::time_t expiry = 0;
  void close_connect();
  tether::task<std::size_t> fetch();
  tether::task<void> ping();
};

// Waits for the duration: raced against an operation, its deadline.
tether::task<void> timeout(std::chrono::seconds d);

struct reaper {
  std::mutex lock;
  std::list<std::weak_ptr<client>> watched;
  void loop();
};
} // namespace net
