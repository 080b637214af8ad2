#!/usr/bin/env bash
# The runtime's headers turn on Asio's coroutine support themselves: a program that includes
# <tether/tether.hpp> with no -DASIO_HAS_CO_AWAIT compiles and runs with each compiler, with
# standalone Asio and with Boost.Asio; a file that included Asio before tether without the
# define stops with the one-line remedy (with clang, where Asio 1.22 does not detect the
# coroutines), or compiles (with g++, where it does).
#   runtime_asio_config.sh RUNTIME_INCLUDE CXX...
set -euo pipefail
include=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "runtime_asio_config: $*" >&2; exit 1; }

cat >"$work/main.cpp" <<'CPP'
#include <tether/tether.hpp>
#include <chrono>
#include <cstdio>

int main() {
  using namespace std::chrono_literals;
  int sum = tether::run([]() -> tether::task<int> {
    auto [a, b] = co_await tether::gather(
        []() -> tether::task<int> { co_await tether::sleep_for(1ms); co_return 20; }(),
        []() -> tether::task<int> { co_return 22; }());
    co_return a + b;
  }());
  std::printf("%d\n", sum);
}
CPP
printf '#include <asio.hpp>\n#include <tether/tether.hpp>\nint main() {}\n' >"$work/asio_first.cpp"

for cxx in "$@"; do
  name=$(basename "$cxx")
  "$cxx" -std=c++20 -I"$include" "$work/main.cpp" -o "$work/main-$name" -pthread ||
    fail "$name: <tether/tether.hpp> without a define does not compile"
  [[ $("$work/main-$name") == 42 ]] || fail "$name: the program did not print 42"
  "$cxx" -std=c++20 -DTETHER_USE_BOOST_ASIO -I"$include" -fsyntax-only "$work/main.cpp" ||
    fail "$name: <tether/tether.hpp> on Boost.Asio without a define does not compile"

  set +e
  "$cxx" -std=c++20 -I"$include" -fsyntax-only "$work/asio_first.cpp" 2>"$work/err.txt"
  status=$?
  set -e
  if "$cxx" --version | grep -q clang; then
    ((status != 0)) || fail "$name: Asio included first without the define compiled"
    grep -q 'error: "tether: Asio was configured without coroutine support: define ASIO_HAS_CO_AWAIT=1' \
      "$work/err.txt" || { cat "$work/err.txt" >&2; fail "$name: no remedy in the first error"; }
    # The remedy works.
    "$cxx" -std=c++20 -DASIO_HAS_CO_AWAIT=1 -I"$include" -fsyntax-only "$work/asio_first.cpp" ||
      fail "$name: -DASIO_HAS_CO_AWAIT=1 does not fix it"
  else
    ((status == 0)) || { cat "$work/err.txt" >&2; fail "$name: Asio included first fails"; }
  fi
done
