#!/usr/bin/env bash
# Facts across translation units: a coroutine's call of a function defined
# in another file that blocks, directly or through calls in other files, is
# reported with the chain; the same with any -j and from the cache; an edit
# of the function at the end of the chain re-lints only what depends on it;
# the single-file vehicles see no other file.
source "$(dirname "$0")/common.sh"
rm -rf src include && cp -r "$here/facts_project/." "$work/"
write_database io db svc rec session

expect_exit 1 "$tether" check -p build -j2
"$filecheck" --check-prefix=ALL "$here/facts.check" --input-file=out.txt
[[ $(grep -c "warning:" out.txt) == 4 ]] || fail "not exactly four findings: $(cat out.txt)"
grep -q "^\[1/1\] src/session.cpp, with what other translation units' functions do$" err.txt ||
  fail "session.cpp not linted again with the facts: $(cat err.txt)"
[[ $(grep -c "with what other" err.txt) == 1 ]] || fail "more than session.cpp linted again: $(cat err.txt)"
cp out.txt first.txt

# Any -j, without the cache, and from the cache: the same findings.
expect_exit 1 "$tether" check -p build -j1 --no-cache
cmp -s out.txt first.txt || fail "-j1 --no-cache differs: $(diff first.txt out.txt)"
expect_exit 1 "$tether" check -p build -j8
cmp -s out.txt first.txt || fail "from the cache differs: $(diff first.txt out.txt)"
grep -q "5 translation units (5 from the cache)" err.txt || fail "warm run linted: $(cat err.txt)"

# Each unit alone: nothing crosses files; the cache keeps the two apart.
expect_exit 0 "$tether" check -p build --no-facts
! grep -q "with what other" err.txt || fail "--no-facts linted with facts: $(cat err.txt)"
expect_exit 1 "$tether" check -p build
cmp -s out.txt first.txt || fail "after --no-facts, from the cache: $(diff first.txt out.txt)"

# The end of the chain no longer blocks: io.cpp is linted, session.cpp again
# with the new facts, nothing else; the findings through read_file go.
sed -i 's|if (std::FILE \*file = std::fopen(path.c_str(), "r"))|if (path.empty())|; s|    std::fclose(file);|    text = "none";|' src/io.cpp
expect_exit 1 "$tether" check -p build
grep -q "5 translation units (3 from the cache), 1 finding" err.txt || fail "after the edit: $(cat err.txt)"
grep -q "src/session.cpp:22:31: warning: 'even' may block" out.txt || fail "the chain through settle went: $(cat out.txt)"
cp "$here/facts_project/src/io.cpp" src/io.cpp

# A line added above the blocking call: the notes follow it.
sed -i '1i // moved down a line' src/io.cpp
expect_exit 1 "$tether" check -p build
grep -q "src/io.cpp:10:25: note: 'read_file' calls 'fopen' here" out.txt || fail "stale note: $(cat out.txt)"
cp "$here/facts_project/src/io.cpp" src/io.cpp

# The depth and the headers are the check's options, across files too.
printf 'CheckOptions:\n  async-blocking-call-in-coroutine.MaxCallDepth: 4\n  async-blocking-call-in-coroutine.FollowCallsIntoHeaders: true\n' >.clang-tidy
expect_exit 1 "$tether" check -p build
"$filecheck" --check-prefix=HEADERS "$here/facts.check" --input-file=out.txt
[[ $(grep -c "warning:" out.txt) == 6 ]] || fail "not six findings with the options: $(cat out.txt)"
rm .clang-tidy

# Two stages over shards: each writes its summaries, merge-facts joins them,
# and each shard lints with the merged facts: together they report what one
# run does.
grep "warning:" first.txt | sort >single.txt
for n in 2 3; do
  facts=()
  for ((k = 1; k <= n; k++)); do
    expect_exit_any "$tether" check -p build --shard "$k/$n" --write-facts "facts$k.json"
    facts+=("facts$k.json")
  done
  expect_exit 0 "$tether" merge-facts -o merged.json "${facts[@]}"
  : >sharded.txt
  for ((k = 1; k <= n; k++)); do
    expect_exit_any "$tether" check -p build --shard "$k/$n" --facts merged.json
    grep "warning:" out.txt >>sharded.txt || true
  done
  sort -o sharded.txt sharded.txt
  cmp -s single.txt sharded.txt || fail "$n shards in two stages differ from one run: $(diff single.txt sharded.txt)"
done
# Without the first stage a shard does not know the others' functions.
: >alone.txt
for k in 1 2; do
  expect_exit_any "$tether" check -p build --shard "$k/2"
  grep "warning:" out.txt >>alone.txt || true
done
[[ $(wc -l <alone.txt) -lt $(wc -l <single.txt) ]] || fail "shards alone found every chain: the test proves nothing"
# merge-facts may write over its input; a damaged or foreign file is an error.
expect_exit 0 "$tether" merge-facts -o facts1.json facts1.json facts2.json
expect_exit_any "$tether" check -p build --facts facts1.json
printf '{"format": "tether-facts-0", "units": []}' >old.json
expect_exit 2 "$tether" check -p build --facts old.json
grep -q "old.json: not a facts file of this tether" err.txt || fail "foreign facts: $(cat err.txt)"
expect_exit 2 "$tether" merge-facts -o m.json facts1.json missing.json
grep -q "missing.json: cannot read it" err.txt || fail "missing facts: $(cat err.txt)"
expect_exit 2 "$tether" check -p build --no-facts --facts merged.json

# tether facts: what is known of a function, and why.
expect_exit 0 "$tether" facts -p build warm_up db::ping --quiet
cat >want.txt <<'EOF'
db::ping (src/db.cpp:6:5): does not block
svc::warm_up (src/svc.cpp:6:6): blocks
  src/svc.cpp:6:18: 'warm_up' calls 'load_config'
  src/db.cpp:5:59: 'load_config' calls 'read_file'
  src/io.cpp:9:25: 'read_file' calls 'fopen'
EOF
cmp -s out.txt want.txt || fail "tether facts: $(diff want.txt out.txt)"
expect_exit 2 "$tether" facts -p build no_such_function
grep -q "no function of that name" err.txt || fail "tether facts, unknown name: $(cat err.txt)"

# SARIF: each hop a related location in its own file.
expect_exit 1 "$tether" check -p build --sarif facts.sarif
validate_sarif facts.sarif
json_query facts.sarif '[l["physicalLocation"]["artifactLocation"]["uri"] for l in j["runs"][0]["results"][0]["relatedLocations"]]' |
  grep -q "src/io.cpp" || fail "no related location in io.cpp: $(cat facts.sarif)"
# Spawns across files: a loop calling a function of another file that starts
# a task each time it runs, two files down; not one that spawns only under a
# condition, nor a constant loop.
rm -rf src include build .clang-tidy && cp -r "$here/facts_spawns_project/." "$work/"
write_database jobs queue feed
expect_exit 1 "$tether" check -p build
"$filecheck" --check-prefix=SPAWNS "$here/facts.check" --input-file=out.txt
[[ $(grep -c "warning:" out.txt) == 1 ]] || fail "not exactly one spawn finding: $(cat out.txt)"
grep -q "^\[1/1\] src/feed.cpp, with what other translation units' functions do$" err.txt ||
  fail "feed.cpp not linted again with the facts: $(cat err.txt)"
expect_exit 0 "$tether" check -p build --no-facts
expect_exit 0 "$tether" facts -p build enqueue maybe_submit --quiet
cat >want.txt <<'EOF'
jobs::maybe_submit (src/jobs.cpp:14:6): does not block; it calls 'submit', none of which blocks as far as the linted units show
jobs::enqueue (src/queue.cpp:4:6): does not block; it calls 'submit', none of which blocks as far as the linted units show
  and it starts a task or a thread that outlives it each time it is called:
  src/queue.cpp:4:50: 'enqueue' calls 'submit'
  src/jobs.cpp:8:3: 'submit' calls 'co_spawn'
EOF
cmp -s out.txt want.txt || fail "tether facts, spawns: $(diff want.txt out.txt)"
# submit spawns only when asked to: the finding goes. Only jobs.cpp is
# linted: feed.cpp no longer depends on any fact, and its findings alone are
# in the cache.
sed -i 's|^  tether::net::co_spawn(io|  if (!item.empty())\n    tether::net::co_spawn(io|' src/jobs.cpp
expect_exit 0 "$tether" check -p build
grep -q "3 translation units (2 from the cache), 0 findings" err.txt || fail "after the edit: $(cat err.txt)"
! grep -q "with what other" err.txt || fail "linted with facts that say nothing: $(cat err.txt)"
# Deadlines across files: a coroutine whose every call, in any file, is under
# a deadline (or in a coroutine that is) is not reported; one also awaited
# without one still is. Alone, each file sees no caller.
rm -rf src include build && cp -r "$here/facts_deadline_project/." "$work/"
write_database proto frame session
expect_exit 1 "$tether" check -p build
"$filecheck" --check-prefix=DEADLINES "$here/facts.check" --input-file=out.txt
[[ $(grep -c "warning:" out.txt) == 1 ]] || fail "not exactly one deadline finding: $(cat out.txt)"
grep -q "^\[1/1\] src/proto.cpp, with what other translation units' functions do$" err.txt ||
  fail "only proto.cpp depends on the facts: $(cat err.txt)"
expect_exit 1 "$tether" check -p build --no-facts
[[ $(grep -c "warning:" out.txt) == 2 ]] || fail "alone, both reads are reported: $(cat out.txt)"
expect_exit 0 "$tether" facts -p build read_header read_body --quiet
cat >want.txt <<'EOF'
proto::read_header (src/proto.cpp:4:19): does not block
  and every call of it is under a deadline
proto::read_body (src/proto.cpp:9:19): does not block
EOF
cmp -s out.txt want.txt || fail "tether facts, deadlines: $(diff want.txt out.txt)"
# The deadline goes from the session: read_header is reported again.
sed -i 's|co_await tether::with_timeout(proto::read_frame(socket), 5s);|co_await proto::read_frame(socket);|' src/session.cpp
expect_exit 1 "$tether" check -p build
[[ $(grep -c "warning:" out.txt) == 2 ]] || fail "the deadline went, the finding did not come back: $(cat out.txt)"
# Event loops run across files: a task that refers to a local of its
# spawner is waited for by a call, after the spawn, of a function of another
# file that runs the loop until its work is done (two calls down, also from a
# fixture's member function); a function that runs a loop of its own waits
# for nothing. Alone, each file sees no run and every spawn is reported.
rm -rf src include build && cp -r "$here/facts_loop_project/." "$work/"
write_database run client_test
expect_exit 1 "$tether" check -p build --checks='-*,async-dangling-reference'
"$filecheck" --check-prefix=LOOPS "$here/facts.check" --input-file=out.txt
[[ $(grep -c "warning:" out.txt) == 1 ]] || fail "not exactly one loop finding: $(cat out.txt)"
grep -q "^\[1/1\] src/client_test.cpp, with what other translation units' functions do$" err.txt ||
  fail "client_test.cpp not linted again with the facts: $(cat err.txt)"
expect_exit 1 "$tether" check -p build --checks='-*,async-dangling-reference' --no-facts
[[ $(grep -c "warning:" out.txt) == 5 ]] || fail "alone, not every spawn is reported: $(cat out.txt)"
# The same fact, which async-dangling-reference records, owns a detached
# task that keeps its own exception (async-fire-and-forget): alone, the
# guarded task is reported too.
expect_exit 1 "$tether" check -p build --checks='-*,async-fire-and-forget,async-dangling-reference'
[[ $(grep -c "warning:.*async-fire-and-forget" out.txt) == 4 ]] && ! grep -q "client_test.cpp:38:" out.txt ||
  fail "the guarded task run by another file's function is reported: $(cat out.txt)"
expect_exit 1 "$tether" check -p build --checks='-*,async-fire-and-forget' --no-facts
grep -q "client_test.cpp:38:3: warning: 'co_spawn' with 'detached' runs the task unowned: its body handles its exceptions" out.txt ||
  fail "alone, the guarded task is not reported: $(cat out.txt)"
expect_exit 0 "$tether" facts -p build loop::run run_scratch run_pooled --checks='-*,async-dangling-reference' --quiet
cat >want.txt <<'EOF2'
loop::run (src/run.cpp:5:13): does not block
  and it runs an event loop until the loop's work is done:
  src/run.cpp:6:23: 'run' calls 'run_steps'
  src/run.cpp:13:13: 'run_steps' calls 'asio::io_context::run_one'
loop::run_scratch (src/run.cpp:18:6): does not block
loop::run_pooled (src/run.cpp:23:6): does not block
  and it runs an event loop until the loop's work is done:
  src/run.cpp:26:7: 'run_pooled' calls 'std::thread::join'
EOF2
cmp -s out.txt want.txt || fail "tether facts, event loops: $(diff want.txt out.txt)"
# A watchdog across files: a thread whose loop sleeps and closes, through a
# member function another file defines, the socket of each client whose
# expiry has passed bounds what is pending on that socket; another socket of
# the client stays reported. A read raced against a coroutine of another file
# that waits on a timer (`read || timeout(5s)`) has that deadline, and so do
# the coroutines of a third file called only in such races (`read_frame(s)
# || timeout(5s)`, a lambda raced against `timeout_ms(5000)`, which awaits
# `timeout`), with the template of a header they call. The reaper's call
# closes through a chain of files: close_connect() calls release(), defined in
# a third file, which closes another socket: a read on it is watched too.
# Alone, the watched reads, the raced read, the third file's read and the
# header's are reported.
rm -rf src include build && cp -r "$here/facts_watchdog_project/." "$work/"
write_database client reaper timeout frame release
expect_exit 1 "$tether" check -p build --checks='-*,async-missing-timeout'
"$filecheck" --check-prefix=WATCHDOG "$here/facts.check" --input-file=out.txt
[[ $(grep -c "warning:" out.txt) == 1 ]] || fail "not exactly one watchdog finding: $(cat out.txt)"
grep -q "^\[1/2\] src/client.cpp, with what other translation units' functions do$" err.txt &&
  grep -q "^\[2/2\] src/frame.cpp, with what other translation units' functions do$" err.txt ||
  fail "client.cpp and frame.cpp not linted again with the facts: $(cat err.txt)"
expect_exit 1 "$tether" check -p build --checks='-*,async-missing-timeout' --no-facts
[[ $(grep -c "warning:" out.txt) == 6 ]] || fail "alone, not every watched or raced read is reported: $(cat out.txt)"
grep -q "src/client.cpp:17:3: warning: 'async_read_some' is awaited with no deadline" out.txt &&
  grep -q "src/client.cpp:30:13: warning: 'async_read_some' is awaited with no deadline" out.txt &&
  grep -q "src/frame.cpp:13:13: warning: 'async_read_some' is awaited with no deadline" out.txt &&
  grep -q "include/client.hpp:31:13: warning: 'async_read_some' is awaited with no deadline" out.txt ||
  fail "alone, a watched or raced read is not reported: $(cat out.txt)"
# tether facts shows the timer coroutines (also one that awaits another) and
# what a function a watchdog calls closes.
expect_exit 0 "$tether" facts -p build timeout timeout_ms close_connect --checks='-*,async-missing-timeout' --quiet
cat >want.txt <<'EOF2'
net::client::close_connect (src/client.cpp:5:14): does not block
  and a watchdog calls it: what it closes is watched in every file: 'net::client::sock'
net::timeout (src/timeout.cpp:4:20): does not block
  and it waits on a timer: raced against an operation, it is the operation's deadline
net::timeout_ms (src/timeout.cpp:10:20): does not block
  and it waits on a timer: raced against an operation, it is the operation's deadline
EOF2
cmp -s out.txt want.txt || fail "tether facts, timers: $(diff want.txt out.txt)"
echo "tether check $test_name: ok"
