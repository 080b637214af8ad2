#!/usr/bin/env bash
# cpack -G DEB makes one .deb of the tools, the runtime and the docs: its control fields
# (name, version, the Depends that make it work on Debian 12), its files, apt's view of it
# (every dependency resolvable), and what is in it working when unpacked into a scratch root:
# the tools run and lint, and find_package(tether) finds the runtime there.
#   deb_package.sh ROOT BUILD VERSION CXX
set -euo pipefail
cmake() { command "${CMAKE:-cmake}" "$@"; }
root=$1 build=$2 version=$3 cxx=$4
cpack=${CPACK:-cpack}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "deb_package: $*" >&2; exit 1; }

(cd "$build" && "$cpack" -G DEB -B "$work/out") >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$work/out/tether_${version}_$(dpkg --print-architecture).deb
[[ -f $deb ]] || { ls "$work/out" >&2; fail "no $deb"; }

field() { dpkg-deb --field "$deb" "$1"; }
[[ $(field Package) == tether && $(field Version) == "$version" ]] || fail "name or version: $(field Package) $(field Version)"
depends=$(field Depends)
for dep in clang-tidy-19 'libasio-dev (>= 1.22)' libclang-cpp19 libllvm19 libgrpc++1.51 libc6 libstdc++6; do
  [[ ", $depends," == *", $dep"[\ ,]* ]] || fail "Depends has no $dep: $depends"
done

dpkg-deb --contents "$deb" | awk '{print $6}' >"$work/contents.txt"
# The library directory is lib, or lib/<multiarch> in a build configured for /usr.
libdir=$(sed -n 's|^\./usr/\(lib.*\)/libTetherTidy\.so$|\1|p' "$work/contents.txt")
[[ $libdir == lib || $libdir == lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH) ]] ||
  fail "the package has no libTetherTidy.so in a library directory"
for file in usr/bin/tether usr/bin/tether-tidy usr/bin/tether-clangd \
            usr/include/tether/tether.hpp usr/include/tether/detail/spawn.hpp \
            usr/$libdir/cmake/tether/tetherConfig.cmake \
            usr/$libdir/cmake/tether/tetherConfigVersion.cmake \
            usr/$libdir/cmake/tether/tetherTargets.cmake usr/share/doc/tether/LICENSE \
            usr/share/doc/tether/checks/async-fire-and-forget.md usr/share/doc/tether/ci.md; do
  grep -qx "./$file" "$work/contents.txt" || fail "the package has no /$file"
done
grep -q "^./usr/local" "$work/contents.txt" && fail "files under /usr/local"

# apt can install it here: every dependency is known to it (a simulation, nothing installed).
if command -v apt-get >/dev/null && ((EUID == 0)); then
  apt-get install --simulate --no-install-recommends "$deb" >"$work/apt.txt" 2>&1 ||
    { cat "$work/apt.txt" >&2; fail "apt-get cannot install the package"; }
fi

# Unpacked into a scratch root, the tools run and lint, and the runtime is found.
dpkg-deb -x "$deb" "$work/root"
usr=$work/root/usr
"$usr/bin/tether-tidy" --version | grep -q "tether-tidy version $version" || fail "tether-tidy --version"
"$usr/bin/tether-clangd" --version | grep -q "tether-clangd version $version" || fail "tether-clangd --version"
clang-tidy-19 --load="$usr/$libdir/libTetherTidy.so" --checks='-*,async-*' --list-checks |
  grep -q async-missing-timeout || fail "clang-tidy-19 does not load the packaged plugin"
mkdir -p "$work/project/src" "$work/project/build"
cat >"$work/project/src/app.cpp" <<'CPP'
#include <tether/tether.hpp>

tether::task<> tick() { co_return; }

void start(asio::io_context &io) { asio::co_spawn(io, tick(), asio::detached); }
CPP
cat >"$work/project/build/compile_commands.json" <<JSON
[{"directory": "$work/project", "file": "src/app.cpp",
  "arguments": ["clang++-19", "-std=c++20", "-I$usr/include", "-c", "src/app.cpp"]}]
JSON
set +e
(cd "$work/project" && "$usr/bin/tether" check -p build --quiet) >"$work/check.txt" 2>&1
status=$?
set -e
((status == 1)) && grep -q "src/app.cpp:5:36: warning: .*\[async-fire-and-forget\]" "$work/check.txt" ||
  { cat "$work/check.txt" >&2; fail "the packaged tether check exited $status"; }

cmake -S "$root/tests/downstream" -B "$work/downstream" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_PREFIX_PATH="$usr" >"$work/downstream.log" 2>&1 ||
  { cat "$work/downstream.log" >&2; fail "find_package(tether) in the package failed"; }
grep -q "TETHER_TIDY_PLUGIN=$usr/$libdir/libTetherTidy.so" "$work/downstream.log" ||
  { cat "$work/downstream.log" >&2; fail "the package's TETHER_TIDY_PLUGIN"; }
cmake --build "$work/downstream" >"$work/downstream.log" 2>&1 ||
  { cat "$work/downstream.log" >&2; fail "the downstream build on the package failed"; }
[[ $("$work/downstream/downstream") == "downstream: 42" ]] || fail "the downstream program"
