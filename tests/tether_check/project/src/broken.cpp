#include "jobs.hpp"

asio::awaitable<void> fourth() {
  co_await undeclared();
}
