#include <asio.hpp>
#include <tether/cancellation.hpp>

asio::awaitable<void> serve(asio::ip::tcp::acceptor &acceptor) {
  for (;;) {
    try {
      asio::ip::tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    } catch (...) {
    }
  }
}
