#!/usr/bin/env bash
# Two `title-review serve --demo` instances on one PostgreSQL with nginx in front
# (issue 12, item 3); deploy/two_instances.py runs the checks (shared sessions, one
# transition fired through both at once, uploads across instances, all through nginx).
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/EMPTY_DB?sslmode=disable deploy/test-two-instances.sh
#
# DATABASE_URL must name an empty database (the demo data is loaded into it).
#   BIN=path/to/title-review   default: the debug build (swift build --show-bin-path)
#   PORT_A=8401 PORT_B=8402 PORT_NGINX=8480 WORK=/tmp/title-review-two-instances
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
fail() { echo "test-two-instances: $*" >&2; exit 1; }
[ -n "${DATABASE_URL:-}" ] || fail "DATABASE_URL is not set (an empty PostgreSQL database)"
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) fail "DATABASE_URL must be a PostgreSQL URL (SQLite is single-instance)";; esac
command -v nginx >/dev/null || fail "nginx is not installed (apt-get install -y nginx-light)"
BIN=${BIN:-$(swift build --show-bin-path)/title-review}
[ -x "$BIN" ] || fail "no title-review binary at $BIN (swift build first)"
PORT_A=${PORT_A:-8401}; PORT_B=${PORT_B:-8402}; PORT_NGINX=${PORT_NGINX:-8480}
WORK=${WORK:-/tmp/title-review-two-instances}
PASSWORD='Demo#2022pass'
rm -rf "$WORK"; mkdir -p "$WORK/files" "$WORK/nginx/logs"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

healthy() { # PORT LOG
  for _ in $(seq 1 90); do
    curl -fs "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    sleep 1
  done
  tail -n 30 "$2" >&2
  fail "nothing healthy on port $1 after 90 s"
}

# One FILES_PATH for both: on several machines this is a shared mount (deploy/README.md).
export DATABASE_URL FILES_PATH="$WORK/files" DEMO_PASSWORD="$PASSWORD" TRUSTED_PROXIES=127.0.0.1
echo "== instance A on :$PORT_A (loads the demo data)"
"$BIN" serve --demo --port "$PORT_A" >"$WORK/a.log" 2>&1 &
PIDS+=($!)
healthy "$PORT_A" "$WORK/a.log"
# Started only once A is up: --demo on a database that has the demo only resets the
# demo accounts' password (to the same DEMO_PASSWORD); nothing is loaded twice.
echo "== instance B on :$PORT_B (same database, same files)"
"$BIN" serve --demo --port "$PORT_B" >"$WORK/b.log" 2>&1 &
PIDS+=($!)
healthy "$PORT_B" "$WORK/b.log"

echo "== nginx on :$PORT_NGINX"
# deploy/nginx.conf with this run's ports and paths (the lines marked "test: rewritten").
# Workers run as the caller (as root, nginx would switch them to nobody, who may not
# reach a private WORK directory for its temp files).
if [ "$(id -u)" -eq 0 ]; then USER_LINE="user root root;"; else USER_LINE="# user: the caller"; fi
sed -e "s|^user .*|$USER_LINE|" \
    -e "s|^pid .*|pid $WORK/nginx/nginx.pid;|" \
    -e "s|^error_log .*|error_log $WORK/nginx/logs/error.log warn;|" \
    -e "s|access_log /var/log/nginx/[^;]*;|access_log $WORK/nginx/logs/access.log;|" \
    -e "s|server 127.0.0.1:8081 |server 127.0.0.1:$PORT_A |" \
    -e "s|server 127.0.0.1:8082 |server 127.0.0.1:$PORT_B |" \
    -e "s|listen 80;|listen 127.0.0.1:$PORT_NGINX;|" \
    -e "s|^http {|http {\n    client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy;\n    fastcgi_temp_path $WORK/nginx/fastcgi; uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;|" \
    deploy/nginx.conf >"$WORK/nginx/nginx.conf"
grep -q "127.0.0.1:$PORT_A " "$WORK/nginx/nginx.conf" && grep -q "listen 127.0.0.1:$PORT_NGINX;" "$WORK/nginx/nginx.conf" \
  || fail "deploy/nginx.conf no longer has the lines this test rewrites"
nginx -t -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' 2>"$WORK/nginx/test.log" \
  || { cat "$WORK/nginx/test.log" >&2; fail "nginx refused the configuration"; }
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' 2>>"$WORK/nginx/logs/error.log" &
PIDS+=($!)
healthy "$PORT_NGINX" "$WORK/nginx/logs/error.log"

echo "== checks"
if ! python3 "$ROOT/deploy/two_instances.py" --a "http://127.0.0.1:$PORT_A" --b "http://127.0.0.1:$PORT_B" \
       --proxy "http://127.0.0.1:$PORT_NGINX" --password "$PASSWORD" --database-url "$DATABASE_URL"; then
  echo "-- instance A log (last lines)" >&2; tail -n 20 "$WORK/a.log" >&2
  echo "-- instance B log (last lines)" >&2; tail -n 20 "$WORK/b.log" >&2
  echo "-- nginx error log" >&2; tail -n 20 "$WORK/nginx/logs/error.log" >&2
  exit 1
fi
# Both instances served requests, and no request ended in a 500.
for name in a b; do
  grep -q "POST /applications/" "$WORK/$name.log" || fail "instance ${name^^} served no POST to an application (nginx sent all to one?)"
done
! grep -E '" 5[0-9][0-9] ' "$WORK/nginx/logs/access.log" >/dev/null || fail "nginx logged a 5xx answer"
echo "test-two-instances: passed"
