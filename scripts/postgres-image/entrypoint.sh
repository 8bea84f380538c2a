#!/bin/sh
# The entry point of the locally built PostgreSQL image (scripts/postgres-image/build.sh). It does
# what Testcontainers' PostgreSqlBuilder relies on in the official postgres image:
# - POSTGRES_USER (default postgres), POSTGRES_PASSWORD (required) and POSTGRES_DB (default: the
#   user) create the superuser and database on the first start; POSTGRES_INITDB_ARGS go to initdb;
# - arguments that start with "-" are options for postgres ("-c fsync=off");
# - the server listens on TCP only once the user and database exist, so that the readiness check
#   (pg_isready --host localhost) cannot pass during initialisation;
# - connections from outside the container need the password (scram-sha-256), local ones are trusted.
set -eu

if [ "${1#-}" != "$1" ]; then
  set -- postgres "$@"
fi

if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  # setpriv replaces this process (runuser would stay as PID 1 and not pass SIGINT on), so the
  # server is PID 1 and the engine's stop signal reaches it.
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  user=${POSTGRES_USER:-postgres}
  database=${POSTGRES_DB:-$user}
  password_file=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$password_file"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS holds several arguments, as in the official image
  initdb -D "$PGDATA" --username="$user" --pwfile="$password_file" --auth-local=trust --auth-host=trust ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$password_file"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  if [ "$database" != postgres ]; then
    # psql quotes the name (:"name") only in its input, not in -c.
    echo 'CREATE DATABASE :"name"' | psql -v ON_ERROR_STOP=1 -q --username="$user" --dbname=postgres --set=name="$database"
  fi
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "PostgreSQL init process complete; ready for start up."
fi

exec "$@"
