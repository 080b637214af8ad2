#!/usr/bin/env bash
# Installs the Debian packages tether needs to build and test, and only the missing ones:
# a second run finds everything present and returns at once.
set -euo pipefail

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
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "tether: installing ${missing[*]}" >&2
sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "tether: need root or sudo to install ${missing[*]}" >&2; exit 2; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
