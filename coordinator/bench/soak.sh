#!/usr/bin/env bash
# Soak test: starts the daemon from the built jar with the launcher's JVM options on a temporary
# home (health watchers every 2 s), drives it with SoakLoad.java's mixed load (allocate, release,
# lease renewals, instance heartbeats, checks, listings, leases left to expire, owners that exit)
# at a steady rate, and prints each minute's requests, failures, p50/p99 latency, the daemon's RSS
# and live allocations, then the RSS trend (MB/minute) and the p99 spread, and how many
# allocations the watchers and the lease sweep ended.
#
#   coordinator/bench/soak.sh [MINUTES] [RATE]      defaults: 10 minutes, 50 requests/s
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/daemon.sh"
root=$(cd "$here/../.." && pwd)
jar=${STYXY_JAR:-$root/coordinator/target/styxy.jar}
minutes=${1:-10}
rate=${2:-50}
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
prepare_with_owner
cat > "$home/config.json" <<JSON
{"service_types":{
  "soak":{"description":"soak","preferred_ports":[],"port_range":[20000,31999]}},
 "recovery":{"health_monitoring":{"enabled":true,"check_interval_ms":2000,"max_failures":2}}}
JSON
start_daemon_as_launched
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "JVM options: $(grep -v '^#' "$root/coordinator/bin/styxy-daemon.jvmopts" | tr '\n' ' ')${EXTRA_JAVA_OPTS:-}"
echo "daemon pid $pid on 127.0.0.1:$port; $minutes min at $rate requests/s"
java -Xss512k "$here/SoakLoad.java" "$port" "$home/auth.token" "$pid" "$minutes" "$rate" "$owner"
echo "allocations ended, by reason:"
grep -oE 'Released port \[[0-9]+\] of [a-z0-9-]+ \([a-z_]+\)' "$home/daemon.out" \
  | sed -E 's/.*\((.*)\)/\1/' | sort | uniq -c || true
grep -E 'OutOfMemoryError|ERROR' "$home/daemon.out" | head -5 || true
