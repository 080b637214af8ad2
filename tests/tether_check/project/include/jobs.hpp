#pragma once
#include <asio.hpp>
#include <chrono>
#include <thread>

// Included by two translation units: its finding is reported once and its
// fix-it applied once.
inline asio::awaitable<void> nap() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  co_return;
}
