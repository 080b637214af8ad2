#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The Dockerfile, without a container runtime: it parses as a Dockerfile (dockerfile-utils,
# the linter of VS Code's Docker support), every Debian package it installs exists in the
# archive this machine uses (Debian 12, as the recipe's image), and it builds the .deb with the
# configure options the project has.
#   container_recipe.sh SOURCE_DIR DOCKERFILE_UTILS
set -euo pipefail
root=$1 lint=$2
fail() { echo "container-recipe: $*" >&2; exit 1; }

"$lint" lint "$root/Dockerfile" || fail "the Dockerfile does not lint"

# The packages of every `apt-get install` (continued lines joined), not the .deb itself.
packages=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$root/Dockerfile" |
  grep -o 'apt-get install[^&]*' | sed 's/apt-get install//' | tr ' ' '\n' |
  grep -v '^-' | grep -v '^$' | grep -v '\.deb$' | sort -u)
[[ -n $packages ]] || fail "no apt-get install found"
for package in $packages; do
  apt-cache show "$package" >/dev/null 2>&1 || fail "no Debian package '$package'"
done

# Every -D option it passes is one tether's CMake project declares.
for option in $(grep -o -- '-DTETHER_[A-Z_]*' "$root/Dockerfile" | sort -u); do
  grep -rq "${option#-D}" "$root/CMakeLists.txt" "$root/cmake" ||
    fail "the Dockerfile sets ${option#-D}, which the project does not declare"
done
grep -q 'cpack -G DEB' "$root/Dockerfile" || fail "the recipe does not build the .deb"
echo "container-recipe: the Dockerfile lints, its $(wc -w <<<"$packages") packages exist, its options are declared"
