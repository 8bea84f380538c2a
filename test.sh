#!/usr/bin/env bash
# Runs every test in the solution against a real PostgreSQL and prints one summary line:
# "N passed, N failed".
#   ./test.sh                  all tests
#   ./test.sh --filter EXPR    only the tests dotnet test's filter selects
# Which PostgreSQL (tests/Erasmus.Web.Tests/Infrastructure/TestServer*.cs decides, and each test
# project prints its choice in a "Test database: ..." line at its start):
#   1. a container engine answers (DOCKER_HOST, or Docker's or podman's usual socket): each test
#      process starts its own PostgreSQL container with Testcontainers (image ERASMUS_TEST_PG_IMAGE,
#      default postgres:15-bookworm; ERASMUS_TEST_CONTAINERS=off skips this);
#   2. else ERASMUS_TEST_DB, a server connection string without Database=;
#   3. else the project-local test cluster (port 55433) that this script starts.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

filter=()
if [ "${1:-}" = "--filter" ]; then filter=(--filter "$2"); fi

command -v dotnet >/dev/null || die "the .NET SDK is needed"
# dotnet-ef (pinned in .config/dotnet-tools.json) adds migrations; restored only when it is not yet.
if ! dotnet tool run dotnet-ef --version >/dev/null 2>&1; then
  log "Restoring the dotnet-ef tool"
  dotnet tool restore >/dev/null || log "dotnet tool restore failed; only adding migrations needs it"
fi

# The browser tests drive Debian's Chromium; the workbook tests open files in LibreOffice.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]}"
  apt_install "${missing[@]}"
fi

if [ -z "${ERASMUS_TEST_DB:-}" ]; then
  # The fallback when no container engine answers (TestServer.LocalCluster). Started even when
  # one does, since only the tests ask the engine, and a cluster that already runs is reused.
  # fsync off: a throwaway cluster; durability costs time and proves nothing here.
  pg_start erasmus-test 55433 "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
else
  # The reliability tests still need the server programs (a private server, pg_dump).
  pg_ensure_installed
fi
export ERASMUS_PG_BIN="${PG_BIN:-}"

log "Building"
dotnet build Erasmus.sln -c Release -nologo -v q -clp:ErrorsOnly

results=.data/test-results
rm -rf "$results"
mkdir -p "$results"
log "Testing"
set +e
dotnet test Erasmus.sln -c Release --no-build -nologo "${filter[@]}" \
  --logger "trx" --results-directory "$results" 2>&1 | tee "$results/output.txt"
status=${PIPESTATUS[0]}
set -e

# Sum the per-project totals that dotnet test prints ("Failed: 0, Passed: 12, Skipped: 0").
read -r passed failed skipped < <(grep -aoE 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$results/output.txt" \
  | awk -F'[:,]' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}')
projects=$(find tests -name '*.csproj' | wc -l)
reported=$(grep -acE 'Failed: +[0-9]+, Passed: +[0-9]+' "$results/output.txt" || true)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ ${#filter[@]} -eq 0 ] && [ "$reported" -lt "$projects" ]; then
  echo "warning: only $reported of $projects test projects reported results" >&2
  [ "$failed" -gt 0 ] || failed=1
fi
echo
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
