#!/usr/bin/env bash
# --report-unused-nolint: NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/END
# comments naming an async- check that suppress nothing are reported; those
# that suppress a finding, and those for other checks, are not.
source "$(dirname "$0")/common.sh"
cat >src/suppressed.cpp <<'CPP'
#include <asio.hpp>

asio::awaitable<void> work() { co_return; }

void used(asio::io_context &io) {
  asio::co_spawn(io, work(), asio::detached); // NOLINT(async-fire-and-forget)
  // NOLINTNEXTLINE(async-*)
  asio::co_spawn(io, work(), asio::detached);
}

void stale(asio::io_context &io) {
  io.poll(); // NOLINT(async-fire-and-forget)
  // NOLINTNEXTLINE(bugprone-unused-return-value, async-fire-and-forget)
  io.run();
  int other = 0; // NOLINT(readability-identifier-length)
  (void)other;
}

// NOLINTBEGIN(async-fire-and-forget)
void block(asio::io_context &io) { asio::co_spawn(io, work(), asio::detached); }
// NOLINTEND(async-fire-and-forget)

// NOLINTBEGIN(async-blocking-call-in-coroutine)
void empty_block(asio::io_context &io) { io.poll(); }
// NOLINTEND(async-blocking-call-in-coroutine)
CPP
write_database suppressed

expect_exit 0 "$tether" check -p build
[[ ! -s out.txt ]] || fail "suppressed findings reported: $(cat out.txt)"
expect_exit 1 "$tether" check -p build --report-unused-nolint
"$filecheck" "$here/nolint.check" --input-file=out.txt
# Unused NOLINTs are findings like others: a baseline accepts them.
expect_exit 0 "$tether" check -p build --report-unused-nolint --write-baseline nolint.json
expect_exit 0 "$tether" check -p build --report-unused-nolint --baseline nolint.json
echo "tether check $test_name: ok"
