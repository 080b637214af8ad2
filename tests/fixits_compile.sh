#!/usr/bin/env bash
# Applies every fix-it (--fix --fix-notes) to a copy of examples/, builds the
# result against the runtime with clang++-19 and with g++-12, and lints it
# again: the second pass must change nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${TETHER_BUILD_DIR:-$root/build}
source "$root/scripts/lib/examples.sh"

copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
copy_examples "$copy"
configure_examples "$copy/examples" "$copy/clang"
lint "$copy/clang" --fix --fix-notes --quiet >/dev/null 2>&1 || true
cp -r "$copy/examples" "$copy/fixed"
if diff -r -q "$root/examples" "$copy/fixed" -x build >/dev/null; then
  echo "fixits_compile: the fix-its changed nothing in examples/" >&2
  exit 1
fi

cmake --build "$copy/clang" -j "${TETHER_JOBS:-2}"
configure_examples "$copy/examples" "$copy/gcc" -DCMAKE_CXX_COMPILER=g++-12
cmake --build "$copy/gcc" -j "${TETHER_JOBS:-2}"

lint "$copy/clang" --fix --fix-notes --quiet >/dev/null 2>&1 || true
if ! diff -ru "$copy/fixed" "$copy/examples"; then
  echo "fixits_compile: a second --fix pass changed the fixed code" >&2
  exit 1
fi
echo "fixits_compile: fixed examples/ builds with clang++-19 and g++-12; a second pass changes nothing"
