#!/usr/bin/env bash
# Mutation testing of Erasmus.Domain with Stryker.NET (pinned in .config/dotnet-tools.json):
# mutates the domain and runs tests/Erasmus.Domain.Tests against each mutant. Not part of test.sh:
# a full run takes 10-20 minutes on 2 cores. The score and the surviving mutants are in
# docs/mutation-testing.md.
#   scripts/mutation.sh                              every file of Erasmus.Domain
#   scripts/mutation.sh '**/AttainmentCalculator.cs' one file (or any glob) while iterating
# Extra arguments after the glob go to Stryker (e.g. --break-at 90). STRYKER_CONCURRENCY (default 1: the
# machine is shared) sets how many test processes run at once.
# Reports (html, json, a plain-text list) land in .data/mutation/<timestamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."

mutate=("--mutate" "**/*.cs")
if [ $# -gt 0 ]; then mutate=("--mutate" "$1"); shift; fi

dotnet tool restore >/dev/null
out="$PWD/.data/mutation"
mkdir -p "$out"
cd tests/Erasmus.Domain.Tests
dotnet dotnet-stryker \
  --project Erasmus.Domain.csproj \
  --configuration Release \
  --concurrency "${STRYKER_CONCURRENCY:-1}" --skip-version-check \
  --reporter Progress --reporter Html --reporter Json --reporter ClearText \
  --output "$out/$(date +%Y%m%d-%H%M%S)" \
  "${mutate[@]}" "$@"
