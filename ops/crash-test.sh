#!/usr/bin/env bash
# Crash safety (issue 12 item 4): start `title-review serve --demo`, run concurrent
# declaration saves, submissions and uploads (ops/crash_load.py), SIGKILL the server
# in the middle, restart it on the same database and files, then check that
#   - every acknowledged write is there (through the pages; the audit log has a
#     record for every acknowledged transition),
#   - `title-review audit verify` and `title-review consistency` exit 0,
#   - the temporary uploads the kill left were swept at start (on PostgreSQL only
#     those older than an hour: the script ages the remains by two hours and leaves
#     a young decoy that must survive).
# On SQLite it also checks that a second `serve` on the same file is refused and
# that `backup` works while the server runs.
#
# Usage: ops/crash-test.sh [sqlite] [postgres]
#   Default: sqlite, then postgres when DATABASE_URL is set. DATABASE_URL must name
#   an EMPTY database (the demo is loaded into it).
# Environment: BIN (default: the debug build's title-review), CRASH_WORK (work
#   directory, default a new one under /tmp, removed unless CRASH_KEEP=1),
#   CRASH_PORT (default 8301; +1 and +2 are used too), CRASH_OPS (writes, default
#   200), CRASH_KILL_AT (acknowledgements before the kill, default 100),
#   DEMO_PASSWORD, BCRYPT_COST (default 4: logins are not what is tested).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$(cd "$ROOT" && swift build --show-bin-path)/title-review}
PORT=${CRASH_PORT:-8301}
OPS=${CRASH_OPS:-200}
KILL_AT=${CRASH_KILL_AT:-100}
PASSWORD=${DEMO_PASSWORD:-Crash#2022pass}
export BCRYPT_COST=${BCRYPT_COST:-4}
PG_URL=${DATABASE_URL:-}
WORK=${CRASH_WORK:-$(mktemp -d /tmp/crash-test.XXXXXX)}
mkdir -p "$WORK"
SERVER_PID=""

[ -x "$BIN" ] || { echo "crash-test: no title-review binary at $BIN (swift build first)" >&2; exit 1; }
# A copy: a build running meanwhile must not replace the binary under the test.
cp "$BIN" "$WORK/title-review"
BIN="$WORK/title-review"

cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  [ "${CRASH_KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

STORE=""
DIR=""
fail() {
  echo "crash-test ($STORE): $*" >&2
  for log in "$DIR"/server*.log; do
    [ -f "$log" ] && { echo "--- last lines of $log" >&2; tail -n 15 "$log" >&2; }
  done
  exit 1
}

# The store's environment for every title-review command of this run: `env` runs the
# command in its own process (so a backgrounded server's $! is the server itself).
ENVCMD=()
set_store_env() {
  if [ "$STORE" = postgres ]; then
    ENVCMD=(env DATABASE_URL="$PG_URL" FILES_PATH="$DIR/files" DEMO_PASSWORD="$PASSWORD")
  else
    ENVCMD=(env -u DATABASE_URL DATABASE_PATH="$DIR/title-review.sqlite" FILES_PATH="$DIR/files" DEMO_PASSWORD="$PASSWORD")
  fi
}
run_env() { "${ENVCMD[@]}" "$@"; }

start_server() { # $1: port, $2: log
  "${ENVCMD[@]}" "$BIN" serve --demo --port "$1" >"$2" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited at start (see $2)"
    sleep 0.5
  done
  fail "the server did not answer /healthz within 60 s"
}

count_files() { [ -d "$1" ] && find "$1" -type f | wc -l || echo 0; }

crash_run() {
  STORE=$1
  DIR="$WORK/$STORE"
  rm -rf "$DIR"; mkdir -p "$DIR"
  set_store_env
  local port=$PORT base
  [ "$STORE" = postgres ] && port=$((PORT + 2))
  base="http://127.0.0.1:$port"
  echo "== crash test on $STORE"

  start_server "$port" "$DIR/server1.log"

  if [ "$STORE" = sqlite ]; then
    # SQLite serves one instance: a second server on the same file is refused at once.
    set +e
    run_env "$BIN" serve --port $((PORT + 1)) >"$DIR/second.out" 2>"$DIR/second.err"
    local second=$?
    set -e
    [ "$second" = 1 ] || fail "a second serve on the same SQLite file exited $second, expected 1"
    grep -q "another title-review server is already using" "$DIR/second.err" || fail "second serve: $(cat "$DIR/second.err")"
    [ "$(wc -l <"$DIR/second.err")" = 1 ] || fail "second serve wrote more than one line on stderr"
    echo "second serve refused: $(cat "$DIR/second.err")"
    # Batch commands run beside the server.
    run_env "$BIN" backup "$DIR/backup" >"$DIR/backup.out" 2>&1 || fail "backup while the server runs: $(cat "$DIR/backup.out")"
    echo "backup while serving: $(cat "$DIR/backup.out")"
  fi

  # The load; the driver sends SIGKILL once KILL_AT writes are acknowledged.
  python3 "$ROOT/ops/crash_load.py" load --base "$base" --password "$PASSWORD" --journal "$DIR/journal.json" \
    --ops "$OPS" --kill-at "$KILL_AT" --server-pid "$SERVER_PID" | tee "$DIR/load.out" || fail "the load did not complete"
  set +e
  wait "$SERVER_PID" # bash reports the job as "Killed": that is the point
  local status=$?
  set -e
  SERVER_PID=""
  [ "$status" = 137 ] || fail "the server ended with status $status, not by SIGKILL (137)"
  # A write the server failed on (500) is a bug, crash or not.
  if grep -q "unhandled error" "$DIR/server1.log"; then
    grep "unhandled error" "$DIR/server1.log" | head -n 3 >&2
    fail "the server answered writes with errors before the kill"
  fi
  local remains
  remains=$(count_files "$DIR/files/tmp")
  echo "killed (SIGKILL) mid-load: $remains temporary upload files left in tmp/"

  # Decoys: a young temporary file and a young stored file without a record.
  local orphan
  orphan=$(python3 -c 'import uuid; print(uuid.uuid4())')
  if [ "$STORE" = postgres ]; then
    # Other instances may be mid-upload on a shared database: only remains older than an
    # hour are swept. Age what the kill left by two hours; the young decoys must stay.
    find "$DIR/files" -type f -exec touch -d '2 hours ago' {} +
  fi
  mkdir -p "$DIR/files/tmp" "$DIR/files/${orphan:0:2}"
  echo decoy >"$DIR/files/tmp/decoy-young"
  echo decoy >"$DIR/files/${orphan:0:2}/$orphan"

  start_server "$port" "$DIR/server2.log"
  local sweep
  sweep=$(grep -o 'file sweep at start.*' "$DIR/server2.log" | head -n 1)
  [ -n "$sweep" ] || fail "no file sweep line in the restarted server's log"
  echo "$sweep"

  python3 "$ROOT/ops/crash_load.py" verify --base "$base" --password "$PASSWORD" --journal "$DIR/journal.json" \
    | tee "$DIR/verify.out" || fail "acknowledged writes are missing (see above)"

  local left
  left=$(count_files "$DIR/files/tmp")
  if [ "$STORE" = postgres ]; then
    [ "$left" = 1 ] && [ -f "$DIR/files/tmp/decoy-young" ] \
      || fail "tmp/ holds $left files after the sweep; expected only the young decoy"
    [ -f "$DIR/files/${orphan:0:2}/$orphan" ] || fail "the young unrecorded decoy was swept on a shared database"
    rm -f "$DIR/files/tmp/decoy-young" "$DIR/files/${orphan:0:2}/$orphan"
  else
    [ "$left" = 0 ] || fail "tmp/ still holds $left files after the sweep"
    [ -f "$DIR/files/orphaned/$orphan" ] || fail "the unrecorded decoy was not set aside in orphaned/"
  fi

  run_env "$BIN" audit verify >"$DIR/audit.out" 2>&1 || fail "audit verify: $(cat "$DIR/audit.out")"
  echo "$(cat "$DIR/audit.out")"
  run_env "$BIN" consistency >"$DIR/consistency.out" 2>&1 || { cat "$DIR/consistency.out" >&2; fail "consistency check failed"; }
  tail -n 1 "$DIR/consistency.out"

  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  if [ "$STORE" = sqlite ]; then
    # No server now (the lock is free): every temporary or unrecorded file would be a problem.
    run_env "$BIN" consistency >"$DIR/consistency-stopped.out" 2>&1 \
      || { cat "$DIR/consistency-stopped.out" >&2; fail "consistency check with the server stopped failed"; }
  fi
  echo "crash test on $STORE passed: $(sed -n 's/^load: //p' "$DIR/load.out"); $(sed -n 's/^verify: //p' "$DIR/verify.out")"
}

stores=("$@")
if [ ${#stores[@]} = 0 ]; then
  stores=(sqlite)
  [ -n "$PG_URL" ] && stores+=(postgres)
fi
for store in "${stores[@]}"; do
  case "$store" in
    sqlite) crash_run sqlite ;;
    postgres)
      [ -n "$PG_URL" ] || { echo "crash-test: postgres needs DATABASE_URL (an empty database)" >&2; exit 2; }
      crash_run postgres ;;
    *) echo "crash-test: unknown store \"$store\" (sqlite or postgres)" >&2; exit 2 ;;
  esac
done
