#!/usr/bin/env bash
# Shared by backup.sh and restore.sh: which PostgreSQL server and database to use, as libpq
# environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE), and the client programs.
# Source it after scripts/postgres.sh; do not run it.

# From ConnectionStrings__Erasmus (the app's own setting) when set; otherwise the project-local
# cluster that run.sh starts (port 55432, database erasmus).
pg_use_app_database() {
  local cs=${ConnectionStrings__Erasmus:-"Host=127.0.0.1;Port=55432;Database=erasmus;Username=$PG_ROLE;Password=$PG_PASSWORD"}
  local pair key value
  export PGHOST=127.0.0.1 PGPORT=5432 PGDATABASE=erasmus PGUSER=$PG_ROLE
  IFS=';' read -ra pairs <<<"$cs"
  for pair in "${pairs[@]}"; do
    [[ "$pair" == *=* ]] || continue
    key=$(printf '%s' "${pair%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')
    value=${pair#*=}
    value=${value#"${value%%[![:space:]]*}"}
    value=${value%"${value##*[![:space:]]}"}
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database|db) export PGDATABASE="$value" ;;
      username|userid|user) export PGUSER="$value" ;;
      password|pwd) export PGPASSWORD="$value" ;;
    esac
  done
  export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}
}

# The client programs: $ERASMUS_PG_BIN or $PG_BIN when set, else the newest installed server's.
pg_client_bin() {
  local dir=${ERASMUS_PG_BIN:-${PG_BIN:-}}
  if [ -z "$dir" ]; then
    dir=$(pg_bindir) || die "PostgreSQL client programs not found (apt-get install postgresql-client)"
  fi
  [ -x "$dir/pg_dump" ] || die "no pg_dump in $dir"
  echo "$dir"
}
