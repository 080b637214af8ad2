#include "client.hpp"

namespace net {
tether::task<void> timeout(std::chrono::seconds d) {
  tether::net::steady_timer timer(co_await tether::net::this_coro::executor);
  timer.expires_after(d);
  co_await timer.async_wait(tether::net::use_awaitable);
}

tether::task<void> timeout_ms(long ms) { co_await timeout(std::chrono::seconds(ms / 1000)); }
} // namespace net
