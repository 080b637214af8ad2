#!/usr/bin/env bash
# The incremental cache: an unchanged project is not linted again and gives
# the same report; an edit to an included header, to a comment of a
# translation unit, or to the configuration lints again what it touches.
source "$(dirname "$0")/common.sh"
write_database a b clean

expect_exit 1 "$tether" check -p build
grep -q "3 translation units (0 from the cache), 3 findings" err.txt || fail "cold: $(cat err.txt)"
cp out.txt cold.txt
[[ -n $(ls build/.tether-cache) ]] || fail "nothing in build/.tether-cache"
expect_exit 1 "$tether" check -p build
grep -q "3 translation units (3 from the cache), 3 findings" err.txt || fail "warm: $(cat err.txt)"
cmp -s out.txt cold.txt || fail "the cache reports differently: $(diff cold.txt out.txt)"

# The header a.cpp and b.cpp include: both are linted again, and see it.
sed -i 's/^inline asio::awaitable<void> nap() {/inline asio::awaitable<void> nap() { \/\/ edited/' include/jobs.hpp
expect_exit 1 "$tether" check -p build
grep -q "3 translation units (1 from the cache)" err.txt || fail "after a header edit: $(cat err.txt)"
# A comment is text too: clean.cpp alone.
echo "// a comment" >>src/clean.cpp
expect_exit 1 "$tether" check -p build
grep -q "3 translation units (2 from the cache)" err.txt || fail "after a comment: $(cat err.txt)"
# A NOLINT in a translation unit: it is linted again, and the finding goes.
sed -i 's|asio::detached); }|asio::detached); } // NOLINT(async-fire-and-forget)|' src/a.cpp
expect_exit 1 "$tether" check -p build
grep -q "3 translation units (2 from the cache), 2 findings" err.txt || fail "after a NOLINT: $(cat err.txt)"
# The configuration: everything again.
expect_exit 1 "$tether" check -p build --checks=-*,async-fire-and-forget
grep -q "3 translation units (0 from the cache), 1 finding" err.txt || fail "other checks: $(cat err.txt)"
printf 'CheckOptions:\n  async-fire-and-forget.DetachedSpawnFunctions: "::my::spawn"\n' >.clang-tidy
expect_exit 1 "$tether" check -p build --checks=-*,async-fire-and-forget
grep -q "3 translation units (0 from the cache)" err.txt || fail "a .clang-tidy: $(cat err.txt)"
# Compile flags.
python3 - <<'PY'
import json
db = json.load(open("build/compile_commands.json"))
db[0]["arguments"].insert(-2, "-DEXTRA=1")
json.dump(db, open("build/compile_commands.json", "w"))
PY
expect_exit 1 "$tether" check -p build --checks=-*,async-fire-and-forget
grep -q "3 translation units (2 from the cache)" err.txt || fail "new flags: $(cat err.txt)"

# --cache elsewhere, --no-cache, and a cache that cannot be made.
expect_exit 1 "$tether" check -p build --cache elsewhere
grep -q "(0 from the cache)" err.txt && [[ -n $(ls elsewhere) ]] || fail "--cache: $(cat err.txt)"
expect_exit 1 "$tether" check -p build --no-cache
! grep -q "from the cache" err.txt || fail "--no-cache: $(cat err.txt)"
touch afile
# A cache that cannot be made costs time, never the findings.
expect_exit 1 "$tether" check -p build --cache afile/sub
grep -q "warning: cannot create the cache directory $PWD/afile/sub: .*; linting without the cache" err.txt ||
  fail "bad cache: $(cat err.txt)"
[[ $(grep -c ": warning: " out.txt) == 2 ]] || fail "bad cache, findings: $(cat out.txt)"
# A damaged entry is a miss, not an error.
for entry in elsewhere/*.json; do echo garbage >"$entry"; done
expect_exit 1 "$tether" check -p build --cache elsewhere
grep -q "(0 from the cache)" err.txt || fail "damaged entries: $(cat err.txt)"

# A precompiled header is an input: rebuilt with other contents, the
# translation units that use it are linted again.
printf '#pragma once\n#define PCH_ANSWER 1\n' >include/pre.hpp
clang++-19 -std=c++20 -x c++-header include/pre.hpp -o build/pre.pch
printf 'int answer() { return PCH_ANSWER; }\n' >src/pch_user.cpp
python3 - <<'PY'
import json, os
work = os.getcwd()
json.dump([{"directory": work, "file": "src/pch_user.cpp",
            "arguments": ["clang++-19", "-std=c++20", "-include-pch", "build/pre.pch",
                          "-c", "src/pch_user.cpp"]}],
          open("build/compile_commands.json", "w"))
PY
expect_exit 0 "$tether" check -p build
grep -q "1 translation unit (0 from the cache)" err.txt || fail "pch, cold: $(cat err.txt)"
expect_exit 0 "$tether" check -p build
grep -q "1 translation unit (1 from the cache)" err.txt || fail "pch, warm: $(cat err.txt)"
printf '#pragma once\n#define PCH_ANSWER 2\n' >include/pre.hpp
clang++-19 -std=c++20 -x c++-header include/pre.hpp -o build/pre.pch
expect_exit 0 "$tether" check -p build
grep -q "1 translation unit (0 from the cache)" err.txt || fail "pch rebuilt: $(cat err.txt)"
echo "tether check $test_name: ok"
