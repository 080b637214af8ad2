# Sourced by the tether check tests: each works on a fresh copy of project/
# with its own compile database.
#   TEST TETHER FILECHECK RUNTIME_INCLUDE SARIF_VALIDATOR
set -euo pipefail
tether=$1 filecheck=$2 runtime=$3 sarif_validator=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
test_name=$(basename "$0" .sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/project/." "$work/"
cd "$work"

fail() { echo "tether check $test_name: $*" >&2; exit 1; }

# write_database NAME...: src/NAME.cpp for each NAME.
write_database() {
  python3 - "$work" "$runtime" "$@" <<'PY'
import json, os, sys
work, runtime, *names = sys.argv[1:]
os.makedirs(os.path.join(work, "build"), exist_ok=True)
json.dump([{"directory": work, "file": "src/%s.cpp" % name,
            "arguments": ["clang++-19", "-std=c++20", "-DASIO_HAS_CO_AWAIT=1", "-Iinclude",
                          "-I" + runtime, "-c", "src/%s.cpp" % name]}
           for name in names],
          open(os.path.join(work, "build", "compile_commands.json"), "w"))
PY
}

# expect_exit CODE COMMAND...: runs it with its output in out.txt and err.txt.
expect_exit() {
  local want=$1; shift
  set +e; "$@" >out.txt 2>err.txt; local got=$?; set -e
  [[ $got == "$want" ]] || { cat out.txt err.txt >&2; fail "'$*' exited $got, expected $want"; }
}

# expect_exit_any COMMAND...: as expect_exit, for a run with findings or none.
expect_exit_any() {
  set +e; "$@" >out.txt 2>err.txt; local got=$?; set -e
  [[ $got == 0 || $got == 1 ]] || { cat out.txt err.txt >&2; fail "'$*' exited $got"; }
}

validate_sarif() { # FILE...
  "$here/../validate_sarif.sh" "$sarif_validator" "$@" || fail "invalid SARIF"
}

# json_query FILE EXPRESSION: prints a Python expression over the parsed file (as j).
json_query() {
  python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}
