#!/usr/bin/env bash
# What CI and editors throw at a run: files saved while it runs, two runs
# at once, a damaged or odd compile database, a full disk, an interrupt,
# and merge-sarif writing over one of its inputs. Nothing is lost, nothing
# is written on stale offsets, nothing goes green by accident.
source "$(dirname "$0")/common.sh"

# z_gated.cpp includes a FIFO: its translation unit waits until the test
# opens the gate, so that the test can act while the run is under way.
write_database b z_gated
printf '#include "gate.h"\nint z_gated() { return GATE; }\n' >src/z_gated.cpp
# The writer waits for the run to read; a run that is gone reads nothing.
open_gate() { timeout 60 sh -c "printf '#define GATE 1\n' >include/gate.h" || true; }
start_gated() { # ARGS...: tether check in the background, stopped at z_gated.cpp
  rm -f include/gate.h && mkfifo include/gate.h
  # Emptied here, not by the background shell's redirection, which may come
  # after the first look: the last run's "[2/2]" would pass for this one's.
  : >out.txt && : >err.txt
  # With job control, as under a terminal: a background job of a script
  # would ignore SIGINT, and the Ctrl-C below would interrupt nothing.
  set -m
  "$tether" check -p build -j1 "$@" >>out.txt 2>>err.txt &
  tether_pid=$!
  set +m
  for _ in $(seq 600); do grep -q "\[2/2\] src/z_gated.cpp" err.txt && return; sleep 0.1; done
  fail "the run never reached z_gated.cpp: $(cat err.txt)"
}
wait_for_gated() { # SECONDS: the gated run's exit status in $gated_status, or a failure if it outlives them
  for _ in $(seq $(($1 * 10))); do
    kill -0 "$tether_pid" 2>/dev/null || { set +e; wait "$tether_pid"; gated_status=$?; set -e; return; }
    sleep 0.1
  done
  kill -KILL "$tether_pid"
  fail "the run was still going after $1 s: $(cat err.txt)"
}
finish_gated() { # CODE: opens the gate, waits for the run, checks its exit code
  open_gate
  wait_for_gated 60
  [[ $gated_status == "$1" ]] || { cat out.txt err.txt >&2; fail "exited $gated_status, expected $1"; }
  rm -f include/gate.h && printf '#define GATE 1\n' >include/gate.h
}

# A file saved after it was linted and before --fix: left alone, and said.
start_gated --fix --no-cache
printf '// saved by the editor during the run\n' | cat - src/b.cpp >b.new && mv b.new src/b.cpp
finish_gated 1
[[ $(cat src/b.cpp) == "$(printf '// saved by the editor during the run\n'; cat "$here/project/src/b.cpp")" ]] ||
  fail "fix-it applied on stale offsets: $(cat src/b.cpp)"
grep -q "warning: src/b.cpp changed since it was linted: its fix-its were not applied" err.txt ||
  fail "not said: $(cat err.txt)"
# The header was not touched by the editor: its fix-it is applied.
grep -q "co_await tether::sleep_for" include/jobs.hpp || fail "the unchanged header was not fixed"
cp "$here/project/src/b.cpp" src/b.cpp

# A compile database from a compiler whose Asio sees coroutines where
# clang's does not: the cascade of errors comes with the remedy, once, and
# the remedy works.
write_database a b
sed -i 's/"-DASIO_HAS_CO_AWAIT=1", //' build/compile_commands.json
expect_exit 2 "$tether" check -p build --sarif hint.sarif
[[ $(grep -c "note: this Asio does not detect clang's coroutine support: define ASIO_HAS_CO_AWAIT=1" err.txt) == 1 ]] ||
  fail "no hint, or more than one: $(cat err.txt)"
grep -q -- "--extra-arg=-DASIO_HAS_CO_AWAIT=1" err.txt || fail "hint without the flag: $(cat err.txt)"
validate_sarif hint.sarif
json_query hint.sarif 'j["runs"][0]["invocations"][0]["toolExecutionNotifications"]' |
  grep -q "ASIO_HAS_CO_AWAIT=1" || fail "SARIF has no hint: $(cat hint.sarif)"
expect_exit 1 "$tether" check -p build --extra-arg=-DASIO_HAS_CO_AWAIT=1
grep -q "src/a.cpp:5:36: warning" out.txt || fail "--extra-arg did not help: $(cat out.txt err.txt)"
cp "$here/project/include/jobs.hpp" include/jobs.hpp
write_database a z_gated

# A file saved during a run is not cached under its new text with the old
# findings: the next run lints it again.
start_gated
sed -i 's|asio::detached); }|asio::detached); } // NOLINT(async-fire-and-forget)|' src/a.cpp
finish_gated 1
grep -q "src/a.cpp:5:36: warning: 'co_spawn' with 'detached'" out.txt || fail "first run: $(cat out.txt)"
expect_exit 1 "$tether" check -p build -j1
! grep -q "src/a.cpp:5:36" out.txt || fail "the cache served the text before the save: $(cat out.txt)"
grep -q "2 translation units (1 from the cache)" err.txt || fail "cache: $(cat err.txt)"
cp "$here/project/src/a.cpp" src/a.cpp

# Two --fix runs at once: every fix-it applied exactly once.
for attempt in 1 2 3; do
  cp "$here/project/src/b.cpp" src/b.cpp && cp "$here/project/include/jobs.hpp" include/jobs.hpp
  write_database b clean
  "$tether" check -p build --fix --no-cache src/b.cpp >out1.txt 2>err1.txt &
  "$tether" check -p build --fix --no-cache src/b.cpp >out2.txt 2>err2.txt &
  wait
  [[ $(grep -c "co_await nap" src/b.cpp) == 1 && $(grep -c "co_await co_await" src/b.cpp) == 0 ]] ||
    fail "two runs: $(cat src/b.cpp)"
  [[ $(grep -c "co_await tether::sleep_for" include/jobs.hpp) == 1 ]] || fail "two runs: $(cat include/jobs.hpp)"
  [[ $(grep -c "#include <tether/sleep.hpp>" include/jobs.hpp) == 1 ]] || fail "two runs: $(cat include/jobs.hpp)"
done
cp "$here/project/src/b.cpp" src/b.cpp && cp "$here/project/include/jobs.hpp" include/jobs.hpp

# Two runs at once on one build directory and cache: the same findings,
# and a cache that a third run reads whole.
write_database a b clean
rm -rf build/.tether-cache
"$tether" check -p build -j2 >run1.txt 2>/dev/null &
"$tether" check -p build -j2 >run2.txt 2>/dev/null &
wait
cmp -s run1.txt run2.txt || fail "two runs at once differ"
expect_exit 1 "$tether" check -p build
cmp -s out.txt run1.txt || fail "the shared cache reports differently"
grep -q "3 translation units (3 from the cache)" err.txt || fail "shared cache: $(cat err.txt)"

# A compile database with a relative directory is read against its own
# directory; one cut off between entries, or not a database, is an error.
python3 - "$runtime" <<'PY'
import json, sys
runtime = sys.argv[1]
json.dump([{"directory": "..", "file": "src/a.cpp",
            "arguments": ["clang++-19", "-std=c++20", "-DASIO_HAS_CO_AWAIT=1", "-Iinclude",
                          "-I" + runtime, "-c", "src/a.cpp"]}],
          open("build/compile_commands.json", "w"))
PY
expect_exit 1 "$tether" check -p build
grep -q "src/a.cpp:5:36: warning" out.txt || fail "relative directory: $(cat out.txt err.txt)"
write_database a b clean
head -c 300 build/compile_commands.json >cut.json && mv cut.json build/compile_commands.json
expect_exit 2 "$tether" check -p build
grep -q "error: .*build/compile_commands.json: not valid JSON" err.txt || fail "cut off: $(cat err.txt)"
echo '[{"file": "src/a.cpp"}]' >build/compile_commands.json
expect_exit 2 "$tether" check -p build
grep -q 'entry 1 has no "directory"' err.txt || fail "no directory: $(cat err.txt)"

# A translation unit that cannot be linted is an error, whatever the
# reason; the others are still linted and reported.
write_database a b
printf '#include "missing_header.h"\n' >src/b.cpp
expect_exit 2 "$tether" check -p build --sarif bad.sarif
grep -q "src/b.cpp does not compile: 'missing_header.h' file not found" err.txt || fail "broken TU: $(cat err.txt)"
grep -q "src/a.cpp:5:36: warning" out.txt || fail "the others were not reported: $(cat out.txt)"
validate_sarif bad.sarif
[[ $(json_query bad.sarif 'j["runs"][0]["invocations"][0]["executionSuccessful"]') == False ]] ||
  fail "SARIF says the run succeeded"
json_query bad.sarif 'j["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]' |
  grep -q "src/b.cpp does not compile" || fail "SARIF notification: $(cat bad.sarif)"
cp "$here/project/src/b.cpp" src/b.cpp

# Reports are replaced whole or not at all: an interrupted run leaves the
# previous report, and merge-sarif may write over one of its inputs.
write_database a z_gated
expect_exit 1 "$tether" check -p build --sarif keep.sarif
cp keep.sarif keep.orig
start_gated --sarif keep.sarif --no-cache
kill -INT "$tether_pid"
wait_for_gated 30
[[ $gated_status == 130 ]] || fail "Ctrl-C did not stop the run: $(cat err.txt)"
rm -f include/gate.h && printf '#define GATE 1\n' >include/gate.h
cmp -s keep.sarif keep.orig || fail "an interrupted run damaged the previous report"
! ls build/.tether-cache/*.tmp >/dev/null 2>&1 || fail "an interrupted run left a temporary cache entry"
write_database a b
expect_exit 1 "$tether" check -p build --sarif one.sarif src/a.cpp
expect_exit 1 "$tether" check -p build --sarif two.sarif src/b.cpp
expect_exit 0 "$tether" merge-sarif -o one.sarif one.sarif two.sarif
[[ $(json_query one.sarif 'len(j["runs"][0]["results"])') == 3 ]] || fail "merge-sarif over its input: $(cat one.sarif)"
validate_sarif one.sarif

# A full disk: the cache is a warning and the findings are printed; a
# report that cannot be written is an error and the old one stays whole.
mkdir -p small
if mount -t tmpfs -o size=512k tmpfs small 2>/dev/null; then
  trap 'umount "$work/small" 2>/dev/null || true; rm -rf "$work"' EXIT
  cp keep.orig small/keep.sarif
  mkdir small/cache
  # Fill what is left: dd ends at "No space left on device".
  dd if=/dev/zero of=small/filler bs=1k 2>/dev/null || (( $(df --output=avail small | tail -1) == 0 )) ||
    fail "could not fill the disk"
  expect_exit 2 "$tether" check -p build --no-cache --sarif small/keep.sarif
  grep -q "error: cannot write .*small/keep.sarif" err.txt || fail "full disk, report: $(cat err.txt)"
  cmp -s small/keep.sarif keep.orig || fail "full disk damaged the previous report"
  grep -q "src/a.cpp:5:36: warning" out.txt || fail "full disk, findings: $(cat out.txt)"
  expect_exit 1 "$tether" check -p build --cache small/cache
  grep -q "warning: cannot write to the cache" err.txt || fail "full disk, cache: $(cat err.txt)"
  grep -q "src/a.cpp:5:36: warning" out.txt || fail "full disk, cache findings: $(cat out.txt)"
  ! ls small/cache/*.tmp >/dev/null 2>&1 || fail "full disk left temporary cache entries"
  umount small
else
  echo "tether check $test_name: no tmpfs mount here: the full-disk cases are not run" >&2
fi
echo "tether check $test_name: ok"
