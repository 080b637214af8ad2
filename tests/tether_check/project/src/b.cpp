#include "jobs.hpp"

asio::awaitable<void> second() {
  nap();
  co_return;
}
