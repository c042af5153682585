#!/usr/bin/env bash
# The allocate+release benchmark on both journals in one run: first the embedded H2 file, then a
# PostgreSQL database on a throwaway local server (postgres-server.sh: installed when missing,
# loopback port, temporary data folder, removed afterwards). Same daemon, same harness, same
# client counts; prints each run's cycles/s, p50, p99 and errors under a heading.
#
#   coordinator/bench/allocate-release-postgres.sh [SECONDS] [CLIENTS...]
#   defaults: 15 s per client count after 5 s of warm-up; clients 1 16 64
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

echo "=== journal: h2 (embedded file) ==="
STYXY_JOURNAL=h2 "$here/allocate-release.sh" "$@"

exec {to_server}> >(exec "$here/postgres-server.sh" > "${TMPDIR:-/tmp}/styxy-bench-pg.$$" 2>&2)
server_pid=$!
# Closing our end of the pipe stops the server and removes its files.
trap 'exec {to_server}>&-; wait "$server_pid" 2>/dev/null || true; rm -f "${TMPDIR:-/tmp}/styxy-bench-pg.$$"' EXIT
ready=""
for _ in $(seq 1 600); do
  ready=$(grep -m1 '^READY ' "${TMPDIR:-/tmp}/styxy-bench-pg.$$" 2>/dev/null || true)
  [ -n "$ready" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "PostgreSQL server did not start" >&2; exit 1; }
  sleep 0.5
done
[ -n "$ready" ] || { echo "PostgreSQL server not ready after 5 minutes" >&2; exit 1; }
pg_port=$(sed 's/.*port=\([0-9]*\).*/\1/' <<<"$ready")
pg_password_file=$(sed 's/.*password-file=\([^ ]*\).*/\1/' <<<"$ready")

echo
echo "=== journal: postgres (local server on 127.0.0.1:$pg_port, same machine) ==="
STYXY_JOURNAL=postgres STYXY_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$pg_port/styxy" \
  STYXY_POSTGRES_USER=styxy STYXY_POSTGRES_PASSWORD_FILE="$pg_password_file" \
  "$here/allocate-release.sh" "$@"
