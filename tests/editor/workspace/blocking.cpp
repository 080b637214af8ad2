#include <asio.hpp>
#include <chrono>
#include <thread>

asio::awaitable<void> poll_slowly(asio::ip::tcp::socket &socket) {
  using namespace std::chrono_literals;
  std::this_thread::sleep_for(100ms);
  co_await socket.async_wait(asio::socket_base::wait_read, asio::use_awaitable);
}
