#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Every C++ idiom the runtime shows its users is compiled and run by a test.

The idioms are taken from where users read them:
  - docs/runtime.md: every ```cpp block, and every inline `code` span that is a statement
    (ends with `;`) or an await (starts with `co_await `);
  - the comments of runtime/include/tether/*.hpp: every block of indented code lines
    (`//   code`), and every inline `code` span of the same two kinds.

Each idiom must appear in the mirror (tests/runtime/docs_idioms_test.cpp), which wraps it in
a program that ctest compiles and runs with every compiler and sanitizer: the lines of a block
as consecutive code lines, an inline span inside a code line. Comments and spacing do not
count; `...` in an idiom stands for whatever code the mirror puts there. An idiom that the
mirror cannot hold must be listed in FRAGMENTS with the test that covers it, and that test
must exist. So an idiom that is added or changed in the docs without its mirror fails ctest.

usage: docs_idioms.py ROOT [MIRROR] [--list]
"""
import pathlib
import re
import sys

# Idioms the mirror does not hold, each with the test that covers it instead: idiom text (as
# normalised below) -> (test file, code that the test file must contain).
FRAGMENTS = {
    # The form g++ 12 miscompiles (docs/runtime.md, "g++ 12 and lambda captures"): measured,
    # and expected to destroy a capture twice under g++ 12, by capture_in_co_await_test.cpp.
    "co_await tether::offload([s = *item] { return checksum(s); });": (
        "tests/runtime/capture_in_co_await_test.cpp",
        "co_await tether::offload([s = tracked(2)] { return s.v; });"),
}


def strip_comment(line):
    """The code of a line, without a // comment (string and char literals respected)."""
    quote = None
    i = 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            # A digit separator (1'000) is not a char literal.
            if c == "'" and i > 0 and line[i - 1].isalnum() and i + 1 < len(line) and line[i + 1].isalnum():
                pass
            else:
                quote = c
        elif line.startswith("//", i):
            return line[:i]
        i += 1
    return line


def normalise(line):
    return " ".join(strip_comment(line).split())


SETUP = "// [setup]"


def code_lines(text, skip_setup=False):
    lines = text.splitlines()
    if skip_setup:
        lines = [l for l in lines if SETUP not in l]
    return [n for n in (normalise(l) for l in lines) if n]


def inline_spans(text):
    """`code` spans that are a statement or an await."""
    for span in re.findall(r"`([^`\n]+)`", text):
        span = span.strip()
        if span.startswith("co_await ") or span.endswith(";"):
            yield span


class Idiom:
    def __init__(self, where, lines, inline):
        self.where = where
        self.lines = lines
        self.inline = inline

    def text(self):
        return "\n".join(self.lines)


def from_docs(path, rel):
    idioms = []
    text = path.read_text()
    prose = []
    block = None
    for number, line in enumerate(text.splitlines(), 1):
        fence = line.strip()
        if block is None and fence.startswith("```"):
            block = (number, fence[3:].strip(), [])
            continue
        if block is not None and fence == "```":
            start, lang, body = block
            if lang == "cpp":
                lines = code_lines("\n".join(body))
                if lines:
                    idioms.append(Idiom(f"{rel}:{start}", lines, False))
            block = None
            continue
        if block is not None:
            block[2].append(line)
        else:
            prose.append((number, line))
    for number, line in prose:
        for span in inline_spans(line):
            idioms.append(Idiom(f"{rel}:{number}", [normalise(span)], True))
    return idioms


def from_header(path, rel):
    idioms = []
    block = None

    def flush():
        nonlocal block
        if block:
            start, body = block
            lines = code_lines("\n".join(body))
            if lines:
                idioms.append(Idiom(f"{rel}:{start}", lines, False))
        block = None

    for number, line in enumerate(path.read_text().splitlines(), 1):
        m = re.match(r"\s*///?(.*)$", line)
        if not m:
            flush()
            continue
        comment = m.group(1)
        if re.match(r" {3,}\S", comment):
            if block is None:
                block = (number, [])
            block[1].append(comment)
            continue
        flush()
        for span in inline_spans(comment):
            idioms.append(Idiom(f"{rel}:{number}", [normalise(span)], True))
    flush()
    return idioms


def pattern(line, inline):
    parts = [re.escape(p) for p in line.split("...")]
    body = ".*".join(parts)
    return re.compile(body if inline else "^" + body + "$")


def found(idiom, mirror):
    pats = [pattern(l, idiom.inline) for l in idiom.lines]
    if idiom.inline:
        return any(pats[0].search(m) for m in mirror)
    n = len(pats)
    for i in range(len(mirror) - n + 1):
        if all(pats[k].match(mirror[i + k]) for k in range(n)):
            return True
    return False


def collect(root):
    idioms = from_docs(root / "docs/runtime.md", "docs/runtime.md")
    for header in sorted((root / "runtime/include/tether").glob("*.hpp")):
        idioms += from_header(header, f"runtime/include/tether/{header.name}")
    return idioms


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(args[0])
    mirror_path = pathlib.Path(args[1]) if len(args) > 1 else root / "tests/runtime/docs_idioms_test.cpp"
    idioms = collect(root)
    if "--list" in argv:
        for idiom in idioms:
            print(f"== {idiom.where}{' (inline)' if idiom.inline else ''}\n{idiom.text()}")
        return 0
    mirror = code_lines(mirror_path.read_text(), skip_setup=True)
    missing = []
    for idiom in idioms:
        if found(idiom, mirror):
            continue
        covered = FRAGMENTS.get(idiom.text())
        if covered:
            test_file, code = covered
            test_path = root / test_file
            if test_path.exists() and code in test_path.read_text():
                continue
            missing.append((idiom, f"listed in FRAGMENTS as covered by {test_file}, which does "
                                   f"not contain `{code}`"))
            continue
        missing.append((idiom, f"neither in {mirror_path.name} nor listed in FRAGMENTS"))
    for idiom, why in missing:
        print(f"{idiom.where}: idiom {why}:\n  " + "\n  ".join(idiom.lines), file=sys.stderr)
    print(f"{len(idioms) - len(missing)} of {len(idioms)} idioms compiled and run by "
          f"{mirror_path.name} (or covered as listed)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
