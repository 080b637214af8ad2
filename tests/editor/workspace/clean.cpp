#include <asio.hpp>

asio::awaitable<int> answer() { co_return 42; }

asio::awaitable<int> twice() {
  int first = co_await answer();
  auto later = answer();
  co_return first + co_await std::move(later);
}
