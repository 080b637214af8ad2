#!/usr/bin/env bash
# Mistakes are loud: a check glob that matches no check, in --checks or in
# a .clang-tidy, and no check enabled at all are errors (exit 2, naming the
# nearest check), except in a .clang-tidy the globs of another clang-tidy
# version; an unknown option is a warning with the nearest name; an
# unknown flag is an error, never the help text and exit 0. clang-tidy's
# flags behave as in clang-tidy.
source "$(dirname "$0")/common.sh"
write_database a b

expect_exit 2 "$tether" check -p build --checks='-*,async-fire-and-forgot'
grep -q "error: check glob 'async-fire-and-forgot' in --checks matches no check; did you mean 'async-fire-and-forget'?" err.txt ||
  fail "typo in --checks: $(cat err.txt)"
[[ ! -s out.txt ]] || fail "linted despite a bad --checks"

printf "Checks: '-*,async-blocking-call-in-corotuine'\n" >.clang-tidy
expect_exit 2 "$tether" check -p build
grep -q "error: check glob 'async-blocking-call-in-corotuine' in $work/.clang-tidy matches no check; did you mean 'async-blocking-call-in-coroutine'?" err.txt ||
  fail "typo in .clang-tidy: $(cat err.txt)"

# A list with a glob per line, as clang-tidy reads it: no error.
printf "Checks: |\n  -*\n  async-fire-and-forget\n" >.clang-tidy
expect_exit 1 "$tether" check -p build
! grep -q "matches no check" err.txt || fail "a glob per line: $(cat err.txt)"
# A single-quoted list over several lines, whose line breaks YAML folds into
# spaces: a warning that says so; what --checks asks for still runs.
printf "Checks: '-*\n         async-fire-and-forget\n         -async-missing-timeout'\n" >.clang-tidy
expect_exit 1 "$tether" check -p build --checks='-*,async-fire-and-forget'
grep -q "warning: check glob '-\* async-fire-and-forget -async-missing-timeout' in $work/.clang-tidy has spaces in it and matches no check: clang-tidy separates globs with commas or line breaks, and a quoted YAML string folds its line breaks into spaces; separate them with commas" err.txt ||
  fail "folded list: $(cat err.txt)"
grep -q "async-fire-and-forget" out.txt || fail "folded list: nothing linted: $(cat out.txt)"
# Without --checks, what the folded glob meant is not applied, as in
# clang-tidy: the default async- checks run, after the same warning.
expect_exit 1 "$tether" check -p build
grep -q "warning: check glob '-\* async-fire-and-forget -async-missing-timeout' .* has spaces in it" err.txt ||
  fail "folded list alone: $(cat err.txt)"

# A project's configuration written for another clang-tidy version (asyncpp's
# removes a check clang-tidy 19 no longer has, and styles names): warnings,
# and the run lints with the rest of it.
printf "Checks: '-*,async-*,-google-runtime-references,bugprone-a-check-of-tomorrow'\nCheckOptions:\n  readability-identifier-naming.ClassCase: lower_case\n" >.clang-tidy
expect_exit 1 "$tether" check -p build
grep -q "warning: check glob '-google-runtime-references' in $work/.clang-tidy removes no check: no check of this build is named so" err.txt ||
  fail "a removed check: $(cat err.txt)"
grep -q "warning: check glob 'bugprone-a-check-of-tomorrow' in $work/.clang-tidy matches no check of this build" err.txt ||
  fail "a newer check: $(cat err.txt)"
! grep -q "error\|unknown option" err.txt || fail "another version's configuration: $(cat err.txt)"
grep -q "async-fire-and-forget" out.txt || fail "nothing linted: $(cat out.txt)"

printf "Checks: '-*'\n" >.clang-tidy
expect_exit 2 "$tether" check -p build
grep -q "error: no check is enabled for .*src/[ab].cpp (Checks: '-\*,async-\*,-\*')" err.txt ||
  fail "no check: $(cat err.txt)"

# An option no check has: a warning naming the nearest one; the run goes on.
printf "Checks: '-*,async-*'\nCheckOptions:\n  async-fire-and-forget.TaskTypez: '::x'\n  async-unbounded-task-creation.MaxConcurrency: '8'\n" >.clang-tidy
expect_exit 1 "$tether" check -p build
grep -q "warning: unknown option 'async-fire-and-forget.TaskTypez' in $work/.clang-tidy; did you mean 'async-fire-and-forget.TaskTypes'?" err.txt ||
  fail "unknown option: $(cat err.txt)"
[[ $(grep -c "unknown option" err.txt) == 1 ]] || fail "a known option reported: $(cat err.txt)"
# ... and in SARIF a notification of the run, never a result.
expect_exit 1 "$tether" check -p build --sarif out.sarif
validate_sarif out.sarif
[[ $(json_query out.sarif 'len([r for r in j["runs"][0]["results"] if "locations" not in r])') == 0 ]] ||
  fail "a result without a location"
json_query out.sarif 'j["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]' |
  grep -q "unknown option 'async-fire-and-forget.TaskTypez'" || fail "no notification: $(cat out.sarif)"
rm .clang-tidy

# Unknown flags, including those cl reads as a prefix of -help.
for flag in --header-filtr=x -hx --bogus --jobs=2; do
  expect_exit 2 "$tether" check -p build "$flag"
  grep -q "unknown flag '$flag'" err.txt || fail "$flag: $(cat err.txt)"
  ! grep -q "OPTIONS:" err.txt out.txt || fail "$flag printed the help"
done
expect_exit 2 "$tether" check -p build --header-filtr=x
grep -q "did you mean '--header-filter'?" err.txt || fail "no suggestion: $(cat err.txt)"
# A value that starts with '-' is a value.
expect_exit 1 "$tether" check -p build --checks '-*,async-fire-and-forget'

# WarningsAsErrors makes the findings of the checks it names errors, in every
# report, as in clang-tidy; the others stay warnings. The cache is keyed by the
# configuration: a warm run after the change reports errors too.
printf "Checks: '-*,async-*'\n" >.clang-tidy
expect_exit 1 "$tether" check -p build
grep -q "warning: .*\[async-fire-and-forget\]" out.txt || fail "no warning before WarningsAsErrors: $(cat out.txt)"
printf "Checks: '-*,async-*'\nWarningsAsErrors: 'async-fire-and-forget'\n" >.clang-tidy
expect_exit 1 "$tether" check -p build --sarif errors.sarif --output-format=json
cp out.txt errors.json
[[ $(json_query errors.json 'sorted({f["level"] for f in j["findings"] if f["check"] == "async-fire-and-forget"})') == "['error']" ]] ||
  fail "WarningsAsErrors not applied (json): $(cat errors.json)"
[[ $(json_query errors.json 'sorted({f["level"] for f in j["findings"] if f["check"] != "async-fire-and-forget"})') == "['warning']" ]] ||
  fail "WarningsAsErrors applied to other checks (json): $(cat errors.json)"
[[ $(json_query errors.sarif 'sorted({r["level"] for r in j["runs"][0]["results"] if r["ruleId"] == "async-fire-and-forget"})') == "['error']" ]] ||
  fail "WarningsAsErrors not applied (SARIF): $(cat errors.sarif)"
expect_exit 1 "$tether" check -p build
grep -q "error: .*\[async-fire-and-forget,-warnings-as-errors\]" out.txt ||
  fail "WarningsAsErrors not applied (text): $(cat out.txt)"
! grep -q "warning: .*\[async-fire-and-forget" out.txt || fail "a warning left: $(cat out.txt)"
rm .clang-tidy

# clang-tidy's flags: --header-filter, --exclude-header-filter, --extra-arg,
# --extra-arg-before, --list-checks, --dump-config.
expect_exit 1 "$tether" check -p build --header-filter='src/.*'
! grep -q "jobs.hpp" out.txt || fail "--header-filter: $(cat out.txt)"
expect_exit 1 "$tether" check -p build --exclude-header-filter='.*jobs.hpp'
! grep -q "jobs.hpp" out.txt || fail "--exclude-header-filter: $(cat out.txt)"
expect_exit 1 "$tether" check -p build
grep -q "jobs.hpp" out.txt || fail "the header's finding without a filter: $(cat out.txt)"
expect_exit 1 "$tether" check -p build --extra-arg=-DEXTRA_ERROR --no-cache src/b.cpp
printf '#ifdef EXTRA_ERROR\n#error extra arg seen\n#endif\n' >>include/jobs.hpp
expect_exit 2 "$tether" check -p build --extra-arg=-DEXTRA_ERROR src/b.cpp
grep -q "extra arg seen" out.txt err.txt || fail "--extra-arg: $(cat out.txt err.txt)"
expect_exit 2 "$tether" check -p build --extra-arg-before=-DEXTRA_ERROR src/b.cpp
grep -q "extra arg seen" out.txt err.txt || fail "--extra-arg-before: $(cat out.txt err.txt)"
expect_exit 0 "$tether" check --list-checks --checks='-*,async-missing-timeout'
grep -q "^    async-missing-timeout$" out.txt && [[ $(grep -c "^    " out.txt) == 1 ]] ||
  fail "--list-checks: $(cat out.txt)"
expect_exit 0 "$tether" check --dump-config --checks='-*,async-missing-timeout'
grep -q "^Checks:.*async-missing-timeout" out.txt || fail "--dump-config: $(cat out.txt)"
expect_exit 0 "$tether" --version
grep -q "^tether [0-9]" out.txt || fail "--version: $(cat out.txt)"
echo "tether check $test_name: ok"
