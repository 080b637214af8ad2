// googletest's EXPECT_THROW catches everything and leaves its handlers with a
// goto, in a macro of a system header: coroutine tests that use it are not
// findings.
// RUN: %check_tidy %s async-swallowed-exception %t -- -- %asio_flags

#include <asio.hpp>
#include <gtest/gtest.h>

struct closed_error : std::exception {};
asio::awaitable<void> send();

asio::awaitable<void> checks() {
  EXPECT_THROW(co_await send(), closed_error);
  EXPECT_ANY_THROW(co_await send());
  EXPECT_NO_THROW(co_await send());
  co_await send();
}
