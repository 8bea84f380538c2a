#!/usr/bin/env bash
# Builds a PostgreSQL container image on this machine, for places where no image registry is
# reachable (docker.io/postgres cannot be pulled): a minimal Debian 12 made by debootstrap, Debian's
# postgresql-15, and an entry point that behaves like the official image's as far as Testcontainers'
# PostgreSqlBuilder needs (entrypoint.sh says what). docs/testing.md shows how the tests use it.
#   scripts/postgres-image/build.sh [IMAGE]     default localhost/erasmus-postgres:15
# Needs root, debootstrap, a Debian mirror (DEBIAN_MIRROR) and podman or docker (ENGINE).
# About a minute and 440 MB.
set -euo pipefail
image=${1:-localhost/erasmus-postgres:15}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
engine=${ENGINE:-$(command -v podman || command -v docker || true)}
here=$(cd "$(dirname "$0")" && pwd)

[ "$(id -u)" = 0 ] || { echo "error: debootstrap needs root" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "error: apt-get install debootstrap" >&2; exit 1; }
[ -n "$engine" ] || { echo "error: neither podman nor docker found" >&2; exit 1; }

root=$(mktemp -d /var/tmp/erasmus-postgres-image.XXXXXX)
log="$root.log"
trap 'rm -rf "$root" "$log"' EXIT
# The image's / gets this folder's mode: mktemp's 700 would shut every user but root out.
chmod 755 "$root"
failed() { tail -n 20 "$log" >&2; echo "error: $1 failed (above: the end of its log)" >&2; exit 1; }

echo "==> debootstrap bookworm into $root" >&2
debootstrap --variant=minbase bookworm "$root" "$mirror" >>"$log" 2>&1 || failed debootstrap

echo "==> installing postgresql-15" >&2
# No cluster from the package: the entry point creates one on the container's first start.
mkdir -p "$root/etc/postgresql-common"
echo "create_main_cluster = false" >"$root/etc/postgresql-common/createcluster.conf"
chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15 >>"$log" 2>&1 \
  || failed "apt-get install postgresql-15"
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/*
install -m 755 "$here/entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"

echo "==> importing as $image with $engine" >&2
tar -C "$root" -c . | "$engine" import \
  --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV PGDATA=/var/lib/postgresql/data' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENTRYPOINT ["docker-entrypoint.sh"]' \
  --change 'CMD ["postgres"]' \
  --change 'EXPOSE 5432' \
  --change 'STOPSIGNAL SIGINT' \
  - "$image" >>"$log" 2>&1 || failed "$engine import"
"$engine" image ls "$image"
