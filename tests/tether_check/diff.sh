#!/usr/bin/env bash
# --diff REF: only findings on lines changed since the work tree left REF,
# committed or not; what REF gained since the branch left it is not the
# change's.
source "$(dirname "$0")/common.sh"
write_database a b clean
git init -q -b main .
git -c user.name=t -c user.email=t@t add -A
git -c user.name=t -c user.email=t@t commit -qm base

expect_exit 0 "$tether" check -p build --diff main
[[ ! -s out.txt ]] || fail "no change, yet: $(cat out.txt)"
grep -q "0 new findings (3 more on unchanged lines)" err.txt || fail "summary: $(cat err.txt)"

# A branch adds a bug to b.cpp (committed) and one to a.cpp (not yet).
git checkout -q -b feature
cat >>src/b.cpp <<'CPP'

asio::awaitable<void> third() {
  nap();
  co_return;
}
CPP
git -c user.name=t -c user.email=t@t commit -qam "third"
echo 'void again(asio::io_context &io) { asio::co_spawn(io, first(), asio::detached); }' >>src/a.cpp
# Meanwhile main gains a bug of its own.
git stash -q
git checkout -q main
echo 'void mainline(asio::io_context &io) { asio::co_spawn(io, first(), asio::detached); }' >>src/a.cpp
git -c user.name=t -c user.email=t@t commit -qam "mainline"
git checkout -q feature
git stash pop -q

expect_exit 1 "$tether" check -p build --diff main
[[ $(grep -c "warning:" out.txt) == 2 ]] || fail "not the two changed lines: $(cat out.txt)"
grep -q "src/a.cpp:6:36: warning: 'co_spawn' with 'detached'" out.txt || fail "uncommitted change: $(cat out.txt)"
grep -q "src/b.cpp:9:3: warning: task returned by 'nap'" out.txt || fail "committed change: $(cat out.txt)"
grep -q "2 new findings (3 more on unchanged lines)" err.txt || fail "summary: $(cat err.txt)"

# From a subdirectory, paths are still the work tree's.
mkdir -p sub && (cd sub && set +e; "$tether" check -p ../build --diff main >../out.txt 2>../err.txt; exit 0)
[[ $(grep -c "warning:" out.txt) == 2 ]] || fail "from a subdirectory: $(cat out.txt err.txt)"

expect_exit 2 "$tether" check -p build --diff no-such-ref
grep -q "\-\-diff no-such-ref: git merge-base no-such-ref HEAD failed" err.txt || fail "bad ref: $(cat err.txt)"
echo "tether check $test_name: ok"
