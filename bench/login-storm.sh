#!/usr/bin/env bash
# Login storm (issue 12, item 2): bcrypt (cost 12, as in production) runs on the bounded
# password threads (PasswordWork), so a storm of logins must not starve other pages.
# With wrk on loopback against one server (fresh SQLite, demo data):
#   1. logins/s alone: POST /login with the right password (each a bcrypt verify, a
#      session row and an audit record), at 16 connections (inside the waiting line)
#      and at 100 (beyond it: the surplus is answered 503 + Retry-After at once);
#   2. /healthz and /conditions latency without a storm, then again while 16 and
#      while 100 connections keep logging in.
# Not a timed test: numbers go into README.md (Performance, "Login storm").
#
#   bench/login-storm.sh
#   BIN=path/to/title-review   default: the release build if there is one, else the debug build
#   PORT=8404 DURATION=15s WORK=/tmp/title-review-login-storm
#   PASSWORD_THREADS / PASSWORD_QUEUE are passed to the server (defaults: cores-1, 16 per thread)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8404}; DURATION=${DURATION:-15s}
WORK=${WORK:-/tmp/title-review-login-storm}
PASSWORD='Demo#2022pass'
command -v wrk >/dev/null || { echo "login-storm: wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
if [ -z "${BIN:-}" ]; then
  BIN=$(swift build -c release --show-bin-path 2>/dev/null)/title-review
  if [ ! -x "$BIN" ]; then BIN=$(swift build --show-bin-path)/title-review; BUILD=debug; else BUILD=release; fi
else
  BUILD=${BUILD:-given}
fi
BASE=http://127.0.0.1:$PORT
rm -rf "$WORK"; mkdir -p "$WORK"
SERVER_PID=""; STORM_PID=""
trap '[ -n "$STORM_PID" ] && kill "$STORM_PID" 2>/dev/null; [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true' EXIT

DATABASE_PATH="$WORK/db.sqlite" FILES_PATH="$WORK/files" DEMO_PASSWORD="$PASSWORD" BCRYPT_COST=12 \
  "$BIN" serve --demo --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 90); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$BASE/healthz" >/dev/null || { tail -n 30 "$WORK/server.log"; exit 1; }

# The login form's signed token and its cookie (no session row; reusable for the run).
JAR="$WORK/jar"
TOKEN=$(curl -fs -c "$JAR" "$BASE/login" | grep -o 'name="csrf" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')
NONCE=$(awk '$6 == "tr_csrf" { print $7 }' "$JAR")
[ -n "$TOKEN" ] && [ -n "$NONCE" ] || { echo "login-storm: no login token" >&2; exit 1; }
cat >"$WORK/login.lua" <<LUA
-- Every demo account with the right password, in turn; each POST is a full login.
local users = {"applicant1","applicant2","applicant3","applicant5","unit1","unit2","county1","countyhr1",
               "dept1","agency1","cityhr","office","expert1","expert2","admin"}
local i = 0
request = function()
  i = i + 1
  local body = "username=" .. users[(i % #users) + 1] .. "&password=Demo%232022pass&csrf=$TOKEN"
  return wrk.format("POST", "/login", {["Content-Type"] = "application/x-www-form-urlencoded",
                                       ["Cookie"] = "tr_csrf=$NONCE"}, body)
end
LUA
curl -fs -o /dev/null -w '' -b "tr_csrf=$NONCE" --data "username=applicant1&password=Demo%232022pass&csrf=$TOKEN" "$BASE/login" \
  || { echo "login-storm: a single login failed" >&2; exit 1; }

# run NAME THREADS CONNECTIONS PATH [wrk args...] -> one table row
row() {
  local name=$1 out=$2 rps p50 p99 total non
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  total=$(awk '/requests in/ { print $1 }' <<<"$out")
  non=$(awk '/Non-2xx or 3xx responses/ { print $5 }' <<<"$out")
  printf '| %s | %s | %s | %s | %s of %s |\n' "$name" "$rps" "$p50" "$p99" "${non:-0}" "$total"
}
logins() { wrk -t2 -c"$1" -d"$DURATION" --timeout 30s --latency -s "$WORK/login.lua" "$BASE/login"; }
page() { wrk -t1 -c10 -d"$DURATION" --latency "$BASE$1"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2/1048576 }' /proc/meminfo), $(uname -sr); $BUILD build; bcrypt cost 12;" \
     "password threads ${PASSWORD_THREADS:-cores-1}, line ${PASSWORD_QUEUE:-16 per thread}"
echo "| what | requests/s | p50 | p99 | non-2xx/3xx (503 busy) |"
echo "|---|---|---|---|---|"
row "logins alone, 16 connections" "$(logins 16)"
sleep 6 # the line drains
row "logins alone, 100 connections" "$(logins 100)"
sleep 6
row "/healthz alone, 10 connections" "$(page /healthz)"
row "/conditions alone, 10 connections" "$(page /conditions)"
# storm CONNECTIONS: pages measured while that many connections keep logging in. At 16 every
# login waits its turn for bcrypt (pure password work); at 100 most are refused 503 at once.
SECONDS_EACH=${DURATION%s}
storm() {
  wrk -t1 -c"$1" -d$((2 * SECONDS_EACH + 8))s --timeout 30s --latency -s "$WORK/login.lua" "$BASE/login" >"$WORK/storm-$1.txt" &
  STORM_PID=$!
  sleep 3
  row "/healthz during a $1-connection login storm" "$(page /healthz)"
  row "/conditions during the $1-connection storm" "$(page /conditions)"
  wait "$STORM_PID" || true; STORM_PID=""
  row "the $1-connection storm itself" "$(cat "$WORK/storm-$1.txt")"
  sleep 6 # the line drains
}
storm 16
storm 100
echo "server errors (500) in the log: $(grep -c ' 500 ' "$WORK/server.log" || true)"
