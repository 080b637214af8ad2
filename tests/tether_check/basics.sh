#!/usr/bin/env bash
# tether check end to end on a small project: every translation unit once,
# a header finding once, a translation unit that does not compile reported
# while the others are linted, path filters, --fix applied once, the same
# output whatever -j, --config-file and --checks, exit codes, and clean
# errors on bad input.
source "$(dirname "$0")/common.sh"
write_database a b clean broken

# The whole database: findings of a.cpp, b.cpp and the header they share
# (once), the broken TU reported, exit 2 for it.
expect_exit 2 "$tether" check -p build -j 2
"$filecheck" --check-prefix=ALL "$here/basics.check" --input-file=out.txt
"$filecheck" --check-prefix=ALL-ERR "$here/basics.check" --input-file=err.txt
[[ $(grep -c "include/jobs.hpp:9:3: warning" out.txt) == 1 ]] || fail "header finding not reported exactly once"
grep -q '^\[4/4\] ' err.txt || fail "no progress lines"

# Both streams into one file, as CI logs take them: every finding is whole
# before the errors and the summary that follow it.
set +e; "$tether" check -p build -j 2 --no-cache >combined.txt 2>&1; set -e
diff <(grep -v '^\[[0-9]*/4\] ' combined.txt | head -n "$(wc -l <out.txt)") out.txt ||
  fail "findings and the summary interleaved: $(cat combined.txt)"

# The same findings, in the same order, with one job, and again from the
# cache.
cp out.txt parallel.txt
expect_exit 2 "$tether" check -p build -j1 --quiet --no-cache
cmp -s out.txt parallel.txt || fail "-j1 and -j2 report differently"
expect_exit 2 "$tether" check -p build -j1 --quiet
cmp -s out.txt parallel.txt || fail "the cache reports differently"
[[ ! -s err.txt ]] || grep -q "does not compile" err.txt || fail "--quiet printed: $(cat err.txt)"
! grep -q '^\[' err.txt || fail "--quiet printed progress"

# Paths select translation units: findings exit 1, a clean one exits 0.
expect_exit 1 "$tether" check -p build src/a.cpp src/b.cpp
expect_exit 0 "$tether" check -p build src/clean.cpp
grep -q "1 translation unit (.*), 0 findings" err.txt || fail "summary of a clean run: $(cat err.txt)"

# --config-file and --checks choose the checks, as in clang-tidy.
printf "Checks: '-*,async-blocking-call-in-coroutine'\n" >only-blocking.yaml
expect_exit 1 "$tether" check -p build --config-file only-blocking.yaml src/b.cpp
[[ $(grep -c "warning:" out.txt) == 1 ]] && grep -q "\[async-blocking-call-in-coroutine\]" out.txt ||
  fail "--config-file: $(cat out.txt)"
expect_exit 0 "$tether" check -p build --checks=-*,async-missing-timeout src/a.cpp src/b.cpp
[[ ! -s out.txt ]] || fail "--checks: $(cat out.txt)"

# A header included as a system header is neither walked nor reported; with
# SystemHeaders in the configuration it is, and so is everything else.
python3 - <<'PY'
import json
db = json.load(open("build/compile_commands.json"))
for entry in db:
    entry["arguments"] = [a for arg in entry["arguments"]
                          for a in (["-isystem", "include"] if arg == "-Iinclude" else [arg])]
json.dump(db, open("build/compile_commands.json", "w"))
PY
expect_exit 1 "$tether" check -p build --no-cache src/a.cpp src/b.cpp
! grep -q "jobs.hpp" out.txt || fail "a system header was reported: $(cat out.txt)"
cp out.txt user-only.txt
grep -q "/src/a.cpp:.*: warning:" user-only.txt || fail "no finding in src/: $(cat out.txt)"
printf "Checks: '-*,async-*'\nSystemHeaders: true\n" >system-headers.yaml
expect_exit 1 "$tether" check -p build --no-cache --config-file system-headers.yaml src/a.cpp src/b.cpp
[[ $(grep -c "include/jobs.hpp:9:3: warning" out.txt) == 1 ]] || fail "SystemHeaders: $(cat out.txt)"
diff <(grep "/src/.*: warning:" user-only.txt) <(grep "/src/.*: warning:" out.txt) ||
  fail "SystemHeaders changed the other findings"
write_database a b clean broken

# --fix: the header's fix-it once, although two translation units saw it.
expect_exit 1 "$tether" check -p build --fix src/a.cpp src/b.cpp
[[ $(grep -c "co_await tether::sleep_for" include/jobs.hpp) == 1 ]] || fail "header fixed $(grep -c "co_await tether::sleep_for" include/jobs.hpp) times"
[[ $(grep -c "#include <tether/sleep.hpp>" include/jobs.hpp) == 1 ]] || fail "include not added once"
grep -q "^  co_await nap();" src/b.cpp || fail "b.cpp not fixed"
expect_exit 1 "$tether" check -p build src/a.cpp src/b.cpp
! grep -q "jobs.hpp" out.txt || fail "the header still has a finding after --fix"

# Bad input: a clear error and exit 2.
expect_exit 2 "$tether" check -p nowhere
grep -q "no compile_commands.json in nowhere" err.txt || fail "missing database: $(cat err.txt)"
expect_exit 2 "$tether" check -p build src/missing.cpp
grep -q "no such file or directory: src/missing.cpp" err.txt || fail "missing path: $(cat err.txt)"
printf 'Checks: [unclosed\n' >bad.yaml
expect_exit 2 "$tether" check -p build --config-file bad.yaml
grep -q "invalid configuration in bad.yaml" err.txt || fail "bad config: $(cat err.txt)"
expect_exit 2 "$tether" frobnicate
echo "tether check $test_name: ok"
