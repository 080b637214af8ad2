#include <asio.hpp>
#include <chrono>
#include <thread>

asio::awaitable<void> tick_slowly(asio::steady_timer &timer) {
  using namespace std::chrono_literals;
  std::this_thread::sleep_for(100ms);
  co_await timer.async_wait(asio::use_awaitable);
}
