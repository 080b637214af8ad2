#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""What the async- checks add to the cost of a clang-tidy run.

Lints a fixed set of translation units (the examples/ project and the Asio-heavy
check-test inputs) three ways, alternating, for several rounds:
  parse     clang++ -fsyntax-only: what parsing the TU costs;
  baseline  clang-tidy with one check on catch statements only: parse plus the
            match finder's walk of the AST, the floor of any clang-tidy run;
  async     clang-tidy with --checks=-*,async-*;
  check     tether check on the TU alone, with the same checks (no cache).
It prints their CPU times, the ratios, and what the async- checks add over the
baseline as a share of parse time (budget: under 5%). Then it prints
clang-tidy's per-check profile (--enable-check-profile); that profile times every
matcher call, so it overstates checks whose matchers run on many nodes.

With --instructions, it instead counts the instructions of one TU (the
examples' main.cpp) under valgrind's callgrind, baseline against async:
a figure that does not depend on what else the machine is doing.

With --database, the TUs measured are those of a compile database (code you did
not write: a public coroutine project), every k-th of them when --sample N asks
for N.

Usage: bench/lint-overhead/run.py [--build DIR] [--rounds N] [--tidy CMD] [--instructions]
                                  [--database compile_commands.json [--sample N]]
"""

import argparse
import json
import os
import re
import resource
import shlex
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BASELINE = "-*,bugprone-empty-catch"
ASYNC = "-*,async-*"


def translation_units(build):
    """(file, compiler args) of every TU measured."""
    units = []
    examples_db = os.path.join(build, "examples", "compile_commands.json")
    if not os.path.exists(examples_db):
        subprocess.run(["cmake", "-S", os.path.join(ROOT, "examples"), "-B",
                        os.path.join(build, "examples"), "-G", "Ninja",
                        "-DCMAKE_CXX_COMPILER=clang++-19"], check=True,
                       stdout=subprocess.DEVNULL)
    for entry in json.load(open(examples_db)):
        args = entry.get("arguments") or shlex.split(entry["command"])
        flags = [a for a in args[1:] if a.startswith(("-I", "-D", "-std", "-isystem"))]
        units.append((entry["file"], flags))
    checks = os.path.join(ROOT, "tests", "checks")
    units.append((os.path.join(checks, "async-fire-and-forget.cpp"),
                  ["-std=c++20", "-DASIO_HAS_CO_AWAIT=1"]))
    units.append((os.path.join(checks, "async-fire-and-forget-boost.cpp"),
                  ["-std=c++20", "-DBOOST_ASIO_HAS_CO_AWAIT=1"]))
    return sorted(units)


def database_units(database, sample):
    """(file, compiler args) of the TUs of a compile database, spread evenly."""
    units = []
    for entry in json.load(open(database)):
        args = entry.get("arguments") or shlex.split(entry["command"])
        path = os.path.join(entry["directory"], entry["file"])
        flags, skip = [], False
        for arg in args[1:]:
            if skip:
                skip = False
            elif arg == "-o":
                skip = True
            elif arg not in ("-c", "-fsyntax-only") and \
                    os.path.join(entry["directory"], arg) != path:
                flags.append(arg if not arg.startswith("-I") or os.path.isabs(arg[2:])
                             else "-I" + os.path.join(entry["directory"], arg[2:]))
        units.append((path, flags))
    units.sort()
    if sample and sample < len(units):
        step = len(units) / sample
        units = [units[int(i * step)] for i in range(sample)]
    return units


def cpu_seconds(command):
    """CPU time (user + system) of one run of command, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, done


def tidy_command(tidy, checks, unit, extra=()):
    path, flags = unit
    return tidy + ["--checks=" + checks, "--quiet", *extra, path, "--"] + flags


def check_command(tether, unit, workdir):
    """tether check on the one TU unit, through a compile database of its own."""
    path, flags = unit
    database = os.path.join(workdir, "db-%d" % abs(hash(path)))
    os.makedirs(database, exist_ok=True)
    with open(os.path.join(database, "compile_commands.json"), "w") as out:
        json.dump([{"directory": os.path.dirname(path), "file": path,
                    "arguments": ["clang++-19"] + flags + ["-c", path]}], out)
    return [tether, "check", "-p", database, "--checks=" + ASYNC, "--no-cache",
            "--no-facts", "-j1", "--quiet", path]


def instructions(command):
    """Instructions executed by command, counted by callgrind."""
    with tempfile.NamedTemporaryFile(suffix=".callgrind") as out:
        done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out.name]
                              + command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)
        # tether check exits 1 when it finds something.
        if done.returncode not in (0, 1) or (done.returncode == 1 and command[1] != "check"):
            sys.exit("lint-overhead: %s failed:\n%s" % (" ".join(command), done.stderr[-2000:]))
        for line in open(out.name):
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    sys.exit("lint-overhead: no callgrind totals")


def count_instructions(tidy, tether, units):
    unit = next(u for u in units if u[0].endswith(os.path.join("src", "main.cpp")))
    baseline = instructions(tidy_command(tidy, BASELINE, unit))
    lint = instructions(tidy_command(tidy, ASYNC, unit))
    with tempfile.TemporaryDirectory() as workdir:
        check = instructions(check_command(tether, unit, workdir))
    print("instructions for %s (callgrind)" % os.path.relpath(unit[0], ROOT))
    print("  baseline  %15d" % baseline)
    print("  async     %15d" % lint)
    print("  check     %15d   (tether check)" % check)
    print("  ratio async/baseline %.4fx: the async- checks add %.2f%%" % (
        lint / baseline, 100.0 * (lint - baseline) / baseline))
    print("  ratio check/baseline %.4fx" % (check / baseline))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tidy", help="clang-tidy command (default: BUILD/tool/tether-tidy)")
    parser.add_argument("--cxx", default="clang++-19")
    parser.add_argument("--database", help="measure the TUs of this compile_commands.json")
    parser.add_argument("--sample", type=int, default=0,
                        help="with --database, measure this many of its TUs")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions of one TU under callgrind instead")
    args = parser.parse_args()
    tidy = shlex.split(args.tidy) if args.tidy else [os.path.join(args.build, "tool", "tether-tidy")]
    units = (database_units(args.database, args.sample) if args.database
             else translation_units(args.build))
    tether = os.path.join(args.build, "tool", "tether")
    if args.instructions:
        return count_instructions(tidy, tether, units)
    workdir = tempfile.TemporaryDirectory()
    modes = {
        "parse": lambda unit: [args.cxx, "-fsyntax-only", "-Wno-unused-result"] + unit[1] + [unit[0]],
        "baseline": lambda unit: tidy_command(tidy, BASELINE, unit),
        "async": lambda unit: tidy_command(tidy, ASYNC, unit),
        "check": lambda unit: check_command(tether, unit, workdir.name),
    }

    totals = {mode: [0.0, 0.0] for mode in modes}
    broken = set()
    for round_index in range(args.rounds):
        for unit in units:
            if unit[0] in broken:
                continue
            times = {}
            for mode, command in modes.items():
                cpu, wall, done = cpu_seconds(command(unit))
                if done.returncode != 0 and not (mode == "check" and done.returncode == 1):
                    # A TU of someone else's project that clang cannot parse
                    # measures nothing; one of ours must parse.
                    if not args.database:
                        sys.exit("lint-overhead: %s failed:\n%s" % (unit[0], done.stderr))
                    print("lint-overhead: %s does not parse with %s, left out"
                          % (unit[0], mode), file=sys.stderr)
                    broken.add(unit[0])
                    break
                times[mode] = (cpu, wall)
            if unit[0] in broken:
                continue
            for mode, (cpu, wall) in times.items():
                totals[mode][0] += cpu
                totals[mode][1] += wall
        print("round %d/%d done" % (round_index + 1, args.rounds), file=sys.stderr)
    units = [unit for unit in units if unit[0] not in broken]
    if not units:
        sys.exit("lint-overhead: no translation unit parses")

    print("lint overhead over %d TUs x %d rounds (tidy: %s)" % (len(units), args.rounds, " ".join(tidy)))
    for mode in modes:
        print("  %-9s cpu %7.2f s   wall %7.2f s" % (mode, totals[mode][0], totals[mode][1]))
    parse, baseline, lint, check = (totals[m][0] for m in ("parse", "baseline", "async", "check"))
    print("  ratio async/parse %.3fx, async/baseline %.3fx" % (lint / parse, lint / baseline))
    print("  added by the async- checks over the baseline: %.1f%% of parse time" % (
        100.0 * (lint - baseline) / parse))
    print("  tether check (which walks only code outside system headers): "
          "check/parse %.3fx, check/baseline %.3fx" % (check / parse, check / baseline))

    # clang-tidy's own account of the time each check takes.
    per_check = {}
    for unit in units:
        _, _, done = cpu_seconds(tidy_command(tidy, ASYNC, unit, ["--enable-check-profile"]))
        for line in done.stderr.splitlines():
            match = re.match(r"\s*([\d.]+)\s+\(\s*[\d.]+%\)\s+([\d.]+)\s+\(\s*[\d.]+%\)\s+"
                             r"([\d.]+)\s+\(\s*[\d.]+%\)\s+([\d.]+)\s+\(\s*[\d.]+%\)\s+(\S+)", line)
            if match and match.group(5).startswith("async-"):
                per_check[match.group(5)] = per_check.get(match.group(5), 0.0) + float(match.group(4))
    parse_per_round = parse / args.rounds
    print("  per-check profile (wall time summed over the TUs, share of parse-only cpu):")
    for name, seconds in sorted(per_check.items()):
        print("    %-40s %7.3f s  %5.2f%%" % (name, seconds, 100.0 * seconds / parse_per_round))


if __name__ == "__main__":
    main()
