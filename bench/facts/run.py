#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""What facts across translation units cost tether check.

Two projects:
  examples   the bundled examples/ project, configured with CMake into a
             scratch directory for its compile database;
  generated  --units TUs written by this script in three layers: leaf TUs
             whose functions read files or sleep (some) or compute (most),
             middle TUs whose functions call leaf functions, and top TUs whose
             coroutines call middle functions; chains of 1 to 3 calls cross
             files, and a few of them block.
Measured, each in one run on the same machine (report ratios, not times):
  cold      CPU seconds of `tether check --no-cache` with facts against the
            same run with --no-facts (target: at most 1.15x);
  warm      after a cold run that fills the cache, one leaf function is edited
            so that it no longer blocks, and the share of the TUs that the
            next run lints again (target: at most 5%);
  findings  the facts run reports every chain the generator planted.

Run it alone on the machine, so no build disturbs the timings:
  flock /tmp/tether-build.lock python3 bench/facts/run.py --build build
"""

import argparse
import importlib.util
import json
import os
import re
import resource
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COLD_TARGET = 1.15
WARM_TARGET = 0.05


def fail(message):
    sys.exit("bench/facts: " + message)


def generate(directory, units):
    """Writes the project; returns the coroutine calls that must be reported
    (file, function called) and the leaf file to edit."""
    leaves = max(2, units // 5)
    middles = max(2, (units * 2) // 5)
    tops = max(1, units - leaves - middles)
    src = os.path.join(directory, "src")
    inc = os.path.join(directory, "include")
    os.makedirs(src)
    os.makedirs(inc)
    with open(os.path.join(inc, "api.hpp"), "w") as h:
        h.write("#pragma once\n#include <coroutine>\n#include <string>\n")
        h.write("struct task { struct promise_type {\n"
                "  task get_return_object() { return {}; }\n"
                "  std::suspend_always initial_suspend() noexcept { return {}; }\n"
                "  std::suspend_always final_suspend() noexcept { return {}; }\n"
                "  void return_void() {} void unhandled_exception() {} }; };\n")
        for i in range(leaves):
            h.write("std::string leaf%d(const std::string &path);\n" % i)
        for i in range(middles):
            h.write("std::string middle%d(const std::string &path);\n" % i)
    for i in range(leaves):
        # Every tenth leaf blocks: it reads a file.
        body = "  %s\n" % (BLOCKS if i % 10 == 0 else COMPUTES)
        with open(os.path.join(src, "leaf%d.cpp" % i), "w") as f:
            f.write('#include "api.hpp"\n#include <cstdio>\n'
                    "std::string leaf%d(const std::string &path) {\n%s  return path;\n}\n"
                    % (i, body))
    for i in range(middles):
        with open(os.path.join(src, "middle%d.cpp" % i), "w") as f:
            f.write('#include "api.hpp"\n'
                    "std::string middle%d(const std::string &path) { return leaf%d(path); }\n"
                    % (i, i % leaves))
    expected = set()
    for i in range(tops):
        m = (i * 7) % middles
        with open(os.path.join(src, "top%d.cpp" % i), "w") as f:
            f.write('#include "api.hpp"\n'
                    "task serve%d() {\n  std::string c = middle%d(\"x\");\n  co_return;\n}\n"
                    % (i, m))
        if (m % leaves) % 10 == 0:
            expected.add(("src/top%d.cpp" % i, "middle%d" % m))
    names = (["leaf%d" % i for i in range(leaves)] + ["middle%d" % i for i in range(middles)]
             + ["top%d" % i for i in range(tops)])
    json.dump([{"directory": directory, "file": "src/%s.cpp" % n,
                "arguments": ["clang++-19", "-std=c++20", "-Iinclude", "-c", "src/%s.cpp" % n]}
               for n in names],
              open(os.path.join(directory, "compile_commands.json"), "w"))
    return expected, os.path.join(src, "leaf0.cpp")


def configure_examples(directory):
    """bench/ci's: examples/ configured as scripts/lib/examples.sh does."""
    spec = importlib.util.spec_from_file_location(
        "bench_ci", os.path.join(ROOT, "bench", "ci", "run.py"))
    bench_ci = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_ci)
    bench_ci.configure_examples(directory)


BLOCKS = 'if (std::FILE *f = std::fopen(path.c_str(), "r")) std::fclose(f);'
COMPUTES = "std::string s = path; s += 'x';"


def replace_in(path, old, new):
    with open(path) as f:
        text = f.read()
    if old not in text:
        fail("%s does not hold %r" % (path, old))
    with open(path, "w") as f:
        f.write(text.replace(old, new))


def run(tether, database, args, cwd):
    """CPU seconds of one tether check run, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([tether, "check", "-p", database, "--checks=-*,async-*", "-j", "2"]
                          + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        fail("tether check %s exited %d:\n%s" % (" ".join(args), done.returncode, done.stderr))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, done


def summary(done):
    m = re.search(r"tether check: (\d+) translation units?(?: \((\d+) from the cache\))?",
                  done.stderr)
    if not m:
        fail("no summary in:\n" + done.stderr)
    return int(m.group(1)), int(m.group(2) or 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--units", type=int, default=200)
    args = parser.parse_args()
    tether = os.path.join(os.path.abspath(args.build), "tool", "tether")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        examples = os.path.join(scratch, "examples-build")
        configure_examples(examples)
        generated = os.path.join(scratch, "generated")
        expected, leaf = generate(generated, args.units)
        for name, database, cwd in (("examples", examples, ROOT),
                                    ("generated", generated, generated)):
            alone, _ = run(tether, database, ["--no-cache", "--no-facts"], cwd)
            facts, done = run(tether, database, ["--no-cache"], cwd)
            rows.append((name, alone, facts))
            if name == "generated":
                reported = set(re.findall(r"^\S*?(src/top\d+\.cpp):\d+:\d+: warning: '(middle\d+)' may block",
                                          done.stdout, re.M))
                if reported != expected:
                    fail("chains: %d planted, %d reported, %d missed, %d unexpected"
                         % (len(expected), len(reported), len(expected - reported),
                            len(reported - expected)))
        cache = os.path.join(scratch, "cache")
        run(tether, generated, ["--cache", cache], generated)
        replace_in(leaf, BLOCKS, COMPUTES)
        _, done = run(tether, generated, ["--cache", cache], generated)
        total, cached = summary(done)
        # The other way: a leaf function starts to block, and its callers'
        # callers are linted again with the new chain.
        replace_in(leaf.replace("leaf0.cpp", "leaf1.cpp"), COMPUTES, BLOCKS)
        _, done = run(tether, generated, ["--cache", cache], generated)
        _, cached_after_block = summary(done)
    print("| project | CPU s, each TU alone | CPU s, with facts | ratio (target <= %.2f) |"
          % COLD_TARGET)
    print("|---|---|---|---|")
    for name, alone, facts in rows:
        print("| %s | %.1f | %.1f | %.3f |" % (name, alone, facts, facts / alone))
    for what, hits in (("stopped blocking", cached), ("started to block", cached_after_block)):
        relinted = total - hits
        print("warm, after one leaf function %s: %d of %d TUs linted again "
              "(%.1f%%, target <= %.0f%%)"
              % (what, relinted, total, 100.0 * relinted / total, WARM_TARGET * 100))
    print("%d chains planted, every one reported" % len(expected))


if __name__ == "__main__":
    main()
