#!/usr/bin/env bash
# Microsoft's SARIF validator, with GitHub's rules, finds no error and no warning in any of
# the files; what it said is printed when it does.
#   validate_sarif.sh VALIDATOR FILE...
set -euo pipefail
validator=$1
shift
report=$(DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$validator" validate \
  --rule-kind "Sarif;Gh" --level "Error;Warning" "$@" 2>&1) ||
  { echo "$report" >&2; echo "validate_sarif: the validator failed on $*" >&2; exit 1; }
if ! grep -q "^Done. $# files scanned" <<<"$report" || grep -qE ": (error|warning) " <<<"$report"; then
  echo "$report" >&2
  echo "validate_sarif: not valid SARIF for GitHub: $*" >&2
  exit 1
fi
