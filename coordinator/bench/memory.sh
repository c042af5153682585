#!/usr/bin/env bash
# Memory benchmark: starts the daemon from the built jar with the launcher's JVM options
# (coordinator/bin/styxy-daemon.jvmopts, or the file given) on a temporary home with health
# watching on (every 5 s), and prints its resident set size (RSS) idle, then with 1,000 and with
# 10,000 live watched allocations owned by a live process, plus heap use, GC counts and the
# allocate+release latency at 10,000 (a heap too small shows up as GC time and a high p99).
#
#   coordinator/bench/memory.sh [JVMOPTS_FILE] [SETTLE_SECONDS]    defaults: the launcher's, 20
# EXTRA_JAVA_OPTS adds options after the file's (e.g. a class-data-sharing archive to compare).
# Targets: idle <= 150 MB, 10,000 allocations <= 300 MB.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/daemon.sh"
root=$(cd "$here/../.." && pwd)
jar=${STYXY_JAR:-$root/coordinator/target/styxy.jar}
opts=$(cd "$(dirname "${1:-$root/coordinator/bin/styxy-daemon.jvmopts}")" && pwd)/$(basename \
  "${1:-$root/coordinator/bin/styxy-daemon.jvmopts}")
settle=${2:-20}
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
[ -f "$opts" ] || { echo "no JVM options file $opts" >&2; exit 1; }

prepare_with_owner
cat > "$home/config.json" <<JSON
{"service_types":{
  "fill":{"description":"watched allocations","preferred_ports":[],"port_range":[20000,31999]},
  "bench":{"description":"benchmark","preferred_ports":[],"port_range":[41000,41999]}},
 "recovery":{"health_monitoring":{"enabled":true,"check_interval_ms":5000,"max_failures":3}}}
JSON
STYXY_JAVA_OPTS="@$opts ${EXTRA_JAVA_OPTS:-}" start_daemon
auth_header
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "JVM options ($opts): $(grep -v '^#' "$opts" | tr '\n' ' ')${EXTRA_JAVA_OPTS:-}"
echo "daemon pid $pid on 127.0.0.1:$port; watchers probe every 5 s"

mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
measure() {
  sleep "$settle"
  local rss hwm
  rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  hwm=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
  printf '%-26s RSS %4s MB (peak %4s MB)' "$1" "$(mb "$rss")" "$(mb "$hwm")"
  # Heap used/capacity and GC counts/seconds (young, full) from jstat, in MB.
  jstat -gc "$pid" | awk 'NR==2 {printf "  heap %.0f/%.0f MB  metaspace %.0f MB  young GCs %d (%.2f s)  full GCs %d (%.2f s)\n",
    ($3+$4+$6+$8)/1024, ($1+$2+$5+$7)/1024, $10/1024, $13, $14, $15, $16}'
}
count() {
  curl -fs -H @"$home/auth.header" "http://127.0.0.1:$port/status" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["allocations"])'
}

measure "idle"
python3 "$here/fill.py" "$port" "$home/auth.token" 1000 "$owner" fill
measure "1,000 watched ($(count))"
python3 "$here/fill.py" "$port" "$home/auth.token" 9000 "$owner" fill
measure "10,000 watched ($(count))"
echo "== allocate+release latency with 10,000 watched allocations"
java -Xss512k ${BENCH_JAVA_OPTS:-} "$here/AllocateReleaseBench.java" "http://127.0.0.1:$port" \
  "$home/auth.token" bench 10 3 8
measure "after the latency run"
released=$(grep -cE 'Released port .*\((owner_exited|port_abandoned|health_check_failed)\)' \
  "$home/daemon.out" || true)
echo "allocations released by the health layer: $released (expected 0: owner alive)"
grep -E 'Released port .*\((owner_exited|port_abandoned|health_check_failed)\)' "$home/daemon.out" \
  | head -3 || true
grep -E 'OutOfMemoryError|GC overhead' "$home/daemon.out" && { echo "out of memory" >&2; exit 1; }
exit 0
