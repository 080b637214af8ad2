#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The main job: builds tether if needed, lints the bundled examples/ project
# (healthd) with tether check and every async- check, prints the findings
# with their fix-its and writes them as SARIF, then shows what the fix-its
# change (applied to a copy).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TETHER_BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"

echo "== building tether"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
fi
cmake --build "$build" -j "${TETHER_JOBS:-2}" --target tether >/dev/null

source "$root/scripts/lib/examples.sh"

configure_examples "$root/examples" "$build/examples"
echo "== tether check on examples/ (healthd)"
# It exits 1 when it finds something, which is what this job is about.
lint "$build/examples" --sarif "$build/examples/tether.sarif" |
  tee "$build/examples/findings.txt" || (( $? == 1 ))
count=$(grep -c ': warning: ' "$build/examples/findings.txt" || true)

# Apply every fix-it, those on notes included, to a copy and show the diff.
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
copy_examples "$copy"
cp -r "$copy/examples" "$copy/original"
configure_examples "$copy/examples" "$copy/build"
lint "$copy/build" --fix --fix-notes --quiet >/dev/null 2>&1 || true
echo "== what the fix-its change (--fix --fix-notes)"
(cd "$copy" && diff -ru original examples || true)
echo "== $count async- findings in examples/ (as SARIF: $build/examples/tether.sarif)"
