#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds tether's .deb (tools, runtime and docs in one package) for the Debian it runs on:
# configures a build for /usr with clang++-19 and no tests, builds it and runs cpack -G DEB.
# Installs what is missing first. Prints the path of the .deb.
#   scripts/package-deb.sh [BUILD_DIR]      (default: build-deb)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-deb}
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCMAKE_INSTALL_PREFIX=/usr -DTETHER_BUILD_TESTS=OFF -DTETHER_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "${TETHER_JOBS:-2}"
(cd "$build" && cpack -G DEB >/dev/null)
ls "$build"/tether_*.deb
