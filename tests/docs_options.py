#!/usr/bin/env python3
"""Every option of every async- check is documented on its page with the default
the check really has (tether-tidy --dump-config), and no page documents an option
the check does not read.

Usage: docs_options.py SOURCE_DIR TETHER_TIDY
"""
import glob
import os
import re
import subprocess
import sys


def dumped_options(tidy):
    out = subprocess.run([tidy, "--checks=-*,async-*", "--dump-config"], cwd="/",
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         universal_newlines=True, check=True).stdout
    options = {}
    for line in out.splitlines():
        m = re.match(r"^\s+(async-[a-z-]+)\.(\w+):\s*(.*)$", line)
        if not m:
            continue
        value = m.group(3)
        if value.startswith("'") and value.endswith("'"):
            value = value[1:-1].replace("''", "'")
        options.setdefault(m.group(1), {})[m.group(2)] = value
    return options


def main():
    source, tidy = sys.argv[1:3]
    options = dumped_options(tidy)
    problems = []
    for check, known in sorted(options.items()):
        page = os.path.join(source, "docs", "checks", check + ".md")
        text = open(page, encoding="utf-8").read()
        documented = dict(re.findall(r"^`(\w+)` \(default: `([^`]*)`\)", text, re.M))
        # Tables: | `Name` | default | meaning |, the default as code, "empty",
        # or words for a long list ("the list above"), which are not compared.
        for name, cell in re.findall(r"^\| `(\w+)` \| ([^|]*) \|", text, re.M):
            code = re.fullmatch(r"`([^`]*)`", cell.strip())
            if code:
                documented[name] = code.group(1)
            elif cell.strip() == "empty":
                documented[name] = ""
            else:
                documented.setdefault(name, None)
        # Options spelled out elsewhere on the page (shared runtime options).
        for name, value in sorted(known.items()):
            if name not in documented:
                if "`%s`" % name not in text:
                    problems.append("%s: option %s is not documented" % (page, name))
                continue
            if documented[name] is not None and documented[name] != value:
                problems.append("%s: %s is documented with default '%s' but is '%s'"
                                % (page, name, documented[name], value))
        for name in sorted(set(documented) - set(known)):
            problems.append("%s: documents option %s, which the check does not read" % (page, name))
    if len(options) < 6:
        problems.append("tether-tidy --dump-config listed %d async- checks" % len(options))
    for p in problems:
        print("docs_options: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
