#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds everything and runs every test: the check tests through the plugin and tether-tidy,
# the tool tests, and the runtime tests in four configurations (clang++-19 with the checks,
# AddressSanitizer+UBSan, ThreadSanitizer, g++-12). Installs what is missing first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"

jobs=${TETHER_JOBS:-2}
configure_and_test() {
  local dir=$1
  shift
  echo "== tether: $dir" >&2
  # Tests on, whatever an earlier configure of the same directory chose.
  cmake -S "$root" -B "$root/$dir" -G Ninja -DTETHER_BUILD_TESTS=ON "$@" >/dev/null
  cmake --build "$root/$dir" -j "$jobs"
  (cd "$root/$dir" && ctest --output-on-failure -j "$jobs")
}

configure_and_test build -DCMAKE_CXX_COMPILER=clang++-19
configure_and_test build-asan -DCMAKE_CXX_COMPILER=clang++-19 -DTETHER_BUILD_CHECKS=OFF \
  -DTETHER_SANITIZE=address,undefined -DCMAKE_BUILD_TYPE=RelWithDebInfo
configure_and_test build-tsan -DCMAKE_CXX_COMPILER=clang++-19 -DTETHER_BUILD_CHECKS=OFF \
  -DTETHER_SANITIZE=thread -DCMAKE_BUILD_TYPE=RelWithDebInfo
configure_and_test build-gcc -DCMAKE_CXX_COMPILER=g++-12 -DTETHER_BUILD_CHECKS=OFF
