#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""How each async- check scales with the size of one function.

Generates coroutines made of one long else-if chain (N branches, each with a
finding for every check: a discarded task, a swallowed cancellation, a sleep,
an unbounded spawn, an await with no deadline, a spawned task that refers to
a local) for N = 750, 1500 and 3000,
and times, in one run, a bare parse and tether-tidy with each check alone.
It prints the seconds each check adds to the parse and the growth from N to
2N: about 2 for a check linear in the function's size, 4 for a quadratic
one, 8 for a cubic one.

Usage: bench/scaling/run.py [--build DIR] [--sizes 750,1500,3000]
"""

import argparse
import os
import resource
import subprocess
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CHECKS = ["async-fire-and-forget", "async-swallowed-exception",
          "async-blocking-call-in-coroutine", "async-missing-timeout",
          "async-unbounded-task-creation", "async-dangling-reference"]
FLAGS = ["-std=c++20", "-DASIO_HAS_CO_AWAIT=1", "-Wno-unused-result",
         "-I" + os.path.join(ROOT, "runtime", "include")]


def source(branches):
    lines = ["#include <asio.hpp>", "#include <thread>", "#include <vector>",
             "asio::awaitable<void> work();",
             "asio::awaitable<void> fill(char* buffer);",
             "asio::awaitable<void> chain(asio::ip::tcp::socket& s, int x,"
             " std::vector<int> items) {",
             "  char data[4];",
             "  if (x == 0) { work(); }"]
    for i in range(1, branches):
        lines.append(
            "  else if (x == %d) { try { co_await work(); } catch (...) {} work();"
            " std::this_thread::sleep_for(std::chrono::seconds(1));"
            " co_await s.async_read_some(asio::buffer(data), asio::use_awaitable);"
            " for (int i : items) asio::co_spawn(s.get_executor(), work(), asio::detached);"
            " asio::co_spawn(s.get_executor(), fill(data), asio::detached); }"
            % i)
    lines += ["  co_return;", "}"]
    return "\n".join(lines) + "\n"


def cpu_seconds(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--sizes", default="750,1500,3000")
    args = parser.parse_args()
    tidy = os.path.join(args.build, "tool", "tether-tidy")
    sizes = [int(n) for n in args.sizes.split(",")]
    added = {check: [] for check in CHECKS}
    with tempfile.TemporaryDirectory() as work:
        for n in sizes:
            path = os.path.join(work, "chain%d.cpp" % n)
            with open(path, "w") as f:
                f.write(source(n))
            parse = cpu_seconds(["clang++-19", "-fsyntax-only"] + FLAGS + [path])
            row = ["N=%d parse %.2fs" % (n, parse)]
            for check in CHECKS:
                seconds = cpu_seconds([tidy, "--checks=-*," + check, path, "--"] + FLAGS)
                added[check].append(max(seconds - parse, 0.01))
                row.append("%s +%.2fs" % (check.replace("async-", ""), seconds - parse))
            print("  ".join(row), flush=True)
    print("growth of the added time from N to 2N (2 linear, 4 quadratic, 8 cubic):")
    for check in CHECKS:
        growth = [b / a for a, b in zip(added[check], added[check][1:])]
        print("  %-34s %s" % (check, "  ".join("%.1f" % g for g in growth)))


if __name__ == "__main__":
    main()
