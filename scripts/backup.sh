#!/usr/bin/env bash
# Backs up the application's database with pg_dump in its custom format (compressed, restorable
# with scripts/restore.sh or pg_restore, table by table if need be).
#   scripts/backup.sh                 writes .data/backups/erasmus-YYYYmmdd-HHMMSS.dump
#   scripts/backup.sh DIR             writes DIR/erasmus-YYYYmmdd-HHMMSS.dump
#   scripts/backup.sh FILE.dump       writes FILE.dump
# The database is the one ConnectionStrings__Erasmus names, else run.sh's local one. The dump is a
# consistent snapshot taken while the app keeps running (pg_dump reads in one transaction).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
source scripts/connection.sh

case "${1:-}" in
  -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
esac

pg_use_app_database
bin=$(pg_client_bin)
target=${1:-.data/backups}
stamp=$(date +%Y%m%d-%H%M%S)
if [ -d "$target" ] || [[ "$target" != *.dump ]]; then
  mkdir -p "$target"
  file="$target/$PGDATABASE-$stamp.dump"
else
  mkdir -p "$(dirname "$target")"
  file=$target
fi

log "Backing up database $PGDATABASE on $PGHOST:$PGPORT"
started=$(date +%s%N)
# Written under a temporary name first, so a failed run never leaves a half file that looks like a backup.
"$bin/pg_dump" --format=custom --compress=6 --file="$file.partial" "$PGDATABASE"
mv "$file.partial" "$file"
elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
entries=$("$bin/pg_restore" --list "$file" | grep -c '^[0-9]' || true)
log "Backup written: $file ($(du -h "$file" | cut -f1), $entries entries, ${elapsed} ms)"
echo "$file"
