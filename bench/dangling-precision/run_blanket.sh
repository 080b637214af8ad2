#!/bin/bash
# Run the two blanket clang-tidy checks over each project's compile database, one TU at a time.
# CORPUS is the directory that holds the checkouts, each with its database in cdb/.
corpus=${CORPUS:?set CORPUS to the directory that holds the checkouts}
for p in asio libcoro async_simple; do
  cdb=$corpus/$p/cdb
  files=$(python3 -c "import json;print('\n'.join(e['file'] for e in json.load(open('$cdb/compile_commands.json'))))")
  : > blanket-$p.txt
  for f in $files; do
    timeout -s KILL 300 clang-tidy-19 -p $cdb --checks='-*,cppcoreguidelines-avoid-reference-coroutine-parameters,cppcoreguidelines-avoid-capturing-lambda-coroutines' "$f" >> blanket-$p.txt 2>/dev/null
  done
done
touch blanket.done
