#!/usr/bin/env bash
# Process-level chaos harness: drives allocations and releases from several clients, kill -9s the
# daemon at random moments K times, restarts it on the same home each time, and checks that no
# acknowledged allocation was lost, no released one came back, no port is held twice, and the
# daemon answers READY. Exits 1 on any loss or duplicate.
#
#   coordinator/bench/chaos.sh [KILLS] [CLIENTS]      defaults: 20 kills, 8 clients
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/daemon.sh"
root=$(cd "$here/../.." && pwd)
jar=${STYXY_JAR:-$root/coordinator/target/styxy.jar}
kills=${1:-20}
clients=${2:-8}
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
home=$(mktemp -d)
port=$(free_port 15000 19999)
cleanup() {
  [ -f "$home/daemon.pid" ] && kill -9 "$(cat "$home/daemon.pid")" 2>/dev/null || true
  rm -rf "$home"
}
trap cleanup EXIT
echo "home $home, port $port, $kills kills, $clients clients"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
java "$here/ChaosHarness.java" "$jar" "$home" "$port" "$kills" "$clients"
