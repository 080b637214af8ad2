#!/usr/bin/env bash
# Paths as CI runners give them: relative flags at any -j, cold and warm,
# write their reports where the working directory says and fill the cache;
# a database with several directories lints each file against its own
# headers; symbolic links name one file once; spaces and non-ASCII in
# paths reach SARIF, GitLab and --diff intact.
source "$(dirname "$0")/common.sh"

# Eight translation units in four directories, each directory with its own
# include/jobs.hpp that only its own files may see.
python3 - "$work" "$runtime" <<'PY'
import json, os, shutil, sys
work, runtime = sys.argv[1:]
entries = []
for part in range(4):
    root = os.path.join(work, "parts", "p%d" % part)
    os.makedirs(os.path.join(root, "src"))
    shutil.copytree(os.path.join(work, "include"), os.path.join(root, "include"))
    # Only this directory's header declares part<N>().
    with open(os.path.join(root, "include", "jobs.hpp"), "a") as h:
        h.write("inline asio::awaitable<void> part%d() { co_return; }\n" % part)
    for unit in range(2):
        name = "u%d.cpp" % unit
        with open(os.path.join(root, "src", name), "w") as f:
            f.write('#include "jobs.hpp"\n\nasio::awaitable<void> run%d() {\n'
                    '  co_await part%d();\n  nap();\n}\n' % (unit, part))
        entries.append({"directory": root, "file": "src/" + name,
                        "arguments": ["clang++-19", "-std=c++20", "-DASIO_HAS_CO_AWAIT=1",
                                      "-Iinclude", "-I" + runtime, "-c", "src/" + name]})
os.makedirs(os.path.join(work, "build"), exist_ok=True)
json.dump(entries, open(os.path.join(work, "build", "compile_commands.json"), "w"))
PY
printf "Checks: '-*,async-fire-and-forget,async-blocking-call-in-coroutine'\n" >config.yaml

# Relative -p, --config-file and reports, at -j1, -j2 and -j8, cold then
# warm: the same reports, in the working directory, every time.
for jobs in 1 2 8; do
  rm -rf build/.tether-cache out-*
  for run in cold warm; do
    # --write-baseline accepts every finding: exit 0.
    expect_exit 0 "$tether" check -p build -j"$jobs" --config-file config.yaml \
      --sarif out-$run.sarif --gitlab out-$run.gitlab.json --write-baseline out-$run.baseline.json
    [[ -f out-$run.sarif && -f out-$run.gitlab.json && -f out-$run.baseline.json ]] ||
      fail "-j$jobs $run: reports not in the working directory: $(ls . build)"
    ! ls build/out-* >/dev/null 2>&1 || fail "-j$jobs $run: reports written under build/"
    # Every file's own header: each part sees part<N>() and nothing else.
    ! grep -q "error:" out.txt || fail "-j$jobs $run: $(grep error: out.txt)"
    [[ $(grep -c ": warning: " out.txt) == 12 ]] ||
      fail "-j$jobs $run: $(grep -c ': warning: ' out.txt) findings, expected 12"
    sort out.txt >sorted-$jobs-$run.txt
    [[ $run == cold ]] || grep -q "8 translation units (8 from the cache)" err.txt ||
      fail "-j$jobs warm: $(cat err.txt)"
  done
  [[ $(ls build/.tether-cache/*.json | wc -l) == 8 ]] ||
    fail "-j$jobs: the cache holds $(ls build/.tether-cache | wc -l) entries after a cold run, not 8"
  for report in sarif gitlab.json baseline.json; do
    cmp -s out-cold.$report out-warm.$report || fail "-j$jobs: $report differs cold and warm"
    [[ $jobs == 1 ]] && cp out-cold.$report first.$report
    cmp -s out-cold.$report first.$report || fail "-j$jobs: $report differs from -j1"
  done
  cmp -s sorted-$jobs-cold.txt sorted-1-cold.txt || fail "-j$jobs: findings differ from -j1"
done
validate_sarif first.sarif

# Each file's own .clang-tidy, whatever directory tether check runs from:
# the commands name their files relative to their directories, which is not
# the working directory.
printf "Checks: '-*,async-fire-and-forget'\n" >parts/p1/.clang-tidy
expect_exit 1 "$tether" check -p build
grep -o "parts/.*warning: .*" out.txt | sort >here.txt
! grep -q "parts/p1/.*async-blocking-call-in-coroutine" here.txt ||
  fail "parts/p1/.clang-tidy not read: $(cat here.txt)"
grep -q "parts/p0/.*async-blocking-call-in-coroutine" here.txt || fail "no finding in parts/p0: $(cat here.txt)"
mkdir elsewhere
(
  cd elsewhere
  expect_exit 1 "$tether" check -p ../build
  ! grep -q "Error reading configuration" err.txt || fail "from elsewhere: $(cat err.txt)"
  grep -o "parts/.*warning: .*" out.txt | sort >../elsewhere.txt
)
cmp -s here.txt elsewhere.txt || fail "from another directory: $(diff here.txt elsewhere.txt)"
rm -r parts/p1/.clang-tidy elsewhere

# A path filter selects the files behind it whichever side names them
# through a symbolic link: the filter, or the compile database.
ln -s "$work/parts" via-link
expect_exit 1 "$tether" check -p build --config-file config.yaml via-link/p0
grep -q "2 translation units" err.txt || fail "a filter through a link: $(cat err.txt)"
mkdir build-link
sed "s|$work/parts|$work/via-link|g" build/compile_commands.json >build-link/compile_commands.json
expect_exit 1 "$tether" check -p build-link --config-file config.yaml parts/p0
grep -q "2 translation units" err.txt || fail "a database through a link: $(cat err.txt)"

# A symbolic link to a directory: a header reached through it and directly
# is one file, reported once, and --fix edits the file the compiler read.
mkdir -p linked/real/include linked/real/src linked/other
ln -s real/include linked/inc
cp include/jobs.hpp linked/real/include/jobs.hpp
printf '#include "jobs.hpp"\n' >linked/other/jobs.hpp
printf '#include "../inc/jobs.hpp"\nasio::awaitable<void> one() { co_await nap(); }\n' >linked/real/src/one.cpp
printf '#include "jobs.hpp"\nasio::awaitable<void> two() { co_await nap(); }\n' >linked/real/src/two.cpp
python3 - "$work/linked" "$runtime" <<'PY'
import json, os, sys
root, runtime = sys.argv[1:]
os.makedirs(os.path.join(root, "build"))
json.dump([{"directory": os.path.join(root, d), "file": f,
            "arguments": ["clang++-19", "-std=c++20", "-DASIO_HAS_CO_AWAIT=1", "-I" + inc,
                          "-I" + runtime, "-c", f]}
           for d, f, inc in [("real/src", "one.cpp", "../../other"),
                             ("real/src", "two.cpp", "../../inc")]],
          open(os.path.join(root, "build", "compile_commands.json"), "w"))
PY
expect_exit 1 "$tether" check -p linked/build --checks=-*,async-blocking-call-in-coroutine --fix
[[ $(grep -c ": warning: " out.txt) == 1 ]] || fail "a linked header reported $(grep -c ': warning: ' out.txt) times"
grep -q "$work/linked/real/include/jobs.hpp:9:3: warning" out.txt || fail "not the real path: $(cat out.txt)"
grep -q "co_await tether::sleep_for" linked/real/include/jobs.hpp || fail "the header read was not fixed"
[[ $(cat linked/other/jobs.hpp) == '#include "jobs.hpp"' ]] || fail "--fix edited a file the compiler did not read"

# Spaces and non-ASCII: SARIF URIs percent-encoded and valid, GitLab paths
# as they are, --diff sees changed lines in such files.
mkdir -p "odd/src/my dir" "odd/src/café"
cp -r include odd/include
for f in "my dir/a b.cpp" "café/ü.cpp" 'q"uote.cpp'; do
  printf '#include "jobs.hpp"\nasio::awaitable<void> f() { co_return; }\n' >"odd/src/$f"
done
python3 - "$work/odd" "$runtime" <<'PY'
import json, os, sys
root, runtime = sys.argv[1:]
os.makedirs(os.path.join(root, "build"))
files = ["src/my dir/a b.cpp", "src/café/ü.cpp", 'src/q"uote.cpp']
json.dump([{"directory": root, "file": f,
            "arguments": ["clang++-19", "-std=c++20", "-DASIO_HAS_CO_AWAIT=1", "-Iinclude",
                          "-I" + runtime, "-c", f]} for f in files],
          open(os.path.join(root, "build", "compile_commands.json"), "w"))
PY
(
  cd odd
  git init -q -b main .
  git -c user.name=t -c user.email=t@t add -A
  git -c user.name=t -c user.email=t@t commit -qm base
  for f in "my dir/a b.cpp" "café/ü.cpp" 'q"uote.cpp'; do
    echo 'void go(asio::io_context &io) { asio::co_spawn(io, f(), asio::detached); }' >>"src/$f"
  done
  expect_exit 1 "$tether" check -p build --checks=-*,async-fire-and-forget --diff main \
    --sarif odd.sarif --gitlab odd.gitlab.json
  [[ $(grep -c ": warning: " out.txt) == 3 ]] || fail "--diff with odd names: $(cat out.txt err.txt)"
  validate_sarif odd.sarif
  uris=$(json_query odd.sarif 'sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in j["runs"][0]["results"])')
  [[ $uris == "['src/caf%C3%A9/%C3%BC.cpp', 'src/my%20dir/a%20b.cpp', 'src/q%22uote.cpp']" ]] ||
    fail "SARIF URIs: $uris"
  paths=$(json_query odd.gitlab.json 'sorted(i["location"]["path"] for i in j)')
  [[ $paths == "['src/café/ü.cpp', 'src/my dir/a b.cpp', 'src/q\"uote.cpp']" ]] || fail "GitLab paths: $paths"
)
echo "tether check $test_name: ok"
