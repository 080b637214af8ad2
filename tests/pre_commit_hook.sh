#!/usr/bin/env bash
# .pre-commit-hooks.yaml's tether-check hook, run by pre-commit in a scratch repository:
# a commit that adds an async- bug is refused and the finding printed; a commit next to an
# old finding, or with a bug that is not staged, goes through.
#   pre_commit_hook.sh ROOT TETHER RUNTIME_INCLUDE
set -euo pipefail
root=$1 tether=$2 runtime=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "pre_commit_hook: $*" >&2; exit 1; }
export PRE_COMMIT_HOME="$work/pre-commit-home" HOME="$work"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
mkdir "$work/bin"
ln -s "$tether" "$work/bin/tether"
export PATH="$work/bin:$PATH"

# The hook repository: this tree's .pre-commit-hooks.yaml, committed.
git init -q -b main "$work/hooks"
cp "$root/.pre-commit-hooks.yaml" "$work/hooks/"
git -C "$work/hooks" add .pre-commit-hooks.yaml
git -C "$work/hooks" commit -qm hooks
rev=$(git -C "$work/hooks" rev-parse HEAD)

# The project: one file with an old finding, its compile database, the hook configured.
project=$work/project
mkdir -p "$project/src" "$project/build"
cd "$project"
cat >src/app.cpp <<'CPP'
#include <tether/tether.hpp>

tether::task<> tick() { co_return; }

void old(asio::io_context &io) { asio::co_spawn(io, tick(), asio::detached); }

int unrelated() { return 1; }
CPP
cat >build/compile_commands.json <<JSON
[{"directory": "$project", "file": "src/app.cpp",
  "arguments": ["clang++-19", "-std=c++20", "-I$runtime", "-c", "src/app.cpp"]}]
JSON
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $work/hooks
    rev: $rev
    hooks:
      - id: tether-check
        args: [-p, build]
YAML
printf 'build/\n' >.gitignore
git init -q -b main .
git add -A
git commit -qm base
pre-commit install >/dev/null

# Next to the old finding: the commit goes through.
sed -i 's/return 1;/return 2;/' src/app.cpp
git commit -qam "unrelated change" >"$work/out.txt" 2>&1 ||
  { cat "$work/out.txt" >&2; fail "a commit that adds no finding was refused"; }
grep -q "tether check.*Passed" "$work/out.txt" || { cat "$work/out.txt" >&2; fail "the hook did not run"; }

# A bug that is not staged is not this commit's.
sed -i 's/return 2;/return 3;/' src/app.cpp
git add src/app.cpp
echo 'void later(asio::io_context &io) { asio::co_spawn(io, tick(), asio::detached); }' >>src/app.cpp
git commit -qm "staged clean, unstaged bug" >"$work/out.txt" 2>&1 ||
  { cat "$work/out.txt" >&2; fail "an unstaged bug refused the commit"; }
git diff --quiet HEAD -- src/app.cpp && fail "pre-commit lost the unstaged change"

# The same bug staged: refused, with the finding on its line.
git add src/app.cpp
if git commit -qm "new bug" >"$work/out.txt" 2>&1; then
  cat "$work/out.txt" >&2; fail "a commit that adds a finding went through"
fi
grep -q "src/app.cpp:8:.*warning: .*\[async-fire-and-forget\]" "$work/out.txt" ||
  { cat "$work/out.txt" >&2; fail "the finding is not printed"; }
grep -q "src/app.cpp:5:" "$work/out.txt" && fail "the old finding was reported"
true
