#!/bin/sh
# Replays what existing Styxy clients send, byte for byte, and prints what their greps extract.
# The original's session-start hook, its tool-intercept hooks and its CLI's request shapes.
# Needs STYXY_URL and TOKEN; prints KEY=VALUE lines for the test to check.
set -e
auth="Authorization: Bearer $TOKEN"
json='Content-Type: application/json'
id="claude-code-$(date +%s)-$$"

# session-start.sh: register, then a heartbeat with an empty object
reg=$(curl -s -X POST -H "$auth" -H "$json" -d "{\"instance_id\":\"$id\",\"working_directory\":\"$PWD\",\"metadata\":{\"agent\":\"claude-code\",\"session_start\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"pid\":$$,\"features\":[\"cypress-integration\"]}}" "$STYXY_URL/instance/register")
echo "$reg" | grep -q '"success":true' && echo "REGISTERED=yes"
beat=$(curl -s -X PUT -H "$auth" -H "$json" -d '{}' "$STYXY_URL/instance/$id/heartbeat")
echo "$beat" | grep -q '"success":true' && echo "HEARTBEAT=yes"
curl -s "$STYXY_URL/status" | grep -q '"status":"running"' && echo "RUNNING=yes"

# tool-intercept hooks: allocate, then grep the port and the lock id out of the reply
reply=$(curl -s -X POST -H "$auth" -H "$json" -d "{\"service_type\":\"dev\",\"service_name\":\"hook-app\",\"instance_id\":\"$id\",\"project_path\":\"$PWD\"}" "$STYXY_URL/allocate")
port=$(echo "$reply" | grep -o '"port":[0-9]*' | head -1 | cut -d: -f2)
lock=$(echo "$reply" | grep -o '"lock_id":"[^"]*"' | cut -d'"' -f4)
echo "PORT=$port"
echo "LOCK=$lock"
echo "PORT_KEYS=$(curl -s -H "$auth" "$STYXY_URL/allocations" | grep -o '"port":' | wc -l | tr -d ' ')"

# the original CLI's shapes: check, scan, cleanup, release
curl -s -H "$auth" "$STYXY_URL/check/$port" | grep -q '"available":false' && echo "CHECK=held"
curl -s -H "$auth" "$STYXY_URL/scan?start=$port&end=$port" | grep -q "\"port\":$port" && echo "SCAN=found"
curl -s -X POST -H "$auth" -H "$json" -d '{"force":false}' "$STYXY_URL/cleanup" | grep -q '"success":true' && echo "CLEANUP=ok"
curl -s -X DELETE -H "$auth" "$STYXY_URL/allocate/$lock" | grep -q '"success":true' && echo "RELEASED=yes"
echo "PORT_KEYS_AFTER=$(curl -s -H "$auth" "$STYXY_URL/allocations" | grep -o '"port":' | wc -l | tr -d ' ')"
