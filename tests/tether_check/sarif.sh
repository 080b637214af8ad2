#!/usr/bin/env bash
# --sarif and --gitlab: the reports hold every finding with its place, its
# fix and a fingerprint that stays when unrelated lines move; the SARIF file
# passes Microsoft's validator with GitHub's rules. merge-sarif joins the
# files of several runs.
source "$(dirname "$0")/common.sh"
write_database a b clean

expect_exit 1 "$tether" check -p build --sarif out.sarif --gitlab quality.json
validate_sarif out.sarif
[[ $(json_query out.sarif 'len(j["runs"])') == 1 ]] || fail "not one run"
[[ $(json_query out.sarif '[(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in j["runs"][0]["results"]]') == \
   "[('async-blocking-call-in-coroutine', 'include/jobs.hpp', 9), ('async-fire-and-forget', 'src/a.cpp', 5), ('async-fire-and-forget', 'src/b.cpp', 4)]" ]] ||
  fail "results: $(json_query out.sarif 'j["runs"][0]["results"]')"
# Paths are relative to the work tree, which SRCROOT names.
[[ $(json_query out.sarif 'j["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"]') == "file://$work/" ]] ||
  fail "SRCROOT: $(json_query out.sarif 'j["runs"][0]["originalUriBaseIds"]')"
# Each result's rule is the rule of its ruleIndex, documented with a link.
[[ $(json_query out.sarif 'all(j["runs"][0]["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in j["runs"][0]["results"])') == True ]] ||
  fail "ruleIndex does not point to the rule"
[[ $(json_query out.sarif '[(r["id"], r["helpUri"].endswith("/checks/" + r["id"] + ".md"), r["help"]["markdown"].startswith("# " + r["id"])) for r in j["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "async-fire-and-forget"]') == \
   "[('async-fire-and-forget', True, True)]" ]] || fail "rule: $(json_query out.sarif 'j["runs"][0]["tool"]["driver"]["rules"]')"
# The header's fix: the include and the co_await, as SARIF replacements.
[[ $(json_query out.sarif '[(c["artifactLocation"]["uri"], [(x["deletedRegion"]["startLine"], x["deletedRegion"]["startColumn"], x["deletedRegion"]["endLine"], x["deletedRegion"]["endColumn"], x["insertedContent"]["text"]) for x in c["replacements"]]) for c in j["runs"][0]["results"][0]["fixes"][0]["artifactChanges"]]') == \
   "[('include/jobs.hpp', [(4, 1, 4, 1, '#include <tether/sleep.hpp>\\n'), (9, 3, 9, 30, 'co_await tether::sleep_for')])]" ]] ||
  fail "fix: $(json_query out.sarif 'j["runs"][0]["results"][0]["fixes"]')"
# The note of a.cpp's finding is a related location.
[[ $(json_query out.sarif 'j["runs"][0]["results"][1]["relatedLocations"][0]["message"]["text"].startswith("own the task")') == True ]] ||
  fail "notes: $(json_query out.sarif 'j["runs"][0]["results"][1]')"

# Fingerprints stay when lines move; one changes when its own line does.
json_query out.sarif '[r["partialFingerprints"]["tetherFingerprint/v1"] for r in j["runs"][0]["results"]]' >before.txt
{ printf '// a comment\n\n'; cat src/a.cpp; } >moved && mv moved src/a.cpp
{ printf '// moved down\n'; cat include/jobs.hpp; } >moved && mv moved include/jobs.hpp
expect_exit 1 "$tether" check -p build --sarif moved.sarif
json_query moved.sarif '[r["partialFingerprints"]["tetherFingerprint/v1"] for r in j["runs"][0]["results"]]' >after.txt
cmp -s before.txt after.txt || fail "fingerprints moved with the lines: $(cat before.txt after.txt)"
[[ $(json_query moved.sarif '[r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in j["runs"][0]["results"]]') == "[10, 7, 4]" ]] ||
  fail "lines after the move: $(json_query moved.sarif '[r["locations"] for r in j["runs"][0]["results"]]')"
sed -i 's/nap();/nap(); \/\/ now different/' src/b.cpp
expect_exit 1 "$tether" check -p build --sarif edited.sarif
json_query edited.sarif '[r["partialFingerprints"]["tetherFingerprint/v1"] for r in j["runs"][0]["results"]]' >edited.txt
python3 - before.txt edited.txt <<'PY' || fail "an edited line kept its fingerprint, or others changed"
import ast, sys
before, edited = (ast.literal_eval(open(f).read()) for f in sys.argv[1:])
assert before[:2] == edited[:2] and before[2] != edited[2], (before, edited)
PY

# GitLab's code quality report: one issue per finding, with the same
# fingerprint.
[[ $(json_query quality.json '[(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"], i["severity"]) for i in j]') == \
   "[('async-blocking-call-in-coroutine', 'include/jobs.hpp', 9, 'major'), ('async-fire-and-forget', 'src/a.cpp', 5, 'major'), ('async-fire-and-forget', 'src/b.cpp', 4, 'major')]" ]] ||
  fail "gitlab: $(cat quality.json)"
[[ $(json_query quality.json '[i["fingerprint"] for i in j]') == "$(cat before.txt)" ]] || fail "gitlab fingerprints"

# merge-sarif: the runs of two files in one, rule indexes remapped, a
# finding seen by both once.
write_database a
expect_exit 1 "$tether" check -p build --sarif only-a.sarif
write_database b clean
expect_exit 1 "$tether" check -p build --sarif only-b.sarif
expect_exit 0 "$tether" merge-sarif -o merged.sarif only-a.sarif only-b.sarif
validate_sarif moved.sarif edited.sarif only-a.sarif only-b.sarif merged.sarif
[[ $(json_query merged.sarif 'sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in j["runs"][0]["results"])') == \
   "[('async-blocking-call-in-coroutine', 'include/jobs.hpp'), ('async-fire-and-forget', 'src/a.cpp'), ('async-fire-and-forget', 'src/b.cpp')]" ]] ||
  fail "merged: $(cat merged.sarif)"
[[ $(json_query merged.sarif 'all(j["runs"][0]["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in j["runs"][0]["results"])') == True ]] ||
  fail "merged ruleIndex"
echo '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "other"}}}]}' >other.sarif
expect_exit 2 "$tether" merge-sarif -o bad.sarif only-a.sarif other.sarif
grep -q "other.sarif: a run that tether did not write" err.txt || fail "merge of a foreign run: $(cat err.txt)"
[[ ! -e bad.sarif ]] || fail "a failed merge left its output"
expect_exit 2 "$tether" check -p build --sarif /nonexistent/dir/out.sarif
grep -q "cannot write /nonexistent/dir/out.sarif" err.txt || fail "unwritable report: $(cat err.txt)"
echo "tether check $test_name: ok"
