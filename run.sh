#!/usr/bin/env bash
# Runs Erasmus+ deltakelse with demo data and demo users on http://localhost:5080.
#   ./run.sh           start (a second run keeps the data)
#   ./run.sh --reset   recreate the demo database, then start
#   ./run.sh --stop    stop the project's PostgreSQL cluster
# Set ConnectionStrings__Erasmus to use your own PostgreSQL instead of the project-local cluster.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

PORT_DB=55432
URL=${ERASMUS_URL:-http://localhost:5080}
DB_NAME=erasmus
reset=false
case "${1:-}" in
  --stop) pg_stop erasmus-dev; exit 0 ;;
  --reset) reset=true ;;
  "") ;;
  -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
  *) die "unknown option '$1' (try --help)" ;;
esac

command -v dotnet >/dev/null || die "the .NET SDK is needed (https://dot.net)"
# dotnet-ef (pinned in .config/dotnet-tools.json) adds migrations; restored only when it is not yet.
if ! dotnet tool run dotnet-ef --version >/dev/null 2>&1; then
  log "Restoring the dotnet-ef tool"
  dotnet tool restore >/dev/null || log "dotnet tool restore failed; only adding migrations needs it"
fi

if [ -z "${ConnectionStrings__Erasmus:-}" ]; then
  pg_start erasmus-dev "$PORT_DB"
  if $reset; then
    log "Dropping database $DB_NAME"
    pg_psql postgres -qc "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)"
  fi
  pg_psql postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 \
    || { log "Creating database $DB_NAME"; pg_psql postgres -qc "CREATE DATABASE $DB_NAME OWNER $PG_ROLE"; }
  export ConnectionStrings__Erasmus
  ConnectionStrings__Erasmus=$(pg_connection_string "$DB_NAME")
fi

log "Building"
# The demo data tool builds the app with it; the app itself holds no demo data (decision 0012).
dotnet build src/Erasmus.DemoData -c Release -nologo -v q -clp:ErrorsOnly

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export ASPNETCORE_URLS=$URL
export DataFolder=${DataFolder:-$PWD/.data/app}
export Logging__File=${Logging__File:-$PWD/.data/logs/erasmus-.log}
export Database__MigrateOnStartup=true
export Database__SeedReferenceData=true

log "Migrating and seeding demo data and demo users (once per database)"
dotnet src/Erasmus.DemoData/bin/Release/net10.0/Erasmus.DemoData.dll

log "Starting the application"
# The young generation's size, as the Dockerfile sets it (decision 0021); the runtime reads it from the environment only.
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x4000000}"
dotnet src/Erasmus.Web/bin/Release/net10.0/Erasmus.Web.dll --contentRoot "$PWD/src/Erasmus.Web" &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; echo; log "Application stopped (the database keeps running; ./run.sh --stop stops it)"; exit 0' INT TERM

for _ in $(seq 1 180); do
  if curl -fs "$URL/health/ready" >/dev/null 2>&1; then break; fi
  kill -0 "$app" 2>/dev/null || { wait "$app"; die "the application exited during start-up"; }
  sleep 0.5
done

cat <<BANNER

  Erasmus+ deltakelse is running on $URL
  Demo sign-ins (password Erasmus-demo-2027):
    admin@demo.no           administrator
    analytiker@demo.no      analyst (HK-dir)
    koordinator.NN@demo.no  county coordinator, NN = county number (e.g. koordinator.46@demo.no, Vestland)
  Logs: .data/logs/   Stop: Ctrl-C   Stop the database: ./run.sh --stop   Fresh demo data: ./run.sh --reset

BANNER
wait "$app"
