#include <asio.hpp>
#include <exception>

asio::awaitable<void> serve(asio::ip::tcp::acceptor &acceptor) {
  for (;;) {
    try {
      asio::ip::tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    } catch (const std::exception &) {
      // keep serving
    }
  }
}
