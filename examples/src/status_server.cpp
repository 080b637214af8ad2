#include "healthd/status_server.hpp"

#include <string>

namespace healthd {

using asio::ip::tcp;

namespace {

std::string render(const std::map<std::string, result>& results) {
  std::string text;
  for (const auto& [name, r] : results)
    text += name + (r.healthy ? " up " : " down ") + std::to_string(r.latency.count()) +
            "ms " + r.error + "\n";
  return text;
}
// Bug (missing timeout): a client that stops reading holds send_report forever.
tether::task<void> send_report(tcp::socket socket, status_board& board) {
  const std::string report = render(board.snapshot());
  co_await asio::async_write(socket, asio::buffer(report), asio::use_awaitable);
}

}  // namespace

tether::task<void> serve_status(unsigned short port, status_board& board) {
  auto executor = co_await asio::this_coro::executor;
  tcp::acceptor acceptor(executor, {tcp::v4(), port});
  for (;;) {
    try {
      tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
      send_report(std::move(socket), board);
    } catch (const std::exception&) {
      // Bug (swallowed exception): a cancellation lands here too, and the
      // loop accepts again instead of stopping.
    }
  }
}

}  // namespace healthd
