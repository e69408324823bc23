#!/usr/bin/env bash
# Page speed on loopback with wrk (issue 12, item 2): for each size, a fresh SQLite
# database seeded by `title-review seed`, one server, then wrk on
#   /livez                   answered before every middleware: Vapor and NIO alone, the ceiling,
#   /healthz                 every middleware and one small query,
#   /conditions              the public conditions page,
#   /applications/<id>      an applicant's overview with its live self-check,
#   /reviews                 a county bureau's and the committee office's queue pages,
#   /committee/panels, /committee/meetings, /committee/results, /committee/quantitative
#                            the office's committee pages (issue 18, item 1),
#   /expert/panels           an expert's panels (seed-expert-001),
#   /results, /verify/CODE   the public result publicity and a certificate's check page
#                            (CODE: the first of the office's platform.json),
# all in the same run. Not a timed test: numbers go into README.md (Performance).
#
#   bench/run.sh [SIZES...]          default: 3000 100000
#   BIN=path/to/title-review         default: a release build (swift build -c release)
#   THREADS=2 CONNECTIONS=50 DURATION=15s RUNS=3 PORT=8195 WORK=/tmp/title-review-bench
#                                  (each page RUNS times; the median run is printed)
#   PG=postgres://USER@HOST:PORT   on PostgreSQL instead: one database per size
#                                  (title_review_bench_<size>), created and seeded when missing
#   CACHE="on off"                 the whole-page cache on (the default PAGE_CACHE_BYTES), then off
#                                  (PAGE_CACHE_BYTES=0: every page rendered from the database);
#                                  wrk asks one address per session, so "on" is the repeat view
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@"); [ ${#SIZES[@]} -eq 0 ] && SIZES=(3000 100000)
CACHE=${CACHE:-on off}
THREADS=${THREADS:-2}; CONNECTIONS=${CONNECTIONS:-50}; DURATION=${DURATION:-15s}; PORT=${PORT:-8195}; RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/title-review-bench}
PASSWORD=${PASSWORD:-'Bench#2022pass'}
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
if [ -z "${BIN:-}" ]; then
  swift build -c release --product title-review >&2
  BIN=$(swift build -c release --show-bin-path)/title-review
fi
BASE=http://127.0.0.1:$PORT
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true' EXIT

# login USER -> prints the session cookie value
login() {
  local jar="$WORK/cookies.$1" token
  rm -f "$jar"
  token=$(curl -fs -c "$jar" -b "$jar" "$BASE/login" | grep -o 'name="csrf" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=$1" --data-urlencode "password=$PASSWORD" \
       --data-urlencode "csrf=$token" "$BASE/login"
  awk '$6 == "tr_session" { print $7 }' "$jar"
}

measure() { # NAME PATH [COOKIE]: RUNS runs of wrk, the median run by requests/s
  local out runs=() line
  for _ in $(seq 1 "$RUNS"); do
    if [ -n "${3:-}" ]; then
      out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: tr_session=$3" "$BASE$2")
    else
      out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE$2")
    fi
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    errors=$(awk '/Non-2xx or 3xx responses/ { print $5 }' <<<"$out")
    runs+=("$rps $p50 $p99 ${errors:-0}")
  done
  # The median run by requests/s, with its own latencies; the range of requests/s beside it.
  line=$(printf '%s\n' "${runs[@]}" | sort -n -k1,1 | awk -v n="$RUNS" 'NR == int((n + 1) / 2)')
  local range
  range=$(printf '%s\n' "${runs[@]}" | sort -n -k1,1 | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }')
  read -r rps p50 p99 errors <<<"$line"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$SIZE" "$MODE" "$1" "$rps" "$range" "$p50" "$p99" "$errors"
}

if [ -n "${PG:-}" ]; then echo "database: PostgreSQL $(psql "$PG/postgres" -tAc 'SHOW server_version')"; else echo "database: SQLite"; fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2/1048576 }' /proc/meminfo), $(uname -sr); wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
echo "| applications | page cache | page | requests/s (median of $RUNS) | range | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|---|---|"
for SIZE in "${SIZES[@]}"; do
  if [ -n "${PG:-}" ]; then
    DIR="$WORK/pg-$SIZE"; DB="title_review_bench_$SIZE"
    export DATABASE_URL="$PG/$DB?sslmode=disable"
    if ! psql "$PG/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
      rm -rf "$DIR"; mkdir -p "$DIR"
      psql -q "$PG/postgres" -c "CREATE DATABASE $DB"
      FILES_PATH="$DIR/files" "$BIN" seed --applications "$SIZE" --password "$PASSWORD" >"$DIR/seed.txt" 2>"$DIR/seed.log"
      grep "^seeded" "$DIR/seed.txt" >&2 || true
    fi
  else
    DIR="$WORK/$SIZE"
    export DATABASE_PATH="$DIR/db.sqlite"
    if [ ! -f "$DIR/db.sqlite" ]; then
      rm -rf "$DIR"; mkdir -p "$DIR"
      FILES_PATH="$DIR/files" "$BIN" seed --applications "$SIZE" --password "$PASSWORD" >"$DIR/seed.txt" 2>"$DIR/seed.log"
      grep "^seeded" "$DIR/seed.txt" >&2 || true
    fi
  fi
  for MODE in $CACHE; do
  if [ "$MODE" = off ]; then export PAGE_CACHE_BYTES=0; else unset PAGE_CACHE_BYTES; fi
  FILES_PATH="$DIR/files" "$BIN" serve --port "$PORT" >"$DIR/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 60); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs "$BASE/healthz" >/dev/null 2>&1 || { echo "bench: the server did not start:" >&2; tail -n 5 "$DIR/server.log" >&2; exit 1; }
  APPLICANT=$(login seed-a000001)
  CLERK=$(login seed-county-140403)
  OFFICE=$(login seed-office)
  OVERVIEW=$(curl -fs -o /dev/null -w '%{redirect_url}' -H "Cookie: tr_session=$APPLICANT" "$BASE/applications" | sed "s#^$BASE##")
  measure /livez /livez
  measure /healthz /healthz
  measure /conditions /conditions
  measure "overview ${OVERVIEW:0:22}…" "$OVERVIEW" "$APPLICANT"
  measure "/reviews (seed-county-140403)" /reviews "$CLERK"
  measure "/reviews?page=2" "/reviews?page=2" "$CLERK"
  measure "/reviews (seed-office, intake)" /reviews "$OFFICE"
  EXPERT=$(login seed-expert-001)
  CODE=$(curl -fs -H "Cookie: tr_session=$OFFICE" "$BASE/committee/exports/platform.json" \
         | grep -o '"verificationCode" : "[^"]*"' | sed -n '1{s/.*: "//; s/"$//; p}' || true)
  measure /committee/panels /committee/panels "$OFFICE"
  measure /committee/meetings /committee/meetings "$OFFICE"
  measure /committee/results /committee/results "$OFFICE"
  measure /committee/quantitative /committee/quantitative "$OFFICE"
  measure "/expert/panels (seed-expert-001)" /expert/panels "$EXPERT"
  measure /results /results
  if [ -n "$CODE" ]; then measure "/verify/CODE" "/verify/$CODE"; else echo "bench: no certificate in platform.json" >&2; fi
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  done
done
