#!/usr/bin/env bash
# Shared bootstrap for run.sh and test.sh: make sure PostgreSQL is installed, and start a
# project-local cluster on a chosen port. Works as root (the server then runs as the `postgres`
# OS user, as PostgreSQL requires) and as a normal user. Source it; do not run it.

ERASMUS_ROOT="${ERASMUS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
PG_ROLE=erasmus
PG_PASSWORD=erasmus

log() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# Installs Debian packages when a command is missing (root, or a user with sudo).
apt_install() {
  local packages=("$@")
  if is_root; then
    if [ -z "${ERASMUS_APT_UPDATED:-}" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
      export ERASMUS_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
  else
    die "please install: ${packages[*]} (apt-get install ${packages[*]})"
  fi
}

# The newest PostgreSQL server binaries on the machine (Debian keeps them out of PATH).
pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
  return 1
}

pg_ensure_installed() {
  if ! pg_bindir >/dev/null; then
    log "PostgreSQL not found; installing Debian's postgresql"
    apt_install postgresql postgresql-contrib
  fi
  PG_BIN=$(pg_bindir) || die "PostgreSQL server binaries not found after install"
  export PG_BIN
}

# Runs a command as the OS user that owns the cluster.
as_pg() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Where a cluster named $1 lives: under the git-ignored .data/ of the checkout, unless the
# `postgres` user cannot reach that folder (a checkout under /root), then under /var/tmp.
pg_cluster_dir() {
  local name=$1 dir="$ERASMUS_ROOT/.data/$name"
  if is_root; then
    mkdir -p "$ERASMUS_ROOT/.data"
    if ! runuser -u postgres -- test -x "$ERASMUS_ROOT/.data" 2>/dev/null; then
      local hash
      hash=$(printf '%s' "$ERASMUS_ROOT" | sha1sum | cut -c1-10)
      dir="/var/tmp/erasmus-$hash/$name"
    fi
  fi
  echo "$dir"
}

# pg_start NAME PORT [server options]: initialises the cluster once, starts it if it is not
# running, and makes sure the application role exists. Idempotent.
pg_start() {
  local name=$1 port=$2 options=${3:-}
  pg_ensure_installed
  local dir
  dir=$(pg_cluster_dir "$name")
  PG_DATA="$dir/data"
  export PG_DATA
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "Creating PostgreSQL cluster '$name' in $dir"
    mkdir -p "$dir"
    if is_root; then chown postgres:postgres "$dir"; fi
    # Loopback only, trust authentication: a private development cluster, never a server.
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
      || die "initdb failed"
  fi
  if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "PostgreSQL '$name' already running on port $port"
  elif "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
    # Another checkout (a git worktree) of this project already serves this port: share it.
    log "PostgreSQL already answers on port $port (another checkout's cluster); using it"
  else
    log "Starting PostgreSQL '$name' on port $port"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200 $options" start >/dev/null \
      || { tail -n 20 "$dir/server.log" >&2; die "PostgreSQL did not start (log: $dir/server.log)"; }
  fi
  PG_PORT=$port
  export PG_PORT
  pg_psql postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'" | grep -q 1 \
    || pg_psql postgres -qc "CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
  # Tests drop their databases WITH (FORCE); that may have to end an autovacuum worker.
  pg_psql postgres -qc "GRANT pg_signal_backend TO $PG_ROLE" >/dev/null
}

pg_stop() {
  local name=$1
  pg_ensure_installed
  local dir
  dir=$(pg_cluster_dir "$name")
  if [ -f "$dir/data/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    log "PostgreSQL '$name' stopped"
  else
    log "PostgreSQL '$name' is not running"
  fi
}

# psql as the cluster's superuser over loopback: pg_psql DATABASE [psql args]
pg_psql() {
  local db=$1; shift
  PGCONNECT_TIMEOUT=10 psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" -v ON_ERROR_STOP=1 "$@"
}

pg_connection_string() {
  local db=$1
  echo "Host=127.0.0.1;Port=$PG_PORT;Database=$db;Username=$PG_ROLE;Password=$PG_PASSWORD"
}
