#!/usr/bin/env python3
"""tether --version, tether-tidy --version and tether-clangd --version name tether's version
(project()'s, and git describe's in a checkout) as the build's tether/Version.h has it, and
tether-clangd gives it to LSP clients as serverInfo.
  tool_versions.py VERSION SOURCE_DIR VERSION_HEADER TETHER TETHER_TIDY TETHER_CLANGD"""
import json
import os
import re
import subprocess
import sys

version, source, header, tether, tidy, clangd = sys.argv[1:]
failures = []
# What the build wrote: the version, and in a checkout the commit it was built from (the
# checkout may have moved on since; the tools say what they were built from).
built = re.search(r'#define TETHER_VERSION_STRING "([^"]*)"', open(header).read()).group(1)
in_checkout = os.path.exists(os.path.join(source, ".git"))
if not re.fullmatch(re.escape(version) + (r" \(git [0-9a-f]{7,}[^)]*\)" if in_checkout else ""),
                    built):
    failures.append("tether/Version.h says %r for version %s" % (built, version))
expected = re.escape(built)


def expect(what, text, pattern):
    if not re.search(pattern, text):
        failures.append("%s does not match %r:\n%s" % (what, pattern, text))


out = subprocess.run([tether, "--version"], capture_output=True, text=True, check=True).stdout
expect("tether --version", out, "^tether " + expected + "\n")
expect("tether --version", out, r"clang version 19\.")

out = subprocess.run([tidy, "--version"], capture_output=True, text=True, check=True).stdout
expect("tether-tidy --version", out, "tether-tidy version " + expected + "\n")
expect("tether-tidy --version", out, r"LLVM version 19\.")

out = subprocess.run([clangd, "--version"], capture_output=True, text=True, check=True).stdout
expect("tether-clangd --version", out, "tether-clangd version " + expected + ", ")
expect("tether-clangd --version", out, r"clangd version 19\.")


def message(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


requests = (message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"processId": None, "rootUri": None, "capabilities": {}}})
            + message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
            + message({"jsonrpc": "2.0", "method": "exit"}))
lsp = subprocess.run([clangd, "--log=error"], input=requests, capture_output=True,
                     timeout=60)
reply = None
data = lsp.stdout
while data:
    header, _, rest = data.partition(b"\r\n\r\n")
    length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
    body, data = json.loads(rest[:length]), rest[length:]
    if body.get("id") == 1:
        reply = body
if reply is None:
    failures.append("no reply to initialize:\n%s" % lsp.stdout.decode(errors="replace"))
else:
    server = reply["result"]["serverInfo"]["version"]
    expect("serverInfo.version", server, "tether-clangd version " + expected + ", ")
    expect("serverInfo.version", server, r"clangd version 19\.")
    expect("serverInfo.name", reply["result"]["serverInfo"]["name"], r"^tether-clangd$")

for failure in failures:
    print("tool_versions: " + failure, file=sys.stderr)
sys.exit(1 if failures else 0)
