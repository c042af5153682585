#!/usr/bin/env bash
# Dashboard benchmark: starts the daemon from the built jar on a temporary home and a free
# loopback port, makes COUNT allocations, opens the dashboard in Debian's headless Chromium
# (apt-get install chromium chromium-driver) and prints the page's load time and, per allocated
# and released event, the time from the event's arrival to the DOM updated and to the next frame.
#
#   coordinator/bench/dashboard.sh [COUNT] [SAMPLES]     defaults: 500 allocations, 50 samples
# Asks Maven for the test classpath (Selenium's jars) on each run; no test runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/daemon.sh"
root=$(cd "$here/../.." && pwd)
jar=${STYXY_JAR:-$root/coordinator/target/styxy.jar}
count=${1:-500}
samples=${2:-50}
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
  || { echo "needs /usr/bin/chromium and /usr/bin/chromedriver (chromium, chromium-driver)" >&2; exit 1; }

home=$(mktemp -d)
port=$(free_port 20000 "$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)")
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$home"; }
trap cleanup EXIT
# Selenium's jars from the test classpath (-am: the sibling modules come from this build, not from
# an installed copy; each module writes the file in turn, the coordinator last).
(cd "$root" && mvn -B -q dependency:build-classpath -pl coordinator -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$home/classpath.txt" >/dev/null)
cat > "$home/config.json" <<JSON
{"service_types":{"bench":{"description":"benchmark","preferred_ports":[],"port_range":[41000,41999]}}}
JSON
start_daemon
echo "daemon pid $pid on 127.0.0.1:$port; $(chromium --version 2>/dev/null)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
java -cp "$(cat "$home/classpath.txt")" "$here/DashboardBench.java" "http://127.0.0.1:$port" \
  "$home/auth.token" bench "$count" "$samples" "${DASHBOARD_PNG:-$root/coordinator/target/dashboard-500.png}"
