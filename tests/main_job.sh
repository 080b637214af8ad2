#!/usr/bin/env bash
# The README's main job: what it prints (main_job.check), and the SARIF file it writes,
# which the validator accepts.
#   main_job.sh ROOT FILECHECK SARIF_VALIDATOR
set -euo pipefail
root=$1 filecheck=$2 validator=$3
"$root/scripts/lint-examples.sh" | "$filecheck" "$root/tests/main_job.check"
"$root/tests/validate_sarif.sh" "$validator" "${TETHER_BUILD_DIR:-$root/build}/examples/tether.sarif"
