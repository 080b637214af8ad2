#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Time from didOpen to diagnostics: tether-clangd against stock clangd-19.

For each file of the examples/ project, a fresh server is started, the file
is opened, and the time until its first publishDiagnostics is measured. Stock
clangd-19 runs the built-in checks (bugprone-*); tether-clangd runs the same
plus async-*. Servers alternate, for several rounds; the ratio of the summed
times is printed (target: under 1.05x).

Usage: bench/editor-latency/run.py [--build DIR] [--rounds N]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


class Server:
    """A language server on stdio, speaking just enough LSP."""

    def __init__(self, command, root):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.published = {}
        self.condition = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        self.request(1, "initialize", {"processId": os.getpid(), "rootUri": "file://" + root,
                                       "capabilities": {}})
        self.notify("initialized", {})

    def _send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, id, method, params):
        self._send({"jsonrpc": "2.0", "id": id, "method": method, "params": params})

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))
            if message.get("method") == "textDocument/publishDiagnostics":
                with self.condition:
                    params = message["params"]
                    self.published[params["uri"]] = (time.perf_counter(), params["diagnostics"])
                    self.condition.notify_all()

    def open_and_wait(self, path, timeout=300):
        uri = "file://" + path
        start = time.perf_counter()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": open(path).read()}})
        with self.condition:
            if not self.condition.wait_for(lambda: uri in self.published, timeout):
                raise RuntimeError("no diagnostics for %s" % path)
            arrived, diagnostics = self.published[uri]
        return arrived - start, diagnostics

    def close(self):
        self.request(2, "shutdown", None)
        self.notify("exit", None)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def workspace(checks):
    """A copy of examples/ with a compile database and its own .clang-tidy."""
    work = tempfile.mkdtemp(prefix="tether-editor-latency-")
    shutil.copytree(os.path.join(ROOT, "examples"), os.path.join(work, "examples"),
                    ignore=shutil.ignore_patterns("build"))
    os.symlink(os.path.join(ROOT, "runtime"), os.path.join(work, "runtime"))
    with open(os.path.join(work, "examples", ".clang-tidy"), "w") as f:
        f.write("Checks: '%s'\n" % checks)
    subprocess.run(["cmake", "-S", os.path.join(work, "examples"), "-B",
                    os.path.join(work, "examples", "build"), "-G", "Ninja",
                    "-DCMAKE_CXX_COMPILER=clang++-19"], check=True, stdout=subprocess.DEVNULL)
    shutil.copy(os.path.join(work, "examples", "build", "compile_commands.json"),
                os.path.join(work, "examples"))
    return os.path.join(work, "examples")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    resource_dir = subprocess.run(["clang++-19", "-print-resource-dir"], check=True,
                                  stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
    flags = ["--background-index=false", "--log=error", "--resource-dir=" + resource_dir]
    servers = {
        "clangd-19": (["clangd-19"] + flags, workspace("-*,bugprone-*")),
        "tether-clangd": ([os.path.join(args.build, "tool", "tether-clangd")] + flags,
                          workspace("-*,bugprone-*,async-*")),
    }
    files = sorted(os.path.join("src", name) for name in os.listdir(os.path.join(ROOT, "examples", "src")))
    totals = {name: 0.0 for name in servers}
    async_findings = {name: 0 for name in servers}
    for round_index in range(args.rounds):
        for relative in files:
            for name, (command, root) in servers.items():
                server = Server(command, root)
                seconds, diagnostics = server.open_and_wait(os.path.join(root, relative))
                server.close()
                totals[name] += seconds
                if round_index == 0:
                    async_findings[name] += sum(
                        1 for d in diagnostics if str(d.get("code", "")).startswith("async-"))
        print("round %d/%d done" % (round_index + 1, args.rounds), file=sys.stderr)
    print("didOpen -> diagnostics over %d files x %d rounds" % (len(files), args.rounds))
    for name in servers:
        print("  %-14s %7.2f s   async- findings: %d" % (name, totals[name], async_findings[name]))
    print("  ratio tether-clangd/clangd-19: %.3fx" % (totals["tether-clangd"] / totals["clangd-19"]))


if __name__ == "__main__":
    main()
