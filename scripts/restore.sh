#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a new database on the app's server.
#   scripts/restore.sh FILE.dump              into a new database erasmus_restored_YYYYmmdd_HHMMSS
#   scripts/restore.sh FILE.dump NAME         into a new database NAME
#   scripts/restore.sh FILE.dump NAME --replace   drops NAME first if it exists (stop the app first)
# The server and credentials are those of ConnectionStrings__Erasmus (its Database= is not touched),
# else run.sh's local cluster. Point ConnectionStrings__Erasmus at the restored database to use it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
source scripts/connection.sh

case "${1:-}" in
  ""|-h|--help) sed -n '2,7p' "$0"; [ -n "${1:-}" ]; exit $? ;;
esac
file=$1
name=${2:-erasmus_restored_$(date +%Y%m%d_%H%M%S)}
replace=false
[ "${3:-}" = "--replace" ] && replace=true
[ -f "$file" ] || die "no such backup: $file"
[[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database names here are lower-case letters, digits and _: $name"

pg_use_app_database
bin=$(pg_client_bin)
psql_server() { "$bin/psql" -X -v ON_ERROR_STOP=1 -d postgres -tA "$@"; }

"$bin/pg_restore" --list "$file" >/dev/null || die "$file is not a pg_dump custom-format backup"
if [ -n "$(psql_server -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" ]; then
  $replace || die "database $name exists; choose another name, or add --replace to drop it first"
  log "Dropping database $name"
  psql_server -c "DROP DATABASE $name WITH (FORCE)" >/dev/null
fi

log "Restoring $file into new database $name on $PGHOST:$PGPORT"
started=$(date +%s%N)
psql_server -c "CREATE DATABASE $name" >/dev/null
# Objects become the restoring role's, so a backup restores under another role too.
if ! "$bin/pg_restore" --no-owner --no-privileges --exit-on-error --dbname="$name" "$file"; then
  psql_server -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null || true
  die "restore failed; the half-restored database $name was dropped"
fi
elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
log "Restored into $name in ${elapsed} ms"
echo "$name"
