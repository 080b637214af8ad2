#!/usr/bin/env python3
"""Runs one clang-tidy check on a copy of a test file and verifies it.

Usage:
  check_tidy.py [options] SOURCE CHECK TEMP [-- TIDY_ARGS...] [-- COMPILER_ARGS...]

The copy (TEMP) has its CHECK-* comments blanked so that line numbers are
kept. The check runs on it with --fix, then:
  * CHECK-MESSAGES[-SUFFIX] lines are matched against clang-tidy's output;
    any warning or error they do not match fails the test (CHECK-NOTES does
    the same and also covers notes);
  * CHECK-FIXES[-SUFFIX] lines are matched against the fixed file, and every
    line the fix-its changed must be covered by one CHECK-FIXES line; with
    no CHECK-FIXES the file must come out unchanged;
  * the fixed file must compile (-fsyntax-only with COMPILER_ARGS) with each
    compiler of -cxx.
-check-suffixes=,A,B runs FileCheck with the prefixes of each suffix (the
empty one is the bare prefix), so one file serves several configurations.
"""

import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys


def fail(message, output=""):
    sys.stderr.write("check_tidy.py: %s\n" % message)
    if output:
        sys.stderr.write("------ output ------\n%s\n--------------------\n" % output)
    sys.exit(1)


def run(command, **kwargs):
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def split_args(rest):
    """Splits 'SOURCE CHECK TEMP -- tidy args -- compiler args'."""
    if "--" not in rest:
        return rest, [], []
    first = rest.index("--")
    positional, remainder = rest[:first], rest[first + 1:]
    if "--" in remainder:
        second = remainder.index("--")
        return positional, remainder[:second], remainder[second + 1:]
    return positional, remainder, []


def prefixes(kind, suffixes):
    return ["CHECK-%s%s" % (kind, "-" + s if s else "") for s in suffixes]


def uses(text, names):
    return any(re.search(r"\b%s(-NEXT|-SAME|-NOT|-DAG|-EMPTY)?:" % re.escape(n), text)
               for n in names)


def main():
    parser = argparse.ArgumentParser(add_help=True)
    parser.add_argument("-check-suffix", "-check-suffixes", dest="suffixes", default="",
                        help="comma-separated suffixes of the CHECK prefixes")
    parser.add_argument("-tidy", required=True, help="the clang-tidy command to run")
    parser.add_argument("-filecheck", default="FileCheck")
    parser.add_argument("-cxx", default="clang++",
                        help="comma-separated compilers for the fixed file")
    parser.add_argument("-std", default="c++20")
    parser.add_argument("-fix-notes", action="store_true",
                        help="also apply fix-its that are attached to notes")
    parser.add_argument("-no-compile", action="store_true",
                        help="do not compile the fixed file")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args()

    positional, tidy_args, compiler_args = split_args(args.rest)
    if len(positional) != 3:
        fail("expected SOURCE CHECK TEMP, got %r" % positional)
    source, check, temp = positional
    suffixes = args.suffixes.split(",")
    compiler_args = ["-std=" + args.std] + compiler_args

    with open(source, encoding="utf-8") as f:
        original = f.read()
    # Blank the CHECK lines' text but keep the line so numbers stay.
    cleaned = re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", original)
    os.makedirs(os.path.dirname(os.path.abspath(temp)), exist_ok=True)
    temp_file = temp if temp.endswith(".cpp") else temp + ".cpp"
    with open(temp_file, "w", encoding="utf-8") as f:
        f.write(cleaned)

    message_prefixes = prefixes("MESSAGES", suffixes)
    note_prefixes = prefixes("NOTES", suffixes)
    fix_prefixes = prefixes("FIXES", suffixes)
    has_messages = uses(original, message_prefixes)
    has_notes = uses(original, note_prefixes)
    has_fixes = uses(original, fix_prefixes)
    if has_messages and has_notes:
        fail("use CHECK-MESSAGES or CHECK-NOTES in one configuration, not both")

    tidy = shlex.split(args.tidy) + [
        temp_file, "--checks=-*," + check, "--fix"] + (
        ["--fix-notes"] if args.fix_notes else []) + tidy_args + [
        "--"] + compiler_args
    result = run(tidy)
    # clang-tidy's record of the fixes it applied is not a diagnostic.
    output = "".join(line for line in result.stdout.splitlines(True)
                     if "note: FIX-IT applied suggested code changes" not in line)
    if result.returncode != 0:
        fail("clang-tidy failed (exit %d): %s" % (result.returncode, " ".join(tidy)), output)
    messages_file = temp_file + ".msg"
    with open(messages_file, "w", encoding="utf-8") as f:
        f.write(output)

    if has_messages or has_notes:
        kinds = "note|warning|error" if has_notes else "warning|error"
        filecheck = [args.filecheck, "-input-file=" + messages_file, source,
                     "-check-prefixes=" + ",".join(note_prefixes if has_notes else message_prefixes),
                     "-implicit-check-not={{%s}}:" % kinds, "--allow-unused-prefixes"]
        checked = run(filecheck)
        if checked.returncode != 0:
            fail("diagnostics do not match", checked.stdout)
    elif re.search(r"(warning|error):", output):
        fail("the test expects no diagnostics, but there are some", output)

    with open(temp_file, encoding="utf-8") as f:
        fixed = f.read()
    changed = []
    matcher = difflib.SequenceMatcher(a=cleaned.splitlines(), b=fixed.splitlines(),
                                      autojunk=False)
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            changed.extend(range(j1 + 1, j2 + 1))
    if has_fixes:
        checked = run([args.filecheck, "-input-file=" + temp_file, source,
                       "-check-prefixes=" + ",".join(fix_prefixes),
                       "-strict-whitespace", "--allow-unused-prefixes"])
        if checked.returncode != 0:
            fail("fixed file does not match", checked.stdout)
        directives = sum(len(re.findall(r"\b%s(-NEXT|-SAME)?:" % re.escape(p), original))
                         for p in fix_prefixes)
        if len(changed) != directives:
            fail("the fix-its changed %d line(s) (%s) but %d CHECK-FIXES line(s) "
                 "cover them: check every fixed line" % (
                     len(changed), ", ".join(map(str, changed)), directives),
                 "".join(difflib.unified_diff(cleaned.splitlines(True),
                                              fixed.splitlines(True))))
    elif changed:
        fail("the fix-its changed the file but there is no CHECK-FIXES",
             "".join(difflib.unified_diff(cleaned.splitlines(True),
                                          fixed.splitlines(True))))

    if not args.no_compile:
        for cxx in args.cxx.split(","):
            compiled = run([cxx, "-fsyntax-only", "-Wno-unused-result"] + compiler_args
                           + [temp_file])
            if compiled.returncode != 0:
                fail("the fixed file does not compile with %s" % cxx, compiled.stdout)


if __name__ == "__main__":
    main()
