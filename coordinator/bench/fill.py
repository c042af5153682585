"""Fills a running daemon with COUNT live allocations of SERVICE_TYPE owned by OWNER_PID.

    python3 fill.py PORT TOKEN_FILE COUNT OWNER_PID SERVICE_TYPE

The token is read from TOKEN_FILE (the daemon's auth.token), never passed on a command line.
Prints progress every 2,000 allocations; exits non-zero on the first failed request.
"""
import http.client
import json
import sys

port, token_file, count, owner, service_type = sys.argv[1:6]
token = open(token_file).read().strip()
conn = http.client.HTTPConnection("127.0.0.1", int(port))
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
body = json.dumps({"service_type": service_type, "pid": int(owner)})
for i in range(int(count)):
    conn.request("POST", "/allocate", body, headers)
    resp = conn.getresponse()
    data = resp.read()
    if resp.status != 200:
        sys.exit("allocation %d failed: %d %s" % (i, resp.status, data[:200]))
    if (i + 1) % 2000 == 0:
        print("  %d allocated" % (i + 1), flush=True)
