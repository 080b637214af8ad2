#!/usr/bin/env bash
# --write-baseline / --baseline: accepted findings stay quiet through
# unrelated edits and code moves, a new finding fails the run alone, and a
# finding fixed since is reported for removal from the baseline.
source "$(dirname "$0")/common.sh"
write_database a b clean

expect_exit 0 "$tether" check -p build --write-baseline baseline.json
[[ $(json_query baseline.json '[(e["check"], e["file"], e["function"]) for e in j["findings"]]') == \
   "[('async-blocking-call-in-coroutine', 'include/jobs.hpp', 'nap'), ('async-fire-and-forget', 'src/a.cpp', 'start'), ('async-fire-and-forget', 'src/b.cpp', 'second')]" ]] ||
  fail "baseline: $(cat baseline.json)"
expect_exit 0 "$tether" check -p build --baseline baseline.json
[[ ! -s out.txt ]] || fail "accepted findings reported: $(cat out.txt)"
grep -q "0 new findings (3 more in the baseline)" err.txt || fail "summary: $(cat err.txt)"

# Code moves: a.cpp's function goes below a new one; b.cpp gains lines.
cat >src/a.cpp <<'CPP'
#include "jobs.hpp"

// Added above: every line below moves.
int unrelated(int x) { return x + 1; }

asio::awaitable<void> first() { co_await nap(); }

void start(asio::io_context &io) { asio::co_spawn(io, first(), asio::detached); }
CPP
expect_exit 0 "$tether" check -p build --baseline baseline.json
[[ ! -s out.txt ]] || fail "a moved finding counted as new: $(cat out.txt)"

# A new bug: only it is reported, and it fails the run.
cat >>src/a.cpp <<'CPP'

void restart(asio::io_context &io) {
  asio::co_spawn(io, first(), asio::detached);
}
CPP
expect_exit 1 "$tether" check -p build --baseline baseline.json
[[ $(grep -c "warning:" out.txt) == 1 ]] || fail "not just the new finding: $(cat out.txt)"
grep -q "src/a.cpp:11:3: warning: 'co_spawn' with 'detached'" out.txt || fail "new finding: $(cat out.txt)"
grep -q "1 new finding (3 more in the baseline)" err.txt || fail "summary: $(cat err.txt)"

# The same bug twice in one function: the second is new although the
# first is accepted.
sed -i 's/^  nap();/  nap();\n  nap();/' src/b.cpp
expect_exit 1 "$tether" check -p build --baseline baseline.json
grep -q "src/b.cpp:5:3: warning: task returned by 'nap' is discarded" out.txt || fail "second occurrence: $(cat out.txt)"
[[ $(grep -c "warning:" out.txt) == 2 ]] || fail "not just the two new findings: $(cat out.txt)"
grep -q "2 new findings (3 more in the baseline)" err.txt || fail "summary: $(cat err.txt)"

# Fixed: b.cpp's discarded task is awaited now.
sed -i 's/^  nap();/  co_await nap();/' src/b.cpp
expect_exit 1 "$tether" check -p build --baseline baseline.json
grep -q "^src/b.cpp: fixed, remove from baseline: async-fire-and-forget in 'second'" out.txt ||
  fail "fixed finding: $(cat out.txt)"
grep -q "fixed since the baseline: 1" err.txt || fail "summary: $(cat err.txt)"
# A run that did not lint b.cpp says nothing of its entries.
expect_exit 1 "$tether" check -p build --baseline baseline.json src/a.cpp
! grep -q "fixed" out.txt || fail "b.cpp's entry reported from a run over a.cpp"

# Bad baselines.
expect_exit 2 "$tether" check -p build --baseline missing.json
grep -q "baseline missing.json: No such file or directory" err.txt || fail "missing: $(cat err.txt)"
echo '{"findings": 3}' >bad.json
expect_exit 2 "$tether" check -p build --baseline bad.json
grep -q "baseline bad.json: not a tether baseline" err.txt || fail "bad: $(cat err.txt)"
echo "tether check $test_name: ok"
