#!/usr/bin/env bash
# Runs editor_test.lua in neovim against tether-clangd on a scratch copy of
# the workspace, with a compile database and a .clang-tidy, and no .clangd;
# with --strict, a .clangd that asks clangd to run only checks it knows to
# be fast (the async- checks must still run).
#   run_editor_test.sh TETHER_CLANGD [--strict]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
clangd=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/workspace/." "$work/"
if [[ ${2:-} == --strict ]]; then
  printf 'Diagnostics:\n  ClangTidy:\n    FastCheckFilter: Strict\n' >"$work/.clangd"
fi
python3 - "$work" "$here/../../runtime/include" <<'PY'
import json, os, sys
work, runtime = sys.argv[1], os.path.abspath(sys.argv[2])
json.dump([{"directory": work, "file": os.path.join(work, name),
            "arguments": ["clang++-19", "-std=c++20", "-DASIO_HAS_CO_AWAIT=1", "-I", runtime,
                          "-c", name]}
           for name in ("session.cpp", "clean.cpp", "group.cpp", "handler.cpp", "included.cpp",
                        "blocking.cpp", "timeout.cpp", "dangling.cpp")],
          open(os.path.join(work, "compile_commands.json"), "w"))
PY
# The buffers must end up as tether-tidy's fix-its leave the files.
tidy=$(dirname "$clangd")/tether-tidy
for fixed in session:--fix group:--fix-notes handler:--fix included:--fix blocking:--fix \
    timeout:--fix-notes dangling:--fix; do
  name=${fixed%%:*}
  cp "$work/$name.cpp" "$work/$name.fixed.cpp"
  "$tidy" -p "$work" --checks='-*,async-*' --quiet "${fixed#*:}" "$work/$name.fixed.cpp" \
    --extra-arg=-I"$here/../../runtime/include" -- -std=c++20 -DASIO_HAS_CO_AWAIT=1 >/dev/null 2>&1
done
export TETHER_CLANGD=$clangd TETHER_WORKSPACE=$work
export TETHER_RESOURCE_DIR=$(clang++-19 -print-resource-dir)
export XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache XDG_STATE_HOME=$work/state
timeout 600 nvim --headless -u NONE -i NONE -n -c "luafile $here/editor_test.lua" </dev/null
