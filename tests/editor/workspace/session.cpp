#include <tether/with_timeout.hpp>

asio::awaitable<void> send_greeting(asio::ip::tcp::socket &socket) {
  co_await tether::with_timeout(asio::async_write(socket, asio::buffer("hello\n", 6), asio::use_awaitable), std::chrono::seconds(5));
}

asio::awaitable<void> session(asio::ip::tcp::socket socket) {
  send_greeting(socket);
  co_return;
}
