#!/usr/bin/env bash
# Fuzz harness: starts the daemon from the built jar (with the launcher's JVM options) on a
# temporary home, seeds it with a few allocations and instances, sends COUNT adversarial requests
# over raw sockets (FuzzRequests.java, seeded), and prints the status counts, the number of 5xx
# (target 0), error-shape violations, liveness failures and the state diff (target none).
# Exits 1 when any of them is not zero/none.
#
#   coordinator/bench/fuzz.sh [COUNT] [SEED]      defaults: 10000, 20261123
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/daemon.sh"
root=$(cd "$here/../.." && pwd)
jar=${STYXY_JAR:-$root/coordinator/target/styxy.jar}
count=${1:-10000}
seed=${2:-20261123}
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
prepare_with_owner
cat > "$home/config.json" <<JSON
{"service_types":{
  "web":{"description":"fuzz","preferred_ports":[],"port_range":[43000,43099]},
  "ai":{"description":"fuzz singleton","preferred_ports":[],"port_range":[43100,43109],
        "instance_behavior":"single"}}}
JSON
start_daemon_as_launched
auth_header
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "daemon pid $pid on 127.0.0.1:$port; $count requests, seed $seed"
# State the fuzzing must leave untouched: allocations (one owned by a live process) and instances.
python3 "$here/fill.py" "$port" "$home/auth.token" 5 "$owner" web
for i in 1 2 3; do
  curl -fs -H @"$home/auth.header" -H 'Content-Type: application/json' \
    -d "{\"instance_id\":\"seed-$i\",\"working_directory\":\"/tmp\"}" \
    "http://127.0.0.1:$port/instance/register" >/dev/null
done
classes=$(mktemp -d)
javac -d "$classes" "$here/FuzzHarness.java" "$here/FuzzRequests.java"
status=0
java -cp "$classes" FuzzHarness "$port" "$home/auth.token" "$count" "$seed" "$owner" || status=$?
rm -rf "$classes"
kill -0 "$pid" 2>/dev/null || { echo "the daemon died" >&2; exit 1; }
echo "daemon RSS after the run: $(awk '/VmRSS/{print $2" "$3}' /proc/$pid/status)"
exit "$status"
