#!/usr/bin/env bash
# How tether's configure behaves for someone who builds it on their own:
# - with g++ and the checks on, it stops at once and names both remedies;
# - with the checks off, g++ configures, as a Release build unless told otherwise;
# - without the SARIF validator, it says which tests it disables, and disables them;
# - without LLVM 19, GoogleTest or Google Benchmark, it names the packages and the option.
#   configure.sh ROOT GXX CLANGXX
set -euo pipefail
root=$1 gxx=$2 clangxx=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "configure: $*" >&2; exit 1; }

# A copy of the source tree without build directories and without .tools/.
mkdir "$work/src"
tar --exclude='./build*' --exclude=./.tools --exclude=./.git -C "$root" -cf - . | tar -C "$work/src" -xf -

if cmake -S "$work/src" -B "$work/gxx" -DCMAKE_CXX_COMPILER="$gxx" >"$work/out.txt" 2>&1; then
  cat "$work/out.txt" >&2; fail "g++ with the checks configured"
fi
tr -s ' \n' ' ' <"$work/out.txt" >"$work/flat.txt"
grep -q 'must be built with clang++' "$work/flat.txt" &&
  grep -q -- '-DCMAKE_CXX_COMPILER=clang++-19' "$work/flat.txt" &&
  grep -q -- '-DTETHER_BUILD_CHECKS=OFF' "$work/flat.txt" ||
  { cat "$work/out.txt" >&2; fail "g++ with the checks: no remedy named"; }

# A missing dependency names its packages and the option that leaves its part out.
missing() { # PACKAGE OPTION PACKAGES
  if cmake -S "$work/src" -B "$work/missing-$1" -DCMAKE_CXX_COMPILER="$clangxx" \
       -DCMAKE_DISABLE_FIND_PACKAGE_$1=ON >"$work/out.txt" 2>&1; then
    fail "configured without $1"
  fi
  tr -s ' \n' ' ' <"$work/out.txt" >"$work/flat.txt"
  grep -q "install $3 (scripts/install-deps.sh installs every dependency), or configure with -D$2=OFF" \
    "$work/flat.txt" || { cat "$work/out.txt" >&2; fail "without $1: no remedy named"; }
}
missing LLVM TETHER_BUILD_CHECKS "llvm-19-dev libclang-19-dev clang-tidy-19 clangd-19"
missing GTest TETHER_BUILD_TESTS "libgtest-dev libgmock-dev"
missing benchmark TETHER_BUILD_BENCH "libbenchmark-dev"

cache_value() { sed -n "s/^$2:[A-Z]*=//p" "$1/CMakeCache.txt"; }
cmake -S "$work/src" -B "$work/runtime" -DCMAKE_CXX_COMPILER="$gxx" -DTETHER_BUILD_CHECKS=OFF \
  >"$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; fail "g++ without the checks failed"; }
[[ $(cache_value "$work/runtime" CMAKE_BUILD_TYPE) == Release ]] || fail "not a Release build by default"
[[ $(cache_value "$work/runtime" TETHER_BUILD_TESTS) == ON ]] || fail "tests off at the top level"
cmake -S "$work/src" -B "$work/debug" -DCMAKE_CXX_COMPILER="$gxx" -DTETHER_BUILD_CHECKS=OFF \
  -DCMAKE_BUILD_TYPE=Debug >"$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; fail "Debug failed"; }
[[ $(cache_value "$work/debug" CMAKE_BUILD_TYPE) == Debug ]] || fail "the build type given was overridden"

cmake -S "$work/src" -B "$work/clang" -G Ninja -DCMAKE_CXX_COMPILER="$clangxx" \
  -DTETHER_BUILD_BENCH=OFF >"$work/out.txt" 2>&1 ||
  { cat "$work/out.txt" >&2; fail "clang++ without the SARIF validator failed"; }
tr -s ' \n' ' ' <"$work/out.txt" >"$work/flat.txt"
grep -q "SARIF validator is not under .*: the tests that validate SARIF files are disabled: main-job, tether-check-sarif, tether-check-shard" \
  "$work/flat.txt" || { cat "$work/out.txt" >&2; fail "no word about the missing validator"; }
(cd "$work/clang" && ctest -N) >"$work/tests.txt"
for test in main-job tether-check-sarif tether-check-shard; do
  grep -q "$test (Disabled)" "$work/tests.txt" || { cat "$work/tests.txt" >&2; fail "$test not disabled"; }
done
grep -q "tether-check-basics$" "$work/tests.txt" || fail "tests without SARIF are not registered"
