# Shared by the benchmark scripts (source it): pick a port, start the daemon, wait for it.

# A free loopback port in [low, high). Keep it below the kernel's ephemeral range: polling a port
# inside it before the daemon listens can make curl connect to itself and hold the port.
free_port() {
  python3 - "$1" "$2" <<'PY'
import random, socket, sys
low = int(sys.argv[1])
high = max(low + 1, int(sys.argv[2]))
for _ in range(200):
    p = random.randrange(low, high)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p)); print(p); break
    except OSError:
        pass
    finally:
        s.close()
PY
}

# Starts `daemon run` from $jar on $home and $port with the rate limit lifted (it would cap the
# run at 50 cycles/s), sets $pid, and returns once /status answers.
start_daemon() {
  STYXY_HOME="$home" STYXY_PORT="$port" java ${STYXY_JAVA_OPTS:-} \
    -Dstyxy.http.rate-limit-per-minute=1000000000 -jar "$jar" daemon run \
    >"$home/daemon.out" 2>&1 &
  pid=$!
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$port/status" 2>/dev/null | grep -q '"state":"READY"' && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$home/daemon.out" >&2; exit 1; }
    sleep 0.2
  done
  echo "daemon not ready after 30 s" >&2
  exit 1
}

# Writes $home/auth.header (mode 0600) for `curl -H @"$home/auth.header"`: the token goes from the
# daemon's auth.token to curl through files, never through a command line others can list.
auth_header() {
  (umask 077 && printf 'Authorization: Bearer %s\n' "$(cat "$home/auth.token")" >"$home/auth.header")
}

# For the scripts that need an allocation owner: makes a temporary $home and a free $port, starts
# $owner (a sleeping process, alive for the whole run) and, on exit, stops the daemon ($pid) and
# the owner and removes the home.
prepare_with_owner() {
  home=$(mktemp -d)
  port=$(free_port 15000 19999)
  sleep 36000 &
  owner=$!
  trap stop_with_owner EXIT
  trap 'exit 143' TERM INT  # so the EXIT trap also runs when the script is stopped
}
stop_with_owner() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  kill "$owner" 2>/dev/null || true
  rm -rf "$home"
}

# start_daemon with the launcher's JVM options (coordinator/bin/styxy-daemon.jvmopts under $root)
# and $EXTRA_JAVA_OPTS after them.
start_daemon_as_launched() {
  STYXY_JAVA_OPTS="@$root/coordinator/bin/styxy-daemon.jvmopts ${EXTRA_JAVA_OPTS:-}" start_daemon
}
