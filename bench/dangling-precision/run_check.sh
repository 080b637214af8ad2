#!/bin/bash
# Run async-dangling-reference with its defaults over each project's compile
# database, into check-<project>.txt (one line a finding, sorted).
# CORPUS is the directory that holds the checkouts, each with its database in
# cdb/; TETHER the tether binary (default: build/tool/tether of this checkout);
# LIBCORO_CDB the database of libcoro linted with its networking translation
# units (see README.md), default $CORPUS/libcoro/cdb.
corpus=${CORPUS:?set CORPUS to the directory that holds the checkouts}
here=$(cd "$(dirname "$0")" && pwd)
tether=${TETHER:-$here/../../build/tool/tether}
for p in asio libcoro async_simple; do
  cdb=$corpus/$p/cdb
  [ $p = libcoro ] && cdb=${LIBCORO_CDB:-$cdb}
  "$tether" check -p "$cdb" --config-file "$here/check.yaml" --no-cache -j1 \
    --quiet 2>/dev/null | grep -E '^[^ ]+:[0-9]+:[0-9]+: warning:' |
    sed "s|^$corpus/||" | sort -u > check-$p.txt
  echo "$p: $(wc -l < check-$p.txt) findings"
done
