#include "client.hpp"
#include <chrono>
#include <thread>

namespace net {
void reaper::loop() {
  for (;;) {
    {
      std::lock_guard guard(lock);
      for (auto &weak : watched)
        if (auto c = weak.lock(); c && c->expiry < std::time(nullptr))
          c->close_connect();
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}
} // namespace net
