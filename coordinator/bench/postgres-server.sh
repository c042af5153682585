#!/usr/bin/env bash
# A throwaway PostgreSQL server for the integration tests and the benchmarks. Installs Debian's
# postgresql package when no initdb is found (as root, or through sudo), creates a cluster in a
# temporary folder, starts it on a free loopback port (listen_addresses = 127.0.0.1), creates the
# role "styxy" (LOGIN, CREATEDB) with a random password and its database "styxy", and prints one
# line on stdout:
#
#   READY port=<port> user=styxy database=styxy password-file=<file, mode 0600>
#
# Then it waits until its standard input is closed, or it gets SIGINT/SIGTERM, and stops the
# server and removes every file it made. PostgreSQL refuses to run as root: as root the cluster
# belongs to the unprivileged "postgres" user that the package creates.
#
#   coordinator/bench/postgres-server.sh        (Ctrl-D or Ctrl-C stops it)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/daemon.sh"

say() { echo "postgres-server: $*" >&2; }

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

install_postgres() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      say "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and cannot be" \
        "installed without root or sudo: install the postgresql package, or skip the" \
        "PostgreSQL tests with -Dstyxy.it.postgres=false"
      exit 3
    fi
  fi
  say "installing Debian's postgresql package"
  "${sudo[@]}" apt-get update -qq >&2
  # No system cluster on 5432: only the throwaway clusters made here are wanted.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-common >&2
  "${sudo[@]}" sed -i 's/^#* *create_main_cluster.*/create_main_cluster = false/' \
    /etc/postgresql-common/createcluster.conf
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  install_postgres
  bin=$(find_bin)
fi
[ -x "$bin/initdb" ] || { say "no initdb after installing postgresql"; exit 3; }

# As root, run the server as "postgres"; otherwise as ourselves.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { say "no 'postgres' user to run the server as"; exit 3; }
  as_owner=(runuser -u postgres --)
fi

base=$(mktemp -d "${TMPDIR:-/tmp}/styxy-pg.XXXXXX")
data="$base/data"
secrets=$(mktemp -d "${TMPDIR:-/tmp}/styxy-pg-secret.XXXXXX")
chmod 755 "$base"
started=0
cleanup() {
  trap - EXIT INT TERM
  if [ "$started" = 1 ]; then
    "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$base" "$secrets"
}
trap cleanup EXIT
trap 'exit 143' INT TERM

mkdir "$data"
[ "$(id -u)" -eq 0 ] && chown postgres: "$data"
"${as_owner[@]}" "$bin/initdb" -D "$data" -U postgres --auth-local=trust \
  --auth-host=scram-sha-256 -E UTF8 --locale=C >"$base/initdb.log" 2>&1 \
  || { cat "$base/initdb.log" >&2; exit 1; }
port=$(free_port 20000 "$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)")
"${as_owner[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$data" start >&2 \
  || { cat "$data/server.log" >&2; exit 1; }
started=1

password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
umask 077
printf '%s\n' "$password" > "$secrets/password"
"${as_owner[@]}" "$bin/psql" -q -h "$data" -p "$port" -U postgres -d postgres \
  -v ON_ERROR_STOP=1 >&2 <<SQL
CREATE ROLE styxy LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE styxy OWNER styxy;
SQL

echo "READY port=$port user=styxy database=styxy password-file=$secrets/password"
say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data $data"
# Until whoever started us closes our stdin (or exits, which closes it too).
cat >/dev/null
