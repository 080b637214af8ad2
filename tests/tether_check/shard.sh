#!/usr/bin/env bash
# --shard K/N: the parts of N jobs cover every translation unit exactly
# once, the same whatever the order of the compile database, and their
# SARIF files merged equal the report of one job.
source "$(dirname "$0")/common.sh"
cp src/a.cpp src/c.cpp
sed -i 's/start(/start_c(/' src/c.cpp
write_database a b clean c

expect_exit 1 "$tether" check -p build --no-cache --sarif whole.sarif
linted() { sed -n 's/^\[[0-9]*\/[0-9]*\] //p' err.txt | sort; }
for n in 1 2 3 5; do
  : >parts.txt
  sarifs=()
  for ((k = 1; k <= n; k++)); do
    set +e; "$tether" check -p build --no-cache --shard "$k/$n" --sarif "part$k.sarif" >out.txt 2>err.txt
    got=$?; set -e
    [[ $got == 0 || $got == 1 ]] || { cat err.txt >&2; fail "--shard $k/$n exited $got"; }
    linted >>parts.txt
    sarifs+=("part$k.sarif")
  done
  [[ $(sort parts.txt) == "$(printf 'src/a.cpp\nsrc/b.cpp\nsrc/c.cpp\nsrc/clean.cpp')" ]] ||
    fail "$n shards linted: $(sort parts.txt | tr '\n' ' ')"
  expect_exit 0 "$tether" merge-sarif -o merged.sarif "${sarifs[@]}"
  validate_sarif whole.sarif merged.sarif "${sarifs[@]}"
  results='sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["partialFingerprints"]["tetherFingerprint/v1"]) for r in j["runs"][0]["results"])'
  [[ $(json_query merged.sarif "$results") == "$(json_query whole.sarif "$results")" ]] ||
    fail "$n shards merged differ from one run: $(json_query merged.sarif "$results")"
done

# The split depends on the files, not on the order of the database.
"$tether" check -p build --no-cache --shard 1/2 >/dev/null 2>err.txt || true
linted >first.txt
python3 - <<'PY'
import json
db = json.load(open("build/compile_commands.json"))
json.dump(db[::-1], open("build/compile_commands.json", "w"))
PY
"$tether" check -p build --no-cache --shard 1/2 >/dev/null 2>err.txt || true
linted >reversed.txt
cmp -s first.txt reversed.txt || fail "the split follows the database order"

# More shards than translation units: an empty part is a clean run.
expect_exit 0 "$tether" check -p build --shard 7/7
grep -q "shard 7/7 has no translation unit" err.txt || fail "empty shard: $(cat err.txt)"
for bad in 0/2 3/2 2 a/b 1/0; do
  expect_exit 2 "$tether" check -p build --shard "$bad"
  grep -q "shard takes K/N" err.txt || fail "--shard $bad: $(cat err.txt)"
done
echo "tether check $test_name: ok"
