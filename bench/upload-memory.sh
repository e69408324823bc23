#!/usr/bin/env bash
# Upload memory (issue 12, item 7): N concurrent uploads of a valid PDF just under the
# 20 MB limit through the real upload form, as the demo applicant applicant1, while the
# server's resident memory is sampled from /proc/PID/status every 50 ms. Target: the
# peak stays under 300 MB. Not a timed test: the numbers go into README.md (Performance).
#
#   bench/upload-memory.sh
#   BIN=path/to/title-review   default: the release build if there is one, else the debug build
#   UPLOADS=20 SIZE_MB=19.9 PORT=8403 WORK=/tmp/title-review-upload-memory
#   DATABASE_URL=...           PostgreSQL instead of a fresh SQLite file
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
UPLOADS=${UPLOADS:-20}; SIZE_MB=${SIZE_MB:-19.9}; PORT=${PORT:-8403}
WORK=${WORK:-/tmp/title-review-upload-memory}
PASSWORD='Demo#2022pass'
if [ -z "${BIN:-}" ]; then
  BIN=$(swift build -c release --show-bin-path 2>/dev/null)/title-review
  if [ ! -x "$BIN" ]; then BIN=$(swift build --show-bin-path)/title-review; BUILD=debug; else BUILD=release; fi
else
  BUILD=${BUILD:-given}
fi
rm -rf "$WORK"; mkdir -p "$WORK"
SERVER_PID=""; SAMPLER_PID=""
trap '[ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null; [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true' EXIT

[ -n "${DATABASE_URL:-}" ] || export DATABASE_PATH="$WORK/db.sqlite"
FILES_PATH="$WORK/files" DEMO_PASSWORD="$PASSWORD" "$BIN" serve --demo --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 90); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { tail -n 30 "$WORK/server.log"; exit 1; }
sleep 2
(
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    awk '/VmRSS/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || true
    sleep 0.05
  done
) >"$WORK/rss.kb" &
SAMPLER_PID=$!

RC=0
python3 - "$PORT" "$PASSWORD" "$UPLOADS" "$SIZE_MB" "$SERVER_PID" "$WORK" <<'PY' || RC=$?
import sys, threading, time
sys.path.insert(0, "deploy")
import two_instances
from two_instances import login, application_of, make_pdf, upload, message_of
two_instances.TIMEOUT = 1800  # the last of 20 waits for 4 permits at a time (a debug build is slow)

port, password, n, size_mb, pid, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
base = "http://127.0.0.1:%s" % port

def rss_kb():
    for line in open("/proc/%s/status" % pid):
        if line.startswith("VmRSS"):
            return int(line.split()[1])

# Warm up: one login and one small upload, so the baseline includes a served upload.
client = login(base, "applicant1", password)
application = application_of(client, base)
status, location, body = upload(client, base, application, make_pdf(b"warm-up", 1024), "warmup.pdf")
assert status == 303, (status, message_of(body))
time.sleep(1)
baseline = rss_kb()
target = int(size_mb * 1024 * 1024)
pdf = make_pdf(b"upload-memory", 0)
pdf = make_pdf(b"upload-memory", target - len(pdf))
results = [None] * n
barrier = threading.Barrier(n)
def one(i):
    barrier.wait()
    t0 = time.time()
    try:
        status, location, body = upload(client, base, application, pdf, "证书%02d.pdf" % i)
        results[i] = (status, time.time() - t0, "" if status == 303 else message_of(body))
    except Exception as error:
        results[i] = (0, time.time() - t0, str(error))
start = time.time()
threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.time() - start
ok = sum(1 for r in results if r[0] == 303)
print("uploads: %d x %.1f MB (%d bytes, valid PDF) at once as applicant1; %d stored (303), wall %.1f s, slowest %.1f s"
      % (n, len(pdf) / 1048576, len(pdf), ok, elapsed, max(r[1] for r in results)))
for r in results:
    if r[0] != 303: print("  refused: %s %s" % (r[0], r[2]))
open(work + "/baseline.kb", "w").write(str(baseline))
sys.exit(0 if ok == n else 1)
PY
sleep 0.3
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
BASE_KB=$(cat "$WORK/baseline.kb")
PEAK_KB=$(sort -n "$WORK/rss.kb" | tail -n 1)
HWM_KB=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2/1048576 }' /proc/meminfo); $BUILD build; UPLOAD_CONCURRENCY=${UPLOAD_CONCURRENCY:-4 (default)}"
printf 'resident memory: before %d MB, peak during the uploads %d MB (VmHWM since start %d MB); target < 300 MB\n' \
  $((BASE_KB / 1024)) $((PEAK_KB / 1024)) $((HWM_KB / 1024))
[ "$RC" -eq 0 ] || exit "$RC"
[ $((PEAK_KB / 1024)) -lt 300 ] || { echo "upload-memory: peak over 300 MB" >&2; exit 1; }
