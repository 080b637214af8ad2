#include <asio.hpp>

asio::awaitable<void> send_greeting(asio::ip::tcp::socket &socket) {
  co_await asio::async_write(socket, asio::buffer("hello\n", 6), asio::use_awaitable);
}

asio::awaitable<void> session(asio::ip::tcp::socket socket) {
  co_await send_greeting(socket);
  co_return;
}
