#!/usr/bin/env bash
# Health-watcher load benchmark: starts the daemon from the built jar on a temporary home with
# watchers probing every 5 s, measures allocate+release latency on the idle daemon, fills it with
# N live allocations owned by a live process (one watcher each, probing PID + start time and the
# port), measures the daemon's CPU over a window, then measures allocate+release latency again.
#
#   coordinator/bench/health-watchers.sh [ALLOCATIONS] [CPU_SECONDS] [BENCH_SECONDS] [CLIENTS]
#   defaults: 10000 allocations, 60 s CPU window, 15 s latency runs, 16 clients
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/daemon.sh"
root=$(cd "$here/../.." && pwd)
jar=${STYXY_JAR:-$root/coordinator/target/styxy.jar}
count=${1:-10000}
cpu_seconds=${2:-60}
bench_seconds=${3:-15}
clients=${4:-16}
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
[ "$count" -le 12000 ] || { echo "at most 12000 allocations (the fill range)" >&2; exit 2; }

prepare_with_owner
# fill: room for 12,000 watched allocations; bench: the allocate+release cycles.
cat > "$home/config.json" <<JSON
{"service_types":{
  "fill":{"description":"watched allocations","preferred_ports":[],"port_range":[20000,31999]},
  "bench":{"description":"benchmark","preferred_ports":[],"port_range":[41000,41999]}},
 "recovery":{"health_monitoring":{"enabled":true,"check_interval_ms":5000,"max_failures":3}}}
JSON
start_daemon
auth_header
url="http://127.0.0.1:$port"
echo "daemon pid $pid on 127.0.0.1:$port; watchers probe every 5 s"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"

# CPU seconds the daemon used so far (user + system), from /proc/PID/stat.
cpu() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / t}' "/proc/$pid/stat"; }
cpu_window() {
  local before after
  before=$(cpu); sleep "$cpu_seconds"; after=$(cpu)
  awk -v a="$before" -v b="$after" -v s="$cpu_seconds" 'BEGIN {printf "%.1f", (b - a) / s * 100}'
}
latency() {
  java -Xss512k ${BENCH_JAVA_OPTS:-} "$here/AllocateReleaseBench.java" "$url" "$home/auth.token" bench \
    "$bench_seconds" 5 "$clients"
}

echo "== idle daemon (no live allocations)"
latency
echo "idle CPU: $(cpu_window)% of one core over ${cpu_seconds} s"

echo "== filling $count allocations owned by pid $owner"
start=$(date +%s.%N)
python3 "$here/fill.py" "$port" "$home/auth.token" "$count" "$owner" fill
echo "filled in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}') s"
curl -fs -H @"$home/auth.header" "$url/status" | python3 -c \
  'import json,sys; d=json.load(sys.stdin); print("live allocations:", d.get("allocations", d))'
sleep 6  # one full probe round before measuring
echo "== $count watched allocations"
echo "CPU with watchers: $(cpu_window)% of one core over ${cpu_seconds} s"
latency
released=$(grep -cE 'Released port .*\((owner_exited|port_abandoned|health_check_failed)\)' \
  "$home/daemon.out" || true)
echo "allocations released by the health layer during the run: $released (expected 0: owner alive)"
echo "daemon RSS after run: $(awk '/VmRSS/{print $2" "$3}' /proc/$pid/status)"
