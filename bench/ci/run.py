#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""tether check against run-clang-tidy, cold and warm, on whole projects.

What a CI job pays to lint a project with the async- checks, two ways:
  run-clang-tidy  run-clang-tidy-19 -load=BUILD/tool/libTetherTidy.so -j 2
                  -checks=-*,async-* -header-filter=.* -quiet: one clang-tidy
                  process per translation unit, the usual way today;
  tether cold     tether check -j 2 with an empty --cache directory: every TU
                  linted in threads of one process (and the cache written);
  tether warm     the same command again with the same cache and nothing
                  changed: what a CI job with a restored cache pays.
Each is timed as wall-clock seconds (what the job waits for) on two projects:
  examples   the bundled examples/ project (healthd on Asio), configured with
             CMake into a scratch directory for its compile database;
  generated  --units TUs (default 300) written by this script: two shared
             headers with a small lazy coroutine task, a few coroutines per TU,
             most clean, some with findings (a discarded task, a blocking
             sleep_for in a coroutine, one in a header that every TU includes),
             and every --asio-every-th TU including <asio.hpp> to weigh like real
             code.
Both tools must report the same findings (tether's summary count against the
distinct warning lines of run-clang-tidy, which repeats a header's finding for
every TU that includes it); the script fails if they differ. Each measurement
is repeated --repeat times and the minimum kept. It prints a table of seconds
and of the ratios tether/run-clang-tidy; targets: cold at most 1.0x,
warm under 0.1x. Missing a target is printed, not an error: timings depend
on the machine.

Run it alone on the machine, so no build disturbs the timings:
  flock /tmp/tether-build.lock python3 bench/ci/run.py --build build [--repeat N]
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CHECKS = "-*,async-*"
JOBS = 2
COLD_TARGET = 1.0
WARM_TARGET = 0.1


def fail(message):
    sys.exit("bench/ci: " + message)


# --- the generated project ---------------------------------------------------

# A lazy task (it starts when awaited, as cppcoro's and Asio's do), so that a
# discarded call is a finding of async-fire-and-forget.
TASK_HEADER = """\
// A small lazy coroutine task: the body runs when the task is awaited.
#pragma once
#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

namespace gen {

template <typename T> class task {
public:
  struct promise_type {
    std::optional<T> value;
    std::coroutine_handle<> continuation;
    task get_return_object() {
      return task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct final_awaiter {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        if (auto next = h.promise().continuation)
          return next;
        return std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }
    void return_value(T v) { value = std::move(v); }
    void unhandled_exception() { std::terminate(); }
  };
  explicit task(std::coroutine_handle<promise_type> h) : handle_(h) {}
  task(task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  ~task() {
    if (handle_)
      handle_.destroy();
  }
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) {
    handle_.promise().continuation = caller;
    return handle_;
  }
  T await_resume() { return std::move(*handle_.promise().value); }

private:
  std::coroutine_handle<promise_type> handle_;
};

}  // namespace gen
"""

# The second shared header: what a project's common utilities look like, with
# one finding of its own (seen by every TU, reported once).
UTIL_HEADER = """\
// Shared helpers of the generated project.
#pragma once
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "gen/task.hpp"

namespace gen {

struct record {
  int id = 0;
  std::string name;
  std::vector<int> samples;
};

inline task<int> checksum(const record& r) {
  int sum = r.id;
  for (int s : r.samples)
    sum = sum * 31 + s;
  co_return sum;
}

// Bug (blocking call), once for the whole project: a header finding.
inline task<int> throttled(int value) {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  co_return value;
}

}  // namespace gen
"""

# One TU. {n} is its number; the parts in BUGS and ASIO_PART are added to some.
UNIT = """\
#include "gen/util.hpp"
{asio_include}
namespace gen::unit{n} {{

task<int> load(int key) {{
  record r{{key, "unit{n}", {{key, key + 1, key + 2}}}};
  co_return co_await checksum(r);
}}

task<int> combine(int a, int b) {{
  int left = co_await load(a);
  int right = co_await load(b);
  co_return left ^ right;
}}

task<int> run() {{
  int total = 0;
  for (int i = 0; i < {n} % 7 + 1; ++i)
    total += co_await combine(i, {n});
  co_return total;
}}
{bugs}{asio_part}
}}  // namespace gen::unit{n}
"""

DISCARDED_TASK = """
// Bug (fire-and-forget): the lazy task is discarded and never runs.
task<int> refresh() {
  load(1);
  co_return 0;
}
"""

BLOCKING_SLEEP = """
// Bug (blocking call): sleeps the thread that runs the coroutine.
task<int> poll() {
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  co_return co_await load(2);
}
"""

ASIO_PART = """
// Asio coroutines, clean: timer waits are not I/O that needs a deadline.
asio::awaitable<int> tick(std::chrono::milliseconds period) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(period);
  co_await timer.async_wait(asio::use_awaitable);
  co_return static_cast<int>(period.count());
}

asio::awaitable<int> ticks() {
  int sum = 0;
  for (int i = 1; i <= 3; ++i)
    sum += co_await tick(std::chrono::milliseconds(i));
  co_return sum;
}
"""


def generate_project(directory, units, asio_every, discard_every, sleep_every):
    """Writes the project and its compile_commands.json; returns the findings it holds."""
    os.makedirs(os.path.join(directory, "include", "gen"))
    os.makedirs(os.path.join(directory, "src"))
    with open(os.path.join(directory, "include", "gen", "task.hpp"), "w") as out:
        out.write(TASK_HEADER)
    with open(os.path.join(directory, "include", "gen", "util.hpp"), "w") as out:
        out.write(UTIL_HEADER)
    commands = []
    expected = 1  # the header's blocking call
    for n in range(units):
        bugs = ""
        if n % discard_every == 1:
            bugs += DISCARDED_TASK
            expected += 1
        if n % sleep_every == 2:
            bugs += BLOCKING_SLEEP
            expected += 1
        with_asio = n % asio_every == 0
        source = os.path.join(directory, "src", "unit%03d.cpp" % n)
        with open(source, "w") as out:
            out.write(UNIT.format(n=n, bugs=bugs,
                                  asio_include="#include <asio.hpp>\n" if with_asio else "",
                                  asio_part=ASIO_PART if with_asio else ""))
        commands.append({
            "directory": directory,
            "file": source,
            "arguments": ["clang++-19", "-std=c++20", "-I" + os.path.join(directory, "include"),
                          "-DASIO_HAS_CO_AWAIT=1", "-DASIO_NO_DEPRECATED",
                          "-c", source, "-o", source + ".o"],
        })
    with open(os.path.join(directory, "compile_commands.json"), "w") as out:
        json.dump(commands, out, indent=1)
    return expected


def configure_examples(directory):
    """Configures examples/ into directory, as scripts/lib/examples.sh does."""
    done = subprocess.run(["cmake", "-S", os.path.join(ROOT, "examples"), "-B", directory,
                           "-G", "Ninja", "-DCMAKE_CXX_COMPILER=clang++-19"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    if done.returncode != 0:
        fail("configuring examples/ failed:\n" + done.stdout)


# --- running and counting ----------------------------------------------------

def machine_busy_seconds():
    """CPU seconds the whole machine has spent busy since boot (Linux), or None."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(f) for f in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    # Busy is everything but idle and iowait; it includes steal, the time a
    # hypervisor gave this machine's CPUs to someone else, which disturbs too.
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def timed(command, cwd):
    """Wall and CPU seconds of one run of command, the CPU seconds that other
    processes took meanwhile (a disturbed measurement), and its result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_before = machine_busy_seconds()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    wall = time.perf_counter() - start
    busy_after = machine_busy_seconds()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    others = None if busy_before is None else max(0.0, busy_after - busy_before - cpu)
    return wall, cpu, others, done


WARNING = re.compile(r"^(\S+:\d+:\d+): warning: .*\[([\w.,-]+)\]$")


def run_clang_tidy_findings(done):
    """Distinct findings in run-clang-tidy's output: a header's finding appears once per TU."""
    if done.returncode != 0:
        fail("run-clang-tidy exited %d:\n%s\n%s" % (done.returncode, done.stdout[-3000:],
                                                      done.stderr[-3000:]))
    return len({line for line in done.stdout.splitlines() if WARNING.match(line)})


SUMMARY = re.compile(r"^tether check: (\d+) translation units?"
                     r"(?: \((\d+) from the cache\))?, (\d+) findings?", re.M)


def tether_findings(done, units, cached):
    """Findings in tether check's summary; exit 0 is none, 1 findings, anything else an error.

    Also checks that it linted every TU and took as many from the cache as expected, so a
    warm run that silently relints, or a cold run that finds a stale cache, fails."""
    if done.returncode not in (0, 1):
        fail("tether check exited %d:\n%s\n%s" % (done.returncode, done.stdout[-3000:],
                                                    done.stderr[-3000:]))
    match = SUMMARY.search(done.stdout + done.stderr)
    if not match:
        fail("no summary in tether check's output:\n" + (done.stdout + done.stderr)[-3000:])
    if int(match.group(1)) != units:
        fail("tether check linted %s TUs, the database has %d" % (match.group(1), units))
    if int(match.group(2) or 0) != cached:
        fail("tether check took %s TUs from the cache, expected %d" % (match.group(2), cached))
    return int(match.group(3))


def measure(name, database, args, scratch):
    """Times both tools on one project; returns its row of the table."""
    with open(os.path.join(database, "compile_commands.json")) as db:
        units = len(json.load(db))
    plugin = os.path.join(args.build, "tool", "libTetherTidy.so")
    tether = os.path.join(args.build, "tool", "tether")
    run_clang_tidy = [args.run_clang_tidy, "-clang-tidy-binary=" + args.clang_tidy,
                      "-p", database, "-j", str(JOBS), "-load=" + plugin,
                      "-checks=" + CHECKS, "-header-filter=.*", "-quiet"]
    best = {"tidy": float("inf"), "cold": float("inf"), "warm": float("inf")}
    counts = {}
    for attempt in range(args.repeat):
        wall, cpu, others, done = timed(run_clang_tidy, scratch)
        counts["run-clang-tidy"] = run_clang_tidy_findings(done)
        best["tidy"] = min(best["tidy"], wall)
        progress(name, attempt, "run-clang-tidy", wall, cpu, others)

        # A fresh cache per attempt: the cold run fills it, the warm run reads it.
        cache = tempfile.mkdtemp(prefix="cache-", dir=scratch)
        check = [tether, "check", "-p", database, "-j", str(JOBS), "--checks=" + CHECKS,
                 "--cache=" + cache]
        wall, cpu, others, done = timed(check, scratch)
        counts["tether cold"] = tether_findings(done, units, cached=0)
        best["cold"] = min(best["cold"], wall)
        progress(name, attempt, "tether cold", wall, cpu, others)

        wall, cpu, others, done = timed(check, scratch)
        counts["tether warm"] = tether_findings(done, units, cached=units)
        best["warm"] = min(best["warm"], wall)
        progress(name, attempt, "tether warm", wall, cpu, others)
        shutil.rmtree(cache)

        if len(set(counts.values())) != 1:
            fail("%s: the tools disagree on the findings: %s" % (
                name, ", ".join("%s %d" % item for item in counts.items())))
    return name, units, counts["run-clang-tidy"], best["tidy"], best["cold"], best["warm"]


def progress(project, attempt, tool, wall, cpu, others):
    # Other processes' CPU time during a measurement means it was disturbed:
    # say so, as the wall time then overstates the tool's.
    print("  %-9s #%d %-14s wall %7.2f s  cpu %7.2f s  other processes' cpu %s" % (
        project, attempt + 1, tool, wall, cpu, "?" if others is None else "%.2f s" % others),
          file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"),
                        help="build directory with tool/tether and tool/libTetherTidy.so")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the minimum is kept")
    parser.add_argument("--units", type=int, default=300, help="TUs of the generated project")
    parser.add_argument("--asio-every", type=int, default=30, help="every N-th generated TU includes <asio.hpp>")
    parser.add_argument("--run-clang-tidy", default="run-clang-tidy-19")
    parser.add_argument("--clang-tidy", default="clang-tidy-19")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory and say where")
    args = parser.parse_args()
    args.build = os.path.abspath(args.build)
    for binary in ("tether", "libTetherTidy.so"):
        if not os.path.exists(os.path.join(args.build, "tool", binary)):
            fail("no %s in %s/tool: build it first" % (binary, args.build))

    scratch = tempfile.mkdtemp(prefix="tether-bench-ci-")
    try:
        examples = os.path.join(scratch, "examples")
        configure_examples(examples)
        generated = os.path.join(scratch, "generated")
        expected = generate_project(generated, args.units, args.asio_every,
                                    discard_every=10, sleep_every=15)
        rows = [measure("examples", examples, args, scratch)]
        rows.append(measure("generated", generated, args, scratch))
        if rows[1][2] != expected:
            fail("the generated project holds %d findings, the tools found %d" % (expected, rows[1][2]))
    finally:
        if args.keep:
            print("scratch directory kept: " + scratch, file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    print("tether check -j%d against run-clang-tidy -j %d, checks %s, wall seconds, min of %d" % (
        JOBS, JOBS, CHECKS, args.repeat))
    print("%-10s %5s %8s %15s %13s %8s %13s %8s" % (
        "project", "TUs", "findings", "run-clang-tidy", "tether cold", "ratio", "tether warm", "ratio"))
    met = True
    for name, units, findings, tidy, cold, warm in rows:
        print("%-10s %5d %8d %13.2f s %11.2f s %7.3fx %11.2f s %7.3fx" % (
            name, units, findings, tidy, cold, cold / tidy, warm, warm / tidy))
        met = met and cold / tidy <= COLD_TARGET and warm / tidy < WARM_TARGET
    print("targets (cold <= %.1fx, warm < %.1fx): %s" % (COLD_TARGET, WARM_TARGET, "met" if met else "NOT met"))


if __name__ == "__main__":
    main()
