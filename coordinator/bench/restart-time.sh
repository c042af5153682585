#!/usr/bin/env bash
# Restart-to-READY with a long journal: fills a daemon's journal with about EVENTS events
# (allocate+release cycles, two events each, plus LIVE allocations left live), stops it with
# SIGTERM, then starts it again several times on the same home and prints how long each start
# took until /status said READY (snapshots every styxy.registry.snapshot-every events bound the
# replay).
#
#   coordinator/bench/restart-time.sh [EVENTS] [LIVE] [STARTS]   defaults: 100000, 1000, 5
#
# The timed starts go through the launcher (coordinator/bin/styxy daemon run: its JVM options
# and class-data-sharing archive), as users start the daemon; STYXY_BENCH_PLAIN=1 times plain
# `java -jar styxy.jar daemon run` instead. STYXY_JAVA_OPTS is passed either way.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/daemon.sh"
root=$(cd "$here/../.." && pwd)
jar=${STYXY_JAR:-$root/coordinator/target/styxy.jar}
events=${1:-100000}
live=${2:-1000}
starts=${3:-5}
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
home=$(mktemp -d)
port=$(free_port 15000 19999)
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$home"; }
trap cleanup EXIT
cat > "$home/config.json" <<JSON
{"service_types":{"bench":{"description":"benchmark","preferred_ports":[],"port_range":[41000,41999]},
 "fill":{"description":"left live","preferred_ports":[],"port_range":[20000,29999]}}}
JSON
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
start_daemon
auth_header
echo "== writing about $events events"
python3 - "$port" "$home/auth.token" "$events" "$live" <<'PY'
import http.client, json, sys, threading
port, events, live = int(sys.argv[1]), int(sys.argv[3]), int(sys.argv[4])
token = open(sys.argv[2]).read().strip()
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
def call(conn, method, path, body=None):
    conn.request(method, path, body, headers)
    r = conn.getresponse(); data = r.read()
    if r.status != 200:
        sys.exit("%s %s: %d %s" % (method, path, r.status, data[:200]))
    return json.loads(data)
conn = http.client.HTTPConnection("127.0.0.1", port)
for i in range(live):
    call(conn, "POST", "/allocate", json.dumps({"service_type": "fill"}))
cycles = max(0, (events - live) // 2)
threads, per = 8, cycles // 8 + 1
def worker(n):
    c = http.client.HTTPConnection("127.0.0.1", port)
    for _ in range(n):
        lock = call(c, "POST", "/allocate", json.dumps({"service_type": "bench"}))["lock_id"]
        call(c, "DELETE", "/allocate/" + lock)
ts = [threading.Thread(target=worker, args=(per,)) for _ in range(threads)]
[t.start() for t in ts]; [t.join() for t in ts]
print("  %d events written" % (live + 2 * per * threads))
PY
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
echo "journal on disk: $(du -sh "$home/journal" | cut -f1)"
echo "timed starts: ${STYXY_BENCH_PLAIN:+plain java -jar}${STYXY_BENCH_PLAIN:-launcher bin/styxy}"
for i in $(seq 1 "$starts"); do
  t0=$(date +%s%N)
  if [ -n "${STYXY_BENCH_PLAIN:-}" ]; then
    STYXY_HOME="$home" STYXY_PORT="$port" java ${STYXY_JAVA_OPTS:-} -jar "$jar" daemon run \
      >>"$home/daemon.out" 2>&1 &
  else
    STYXY_HOME="$home" STYXY_PORT="$port" "$root/coordinator/bin/styxy" daemon run \
      >>"$home/daemon.out" 2>&1 &
  fi
  pid=$!
  until curl -fs "http://127.0.0.1:$port/status" 2>/dev/null | grep -q '"state":"READY"'; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$home/daemon.out" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  n=$(curl -fs -H @"$home/auth.header" "http://127.0.0.1:$port/status" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["allocations"])')
  echo "start $i: READY after $(( (t1 - t0) / 1000000 )) ms with $n live allocations"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
done
