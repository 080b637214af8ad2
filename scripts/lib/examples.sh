# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Shell functions shared by the main job and the fix-it tests: configure the
# examples/ project, list its translation units, lint them with tether check,
# and make a scratch copy of it. Needs $root (the repository) and $build.

configure_examples() { # SOURCE_DIR BUILD_DIR [cmake args...]: clang++-19 unless overridden
  local source=$1 binary=$2
  shift 2
  cmake -S "$source" -B "$binary" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 "$@" >/dev/null
}

sources_of() { # BUILD_DIR: the translation units of its compile database
  python3 -c 'import json, sys
print("\n".join(sorted({e["file"] for e in json.load(open(sys.argv[1]))})))' \
    "$1/compile_commands.json"
}

lint() { # BUILD_DIR [tether check flags...]: every async- check on its compile database
  local db=$1
  shift
  "$build/tool/tether" check -p "$db" "$@"
}

copy_examples() { # DIR: DIR/examples, with the runtime beside it as in the repository
  cp -r "$root/examples" "$1/examples"
  rm -rf "$1/examples/build"
  ln -s "$root/runtime" "$1/runtime"
}
