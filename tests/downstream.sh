#!/usr/bin/env bash
# A project of a tether user (tests/downstream) builds and runs its program on tether::runtime,
# with tether
# - installed: `cmake --install BUILD --component runtime` into a prefix, then find_package;
#   and, when BUILD has the tools, `--component tools` too, whose plugin the package names
#   and clang-tidy-19 loads;
# - installed whole (`cmake --install`) from a build of the runtime alone;
# - added with add_subdirectory, and with FetchContent from a directory and from an archive;
#   included so, tether adds no targets of its own and leaves the build type alone;
# - and tether::runtime_boost from the install prefix, on Boost.Asio.
#   downstream.sh ROOT BUILD CXX
set -euo pipefail
cmake() { command "${CMAKE:-cmake}" "$@"; }
root=$1 build=$2 cxx=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "downstream: $*" >&2; exit 1; }
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

# consume NAME ARGS...: configure, build and run the downstream project.
consume() {
  local name=$1
  shift
  cmake -S "$root/tests/downstream" -B "$work/$name" "${generator[@]}" \
    -DCMAKE_CXX_COMPILER="$cxx" "$@" >"$work/$name.log" 2>&1 ||
    { cat "$work/$name.log" >&2; fail "$name: configure failed"; }
  cmake --build "$work/$name" >>"$work/$name.log" 2>&1 ||
    { cat "$work/$name.log" >&2; fail "$name: build failed"; }
  [[ $("$work/$name/downstream") == "downstream: 42" ]] || fail "$name: the program did not print 42"
  # The parent's build type is its own (empty here), not tether's default.
  [[ -z $(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$work/$name/CMakeCache.txt") ]] ||
    fail "$name: tether set the parent's CMAKE_BUILD_TYPE"
}

# From an install prefix: the runtime component of this build.
cmake --install "$build" --prefix "$work/prefix" --component runtime >/dev/null
[[ -f $work/prefix/include/tether/tether.hpp ]] || fail "the runtime component has no headers"
[[ ! -e $work/prefix/bin ]] || fail "the runtime component installed executables"
consume package -DCMAKE_PREFIX_PATH="$work/prefix"
grep -q "downstream: TETHER_TIDY_PLUGIN=$" "$work/package.log" ||
  fail "TETHER_TIDY_PLUGIN is set without the tools installed"
# The same program on Boost.Asio, through tether::runtime_boost.
consume package-boost -DCMAKE_PREFIX_PATH="$work/prefix" -DTETHER_RUNTIME_TARGET=tether::runtime_boost
grep -rq -- "-DTETHER_USE_BOOST_ASIO=1" "$work/package-boost" ||
  fail "tether::runtime_boost does not select Boost.Asio"

# With the tools installed too, the package names the plugin, which clang-tidy loads.
if [[ -f $build/tool/libTetherTidy.so ]]; then
  cmake --install "$build" --prefix "$work/prefix" --component tools >/dev/null
  consume package-tools -DCMAKE_PREFIX_PATH="$work/prefix"
  plugin=$(sed -n 's/^-- downstream: TETHER_TIDY_PLUGIN=//p' "$work/package-tools.log")
  [[ -f $plugin && $plugin == "$work/prefix/"* ]] || fail "TETHER_TIDY_PLUGIN: '$plugin'"
  clang-tidy-19 --load="$plugin" --checks='-*,async-*' --list-checks | grep -q async-fire-and-forget ||
    fail "clang-tidy-19 does not load the installed plugin"
  "$work/prefix/bin/tether-tidy" --version | grep -q "tether-tidy version" ||
    fail "the installed tether-tidy does not run"
fi

# A whole install from a build without the checks (and without tests).
cmake -S "$root" -B "$work/runtime-build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" \
  -DTETHER_BUILD_CHECKS=OFF -DTETHER_BUILD_TESTS=OFF -DTETHER_BUILD_BENCH=OFF >/dev/null
cmake --build "$work/runtime-build" >/dev/null
cmake --install "$work/runtime-build" --prefix "$work/whole" >/dev/null
for file in include/tether/tether.hpp lib/cmake/tether/tetherConfig.cmake \
            lib/cmake/tether/tetherConfigVersion.cmake share/doc/tether/LICENSE \
            share/doc/tether/checks/async-fire-and-forget.md share/doc/tether/ci.md; do
  [[ -f $work/whole/$file ]] || fail "cmake --install of a runtime build has no $file"
done
consume package-whole -DCMAKE_PREFIX_PATH="$work/whole"

# From the source tree.
consume subdirectory -DTETHER_CONSUME=subdirectory -DTETHER_SOURCE="$root"
consume fetch-source -DTETHER_CONSUME=fetch-source -DTETHER_SOURCE="$root"
tar --exclude='./build*' --exclude=./.tools --exclude=./.git -C "$root" -czf "$work/tether.tar.gz" .
consume fetch-url -DTETHER_CONSUME=fetch-url -DTETHER_URL="file://$work/tether.tar.gz"
