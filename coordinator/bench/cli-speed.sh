#!/usr/bin/env bash
# CLI speed: wall time of `styxy --version` and `styxy list` through the launcher (bin/styxy)
# against a daemon on a temporary home; of `styxy daemon start` to READY on an empty home (then
# `daemon stop`: the CLI's own JVM, the detached daemon and the wait); and of the daemon process
# alone, `styxy daemon run` from exec to the first /status that says READY. Prints median and p90
# in milliseconds per case.
#
#   coordinator/bench/cli-speed.sh [RUNS] [STARTS]   defaults: 30, 5
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/daemon.sh"
root=$(cd "$here/../.." && pwd)
styxy=$root/coordinator/bin/styxy
runs=${1:-30}
starts=${2:-5}
[ -f "$root/coordinator/target/styxy.jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
export STYXY_HOME=$work/home
export STYXY_PORT=$(free_port 20000 "$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)")
unset STYXY_URL STYXY_DAEMON_PORT
cleanup() { "$styxy" daemon stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
# Prints "label: median X ms, p90 Y ms (N runs)" from the numbers on stdin.
stats() {
  sort -n | awk -v label="$1" '{v[NR]=$1} END {
    m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2
    p = v[int(NR * 0.9 + 0.999)]
    printf "%-28s median %5d ms   p90 %5d ms   (%d runs)\n", label, m, p, NR }'
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "archives: $(ls "$root"/coordinator/target/*.jsa 2>/dev/null | xargs -r -n1 basename | tr '\n' ' ')"
for i in $(seq 1 "$starts"); do
  rm -rf "$STYXY_HOME"
  ms "$styxy" daemon start
  "$styxy" daemon stop >/dev/null
done | stats "daemon start (empty home)"
# The daemon process alone: launched in the foreground as a service manager does, timed until
# /status says READY (polled every 10 ms), then stopped.
for i in $(seq 1 "$starts"); do
  rm -rf "$STYXY_HOME"
  t0=$(date +%s%N)
  "$styxy" daemon run >/dev/null 2>&1 &
  run_pid=$!
  until curl -fs "http://127.0.0.1:$STYXY_PORT/status" 2>/dev/null | grep -q '"state":"READY"'; do
    kill -0 "$run_pid" 2>/dev/null || { echo "daemon run exited early" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
  kill "$run_pid"; wait "$run_pid" 2>/dev/null || true
done | stats "daemon run to READY (empty)"
"$styxy" daemon start >/dev/null
"$styxy" allocate -s dev -n bench >/dev/null
for i in $(seq 1 "$runs"); do ms "$styxy" --version; done | stats "styxy --version"
for i in $(seq 1 "$runs"); do ms "$styxy" list; done | stats "styxy list"
for i in $(seq 1 "$runs"); do
  ms env STYXY_JAVA_OPTS="-Xshare:off" "$styxy" list
done | stats "styxy list, no archive"
