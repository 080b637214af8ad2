#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# What tether's GitHub Action (action.yml) runs; each step reads the action's inputs from the
# environment (TETHER_*) and writes its outputs to $GITHUB_OUTPUT.
#   github-action.sh install   get tether onto the PATH: TETHER_INSTALL=build (from this
#                              repository, with Debian/Ubuntu's LLVM 19), deb (TETHER_DEB, a
#                              path or URL of tether's .deb) or path (already there)
#   github-action.sh check     tether check -p TETHER_BUILD_DIR --sarif TETHER_SARIF, with
#                              TETHER_CHECKS, TETHER_DIFF, TETHER_BASELINE, TETHER_ARGS;
#                              outputs: sarif (the file), exit-code (tether check's)
#   github-action.sh merge     tether merge-sarif of TETHER_MERGE (a glob) into TETHER_SARIF
# A baseline that does not exist yet is written by this run, which then does not fail: commit
# the file it names.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
output=${GITHUB_OUTPUT:-/dev/null}
notice() { echo "::notice::$*"; }

as_root() {
  if ((EUID == 0)); then "$@"; else sudo "$@"; fi
}

install_tether() {
  case ${TETHER_INSTALL:-build} in
    path)
      command -v tether >/dev/null || { echo "::error::tether is not on the PATH"; exit 2; } ;;
    deb)
      [[ -n ${TETHER_DEB:-} ]] || { echo "::error::install: deb needs the input deb"; exit 2; }
      local deb=$TETHER_DEB
      if [[ $deb == http://* || $deb == https://* ]]; then
        curl -fsSL -o "${RUNNER_TEMP:-/tmp}/tether.deb" "$deb"
        deb=${RUNNER_TEMP:-/tmp}/tether.deb
      fi
      as_root apt-get update -qq
      as_root apt-get install -y -qq --no-install-recommends "$(realpath "$deb")" ;;
    build)
      local build=${RUNNER_TEMP:-/tmp}/tether-build
      as_root apt-get update -qq
      as_root apt-get install -y -qq --no-install-recommends cmake ninja-build \
        clang-19 clang-tidy-19 clangd-19 libclang-19-dev llvm-19-dev
      cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 \
        -DTETHER_BUILD_TESTS=OFF -DTETHER_BUILD_BENCH=OFF >/dev/null
      cmake --build "$build" --target tether
      echo "$build/tool" >>"${GITHUB_PATH:-/dev/null}"
      export PATH="$build/tool:$PATH" ;;
    *)
      echo "::error::install: build, deb or path, not '$TETHER_INSTALL'"; exit 2 ;;
  esac
  tether check --help >/dev/null
}

check() {
  # Absolute paths: tether check reads a relative --write-baseline in the build directory.
  local build=${TETHER_BUILD_DIR:-build} sarif
  sarif=$(realpath -m -- "${TETHER_SARIF:-tether.sarif}")
  local args=(-p "$build" --sarif "$sarif")
  [[ -z ${TETHER_CHECKS:-} ]] || args+=("--checks=$TETHER_CHECKS")
  [[ -z ${TETHER_DIFF:-} ]] || args+=(--diff "$TETHER_DIFF")
  local extra=()
  [[ -z ${TETHER_ARGS:-} ]] || read -r -a extra <<<"$TETHER_ARGS"
  local bootstrap=
  if [[ -n ${TETHER_BASELINE:-} ]]; then
    local baseline
    baseline=$(realpath -m -- "$TETHER_BASELINE")
    if [[ -f $baseline ]]; then
      args+=(--baseline "$baseline")
    else
      bootstrap=$baseline
    fi
  fi
  echo "sarif=$sarif" >>"$output"
  local status=0
  tether check "${args[@]}" "${extra[@]}" || status=$?
  if [[ -n $bootstrap ]] && ((status <= 1)); then
    # The first run with a baseline: the current findings are shown and accepted, none fails.
    tether check -p "$build" ${TETHER_CHECKS:+"--checks=$TETHER_CHECKS"} "${extra[@]}" \
      --quiet --write-baseline "$bootstrap"
    notice "no baseline at $TETHER_BASELINE: wrote one that accepts the current findings; commit it"
    status=0
  fi
  echo "exit-code=$status" >>"$output"
}

merge() {
  local sarif files
  sarif=$(realpath -m -- "${TETHER_SARIF:-tether.sarif}")
  # shellcheck disable=SC2206 # the glob is meant to expand
  files=($TETHER_MERGE)
  [[ -f ${files[0]} ]] || { echo "::error::no SARIF file matches '$TETHER_MERGE'"; exit 2; }
  tether merge-sarif -o "$sarif" "${files[@]}"
  echo "sarif=$sarif" >>"$output"
  echo "exit-code=0" >>"$output"
}

case ${1:-} in
  install) install_tether ;;
  check) check ;;
  merge) merge ;;
  *) echo "usage: github-action.sh install|check|merge" >&2; exit 2 ;;
esac
