#!/usr/bin/env bash
# Allocate+release benchmark: starts the daemon from the built jar on a temporary home and a free
# loopback port (durable H2 journal on), drives it with 1, 16 and 64 keep-alive clients, prints
# cycles/s, p50, p99 and errors per client count, and stops the daemon.
#
#   coordinator/bench/allocate-release.sh [SECONDS] [CLIENTS...]
#   defaults: 15 s per client count after 5 s of warm-up; clients 1 16 64
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/daemon.sh"
root=$(cd "$here/../.." && pwd)
jar=${STYXY_JAR:-$root/coordinator/target/styxy.jar}
seconds=${1:-15}
shift || true
clients=("$@")
[ ${#clients[@]} -gt 0 ] || clients=(1 16 64)
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }

home=$(mktemp -d)
port=$(free_port 20000 "$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)")
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$home"; }
trap cleanup EXIT
# A service type with room for 64 concurrent holders that no outside process is likely to use.
cat > "$home/config.json" <<JSON
{"service_types":{"bench":{"description":"benchmark","preferred_ports":[],"port_range":[41000,41999]}}}
JSON
start_daemon
echo "daemon pid $pid on 127.0.0.1:$port, journal ${STYXY_JOURNAL:-h2}: $(grep -o "Journal: PostgreSQL at \[[^]]*\]" "$home/daemon.out" || echo "$home/journal (H2 file, WRITE_DELAY=0)")"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
java -Xss512k ${BENCH_JAVA_OPTS:-} "$here/AllocateReleaseBench.java" "http://127.0.0.1:$port" "$home/auth.token" \
  bench "$seconds" 5 "${clients[@]}"
echo "daemon RSS after run: $(awk '/VmRSS/{print $2" "$3}' /proc/$pid/status)"
