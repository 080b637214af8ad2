#include <asio.hpp>

asio::awaitable<void> greet(asio::ip::tcp::socket &socket) {
  co_await asio::async_write(socket, asio::buffer("hello\n", 6), asio::use_awaitable);
}
