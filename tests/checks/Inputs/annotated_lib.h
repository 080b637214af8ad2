// A library that declares what its functions do: no body in sight.
#pragma once
#include <asio.hpp>
#include <string>
#include <tether/annotations.hpp>

namespace db {
TETHER_BLOCKING std::string load_config(const std::string &path);
struct store {
  TETHER_BLOCKING void flush();
};
} // namespace db

namespace net {
// Wraps ::connect on a descriptor made non-blocking when it was opened.
TETHER_NONBLOCKING int try_connect(int fd);

template <class T>
TETHER_PROVIDES_DEADLINE asio::awaitable<T> bounded(asio::awaitable<T> op);
} // namespace net

namespace jobs {
TETHER_DETACH_OK asio::awaitable<void> log_forever();
} // namespace jobs
