#!/usr/bin/env bash
# Serves podman's Docker-compatible API on a private socket, so that the tests' container path
# (Testcontainers) runs on a machine without Docker. docs/testing.md shows the whole sequence.
#   eval "$(scripts/postgres-image/podman-api.sh start)"   # prints the DOCKER_HOST=... to export
#   scripts/postgres-image/podman-api.sh stop              # stops it and removes test containers
# The settings are this script's own (CONTAINERS_CONF), not the machine's: runc as the runtime,
# and soft = hard open-file and process limits, which runc must be able to set in a sandbox.
set -euo pipefail
dir=${ERASMUS_PODMAN_DIR:-/run/erasmus-podman}
socket="$dir/podman.sock"

case "${1:-}" in
  start)
    command -v podman >/dev/null || { echo "error: apt-get install podman runc" >&2; exit 1; }
    mkdir -p "$dir"
    files=$(ulimit -Hn)
    cat >"$dir/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$files:$files", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "podman API already serves $socket" >&2
    else
      rm -f "$socket"
      CONTAINERS_CONF="$dir/containers.conf" nohup podman system service --time=0 "unix://$socket" >"$dir/service.log" 2>&1 &
      echo $! >"$dir/pid"
      for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.2; done
      [ -S "$socket" ] || { cat "$dir/service.log" >&2; exit 1; }
      echo "podman API serves $socket (pid $(cat "$dir/pid"))" >&2
    fi
    echo "export DOCKER_HOST=unix://$socket TESTCONTAINERS_RYUK_DISABLED=true"
    ;;
  stop)
    # Containers a killed test run left behind (Testcontainers labels its own).
    podman ps -aq --filter label=org.testcontainers=true | xargs -r podman rm -f >/dev/null
    if [ -f "$dir/pid" ]; then
      kill "$(cat "$dir/pid")" 2>/dev/null || true
      rm -f "$dir/pid"
    fi
    rm -f "$socket"
    echo "podman API stopped" >&2
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
