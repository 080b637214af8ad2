#!/usr/bin/env bash
# The main job: builds tether-tidy if needed, lints the bundled examples/
# project (healthd) with every async- check, prints the findings with their
# fix-its, then shows what the fix-its change (applied to a copy).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TETHER_BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"

echo "== building tether-tidy"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
fi
cmake --build "$build" -j "${TETHER_JOBS:-2}" --target tether-tidy >/dev/null

source "$root/scripts/lib/examples.sh"

configure_examples "$root/examples" "$build/examples"
echo "== tether-tidy --checks='-*,async-*' on examples/ (healthd)"
lint "$build/examples" "$root/examples" 2>/dev/null | tee "$build/examples/findings.txt"
count=$(grep -c ': warning: ' "$build/examples/findings.txt" || true)

# Apply every fix-it, those on notes included, to a copy and show the diff.
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
copy_examples "$copy"
cp -r "$copy/examples" "$copy/original"
configure_examples "$copy/examples" "$copy/build"
lint "$copy/build" "$copy/examples" --fix --fix-notes >/dev/null 2>&1 || true
echo "== what the fix-its change (--fix --fix-notes)"
(cd "$copy" && diff -ru original examples || true)
echo "== $count async- findings in examples/"
