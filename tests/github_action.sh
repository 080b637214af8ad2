#!/usr/bin/env bash
# What the GitHub Action (action.yml) runs, scripts/github-action.sh, on a copy of examples/
# (healthd, 9 findings), as the workflows of docs/ci.md use it:
# - with a baseline that does not exist yet: writes it, succeeds, the SARIF file has them all;
# - with that baseline: succeeds; a new bug fails (exit code 1) with it alone in the SARIF file;
# - --diff: only the changed line; no baseline: every finding fails;
# - shards, each its own SARIF file, merged: every finding once.
#   github_action.sh ROOT TETHER
set -euo pipefail
root=$1 tether=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "github_action: $*" >&2; exit 1; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
mkdir "$work/bin"
ln -s "$tether" "$work/bin/tether"
export PATH="$work/bin:$PATH"

cp -r "$root/examples" "$work/examples"
rm -rf "$work/examples/build"
ln -s "$root/runtime" "$work/runtime"
cd "$work/examples"
cmake -S . -B build -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
git init -q -b main .
printf 'build/\n' >.gitignore
git add -A
git commit -qm base

results() { python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$1"; }
# action KEY=VALUE...: runs the action's check step with these inputs; its outputs in $out.
action() {
  out=$work/outputs.txt
  : >"$out"
  env GITHUB_OUTPUT="$out" TETHER_BUILD_DIR=build "$@" \
    "$root/scripts/github-action.sh" "${mode:-check}" >"$work/log.txt" 2>&1 ||
    { cat "$work/log.txt" >&2; fail "the step failed: $*"; }
}
output() { sed -n "s/^$1=//p" "$out"; }

TETHER_INSTALL=path "$root/scripts/github-action.sh" install || fail "install: path"

action TETHER_BASELINE=tether-baseline.json
[[ $(output exit-code) == 0 ]] || { cat "$work/log.txt" >&2; fail "a missing baseline failed the run"; }
grep -q "::notice::no baseline at tether-baseline.json: wrote one" "$work/log.txt" || fail "no notice"
[[ -f tether-baseline.json ]] || fail "the baseline was not written"
[[ $(output sarif) == "$PWD/tether.sarif" && $(results tether.sarif) == 9 ]] || fail "SARIF of the first run"

action TETHER_BASELINE=tether-baseline.json
[[ $(output exit-code) == 0 ]] || { cat "$work/log.txt" >&2; fail "the baseline does not accept the findings"; }

sed -i 's|^\(\s*\)asio::co_spawn(io, \(.*\), asio::detached);|&\n\1asio::co_spawn(io, \2, asio::detached);|' src/main.cpp
git diff --quiet && fail "no bug added to src/main.cpp"
action TETHER_BASELINE=tether-baseline.json TETHER_SARIF=new.sarif
[[ $(output exit-code) == 1 && $(results new.sarif) == 1 ]] ||
  { cat "$work/log.txt" >&2; fail "a new finding: exit $(output exit-code)"; }

action TETHER_DIFF=HEAD TETHER_SARIF=diff.sarif
[[ $(output exit-code) == 1 && $(results diff.sarif) == 1 ]] || { cat "$work/log.txt" >&2; fail "--diff"; }
git checkout -q src/main.cpp

action TETHER_CHECKS='-*,async-fire-and-forget'
[[ $(output exit-code) == 1 && $(results tether.sarif) == 4 ]] ||
  { cat "$work/log.txt" >&2; fail "checks: exit $(output exit-code), $(results tether.sarif) results"; }

for shard in 1 2; do
  action TETHER_ARGS="--shard $shard/2" TETHER_SARIF="tether-$shard.sarif"
  [[ $(output exit-code) == 1 ]] || fail "shard $shard"
done
mode=merge action TETHER_MERGE='tether-*.sarif' TETHER_SARIF=merged.sarif
[[ $(output sarif) == "$PWD/merged.sarif" && $(results merged.sarif) == 9 ]] || fail "merge-sarif"
