#!/usr/bin/env python3
"""Crash-safety load for title-review (issue 12 item 4), standard library only.

  crash_load.py load   --base URL --password PW --journal FILE --ops 200 --kill-at 100 --server-pid PID
  crash_load.py verify --base URL --password PW --journal FILE

`load` signs in as demo applicants and runs concurrent writes against a
`serve --demo` server: declaration saves (工作报告), uploads of small valid
PDFs, and the applicant's transitions (withdraw, sign the commitment, submit).
Every request is journaled as sent, then as acknowledged (the server answered
with its success redirect) or refused. When `--kill-at` writes have been
acknowledged, it sends SIGKILL to the server while the other threads are still
writing; whatever they had in flight is "in flight": it may or may not have
been committed.

`verify` runs against the restarted server and checks, through the pages,
that every acknowledged write is there: each uploaded file is listed under its
name, each declaration shows the last acknowledged text (or the one in flight
after it), each application is in the state its last acknowledged transition
left (or the one in flight), and the audit log holds a record for every
acknowledged transition. It exits 1 with one line per failure.
"""
import argparse
import html
import http.cookiejar
import json
import os
import re
import signal
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pdf_fixture  # ops/pdf_fixture.py, beside this script
import uuid

# Demo applicants with a declaration in draft: saves and uploads.
DRAFTS = ["applicant1", "applicant5"]
# Demo applicants whose declaration is submitted (or returned): withdraw, edit, sign, submit, again.
CYCLERS = ["applicant3", "applicant6", "applicant7", "applicant17"]
UPLOADERS_PER_DRAFT = 3
# Slots that take a PDF without naming a declaration item (第五类、第九类).
UPLOAD_SLOTS = ["category5", "category9"]

# What the commitment page offers tells the state: withdraw (submitted), submit (a
# signed draft or a returned declaration), or the commitment form (unsigned draft).
AFTER = {"withdraw": "unsigned", "save": "unsigned", "sign": "signed", "submit": "submitted"}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One signed-in browser: its own cookies and CSRF token."""

    def __init__(self, base, username, password, timeout=30):
        self.base, self.username, self.timeout = base, username, timeout
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)
        self.csrf = None
        status, body, headers = self.get("/login")
        status, _, headers = self.post("/login", {"username": username, "password": password})
        if status != 303 or "/login" in (headers.get("Location") or ""):
            raise RuntimeError("login failed for %s (HTTP %s)" % (username, status))
        self.get("/home")

    def _open(self, request):
        try:
            response = self.opener.open(request, timeout=self.timeout)
            status, body, headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, body, headers = error.code, error.read(), error.headers
        text = body.decode("utf-8", "replace")
        token = re.search(r'name="csrf" value="([^"]+)"', text)
        if token:
            self.csrf = token.group(1)
        return status, text, headers

    def get(self, path):
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path, form):
        fields = dict(form)
        if self.csrf:
            fields["csrf"] = self.csrf
        return self._open(urllib.request.Request(self.base + path, data=urllib.parse.urlencode(fields).encode()))

    def upload(self, path, fields, filename, content):
        boundary = "crash" + uuid.uuid4().hex
        parts = []
        # The token first, as the page's form sends it, then the fields, then the file.
        for name, value in [("csrf", self.csrf or "")] + list(fields.items()):
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                          % (boundary, name, value)).encode())
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                      "Content-Type: application/pdf\r\n\r\n" % (boundary, filename)).encode() + content + b"\r\n")
        parts.append(("--%s--\r\n" % boundary).encode())
        request = urllib.request.Request(self.base + path, data=b"".join(parts), headers={
            "Content-Type": "multipart/form-data; boundary=" + boundary})
        return self._open(request)


def application_id(client):
    """The applicant's one declaration: /applications redirects to it."""
    status, _, headers = client.get("/applications")
    match = re.search(r"/applications/([0-9A-Fa-f-]{36})", headers.get("Location") or "")
    if status != 303 or not match:
        raise RuntimeError("%s has no declaration (HTTP %s)" % (client.username, status))
    return match.group(1)


def commitment_state(client, app):
    status, text, _ = client.get("/applications/%s/commitment" % app)
    if status != 200:
        raise RuntimeError("commitment page of %s: HTTP %s" % (app, status))
    if "/applications/%s/withdraw" % app in text:
        return "submitted"
    if "/applications/%s/submit" % app in text:
        return "signed"
    return "unsigned"


def pdf(marker):
    """A small valid one-page PDF (pdfinfo reads it) carrying `marker` in its text."""
    stream = ("BT /F1 12 Tf 72 720 Td (%s) Tj ET" % marker).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return pdf_fixture.assemble(objects)


class Journal:
    """Every write: sent, then ack / refused / in flight (no answer: the server died)."""

    def __init__(self, kill_at, server_pid):
        self.lock = threading.Lock()
        self.entries = []
        self.acked = 0
        self.sent = 0
        self.kill_at, self.server_pid = kill_at, server_pid
        self.killed_at = None
        self.stop = threading.Event()

    def begin(self, **entry):
        with self.lock:
            entry.update(id=len(self.entries), status="sent", sent=time.time())
            self.entries.append(entry)
            self.sent += 1
            return entry

    def finish(self, entry, status, detail=""):
        kill = False
        with self.lock:
            entry["status"], entry["detail"] = status, detail
            if status == "ack":
                self.acked += 1
                if self.acked == self.kill_at and self.server_pid:
                    kill = True
        if kill:
            # In the middle: the other threads have writes in flight right now.
            os.kill(self.server_pid, signal.SIGKILL)
            self.killed_at = time.time()

    def take_budget(self, budget):
        with self.lock:
            return self.sent < budget and not self.stop.is_set()


def run_write(journal, entry, call):
    """Runs one write; a connection error means the server is gone: the write is in flight."""
    try:
        status, text, headers = call()
    except Exception as error:  # refused connection, reset, timeout: no answer
        journal.finish(entry, "inflight", type(error).__name__)
        journal.stop.set()
        return None
    return status, text, headers


def saver(journal, client, app, budget, name):
    n = 0
    while journal.take_budget(budget):
        n += 1
        marker = "崩溃测试 %s %s" % (name, uuid.uuid4().hex[:12])
        value = marker
        entry = journal.begin(op="save", user=client.username, app=app, value=value, marker=marker)
        answer = run_write(journal, entry, lambda: client.post("/applications/%s/report" % app, {"workReport": value}))
        if answer is None:
            return
        status, _, headers = answer
        ok = status == 303 and "/report" in (headers.get("Location") or "")
        journal.finish(entry, "ack" if ok else "refused", "HTTP %s" % status)


def uploader(journal, client, app, budget, name):
    n = 0
    while journal.take_budget(budget):
        n += 1
        filename = "crash-%s.pdf" % uuid.uuid4().hex[:12]
        slot = UPLOAD_SLOTS[n % len(UPLOAD_SLOTS)]
        entry = journal.begin(op="upload", user=client.username, app=app, name=filename, slot=slot)
        answer = run_write(journal, entry, lambda: client.upload(
            "/applications/%s/files" % app, {"slot": slot, "label": "崩溃测试材料", "itemID": ""}, filename, pdf(filename)))
        if answer is None:
            return
        status, _, headers = answer
        ok = status == 303 and "done=uploaded" in (headers.get("Location") or "")
        journal.finish(entry, "ack" if ok else "refused", "HTTP %s" % status)


# A complete 专业技术工作报告 (a submission needs at least 300 characters, Checklist).
REPORT = ("本人自参加工作以来一直从事本专业技术工作，主持和参与了多项工程项目的设计、施工与技术管理，"
          "负责技术方案编制、现场技术指导和质量控制，解决了生产中的多项关键技术问题，"
          "取得了较好的经济效益和社会效益。") * 4
# A declaration's cycle: each write is followed by the next one.
NEXT = {"withdraw": "save", "save": "sign", "sign": "submit", "submit": "withdraw"}
FIRST = {"submitted": "withdraw", "unsigned": "save", "signed": "submit"}


def cycler(journal, client, app, budget):
    """One writer per declaration, so its final state is exactly known: withdraw, save, sign, submit."""
    op = FIRST[commitment_state(client, app)]
    while journal.take_budget(budget):
        value = marker = None
        if op == "withdraw":
            path, form = "withdraw", {}
        elif op == "save":
            marker = "崩溃测试 %s %s" % (client.username, uuid.uuid4().hex[:12])
            value = "%s\n\n（%s）" % (REPORT, marker)
            path, form = "report", {"workReport": value}
        elif op == "sign":
            path, form = "commitment", {"agree": "1"}
        else:
            path, form = "submit", {"acknowledgeIneligible": "1"}
        entry = journal.begin(op=op, user=client.username, app=app, value=value, marker=marker, cycle=True)
        answer = run_write(journal, entry, lambda: client.post("/applications/%s/%s" % (app, path), form))
        if answer is None:
            return
        status, _, headers = answer
        location = headers.get("Location") or ""
        ok = status == 303 and ("/report" in location if op == "save" else "/commitment" in location)
        journal.finish(entry, "ack" if ok else "refused", "HTTP %s" % status)
        # Refused (it should not be): read the state again and carry on from there.
        try:
            op = NEXT[op] if ok else FIRST[commitment_state(client, app)]
        except Exception:  # the server is gone
            journal.stop.set()
            return


def load(args):
    journal = Journal(args.kill_at, args.server_pid)
    threads = []
    clients = {}
    for username in DRAFTS:
        saver_client = Client(args.base, username, args.password)
        app = application_id(saver_client)
        clients[username] = app
        threads.append(threading.Thread(target=saver, args=(journal, saver_client, app, args.ops, username)))
        for i in range(UPLOADERS_PER_DRAFT):
            threads.append(threading.Thread(target=uploader, args=(journal, Client(args.base, username, args.password),
                                                                    app, args.ops, "%s-%d" % (username, i))))
    for username in CYCLERS:
        client = Client(args.base, username, args.password)
        app = application_id(client)
        clients[username] = app
        threads.append(threading.Thread(target=cycler, args=(journal, client, app, args.ops)))
    started = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    counts = {}
    for e in journal.entries:
        counts.setdefault(e["op"], {}).setdefault(e["status"], 0)
        counts[e["op"]][e["status"]] += 1
    summary = {"applications": clients, "threads": len(threads), "sent": journal.sent, "acked": journal.acked,
               "killed": journal.killed_at is not None, "seconds": round(time.time() - started, 2), "by_op": counts}
    with open(args.journal, "w") as f:
        json.dump({"summary": summary, "entries": journal.entries}, f, ensure_ascii=False, indent=1)
    inflight = sum(1 for e in journal.entries if e["status"] == "inflight")
    print("load: %d writes sent by %d threads, %d acknowledged, %d refused, %d in flight at the kill%s"
          % (journal.sent, len(threads), journal.acked,
             sum(1 for e in journal.entries if e["status"] == "refused"), inflight,
             "" if journal.killed_at else " (server NOT killed: fewer acknowledgements than --kill-at)"))
    if not journal.killed_at and args.server_pid:
        return 1
    return 0


MARKER = re.compile(r"崩溃测试 [a-z0-9-]+ [0-9a-f]{12}")


def report_markers(client, app):
    """The save markers the declaration's report page shows (editable or read-only)."""
    status, text, _ = client.get("/applications/%s/report" % app)
    if status != 200:
        raise RuntimeError("report page of %s: HTTP %s" % (app, status))
    return set(MARKER.findall(html.unescape(text)))


def audit_count(client, actor, action):
    query = urllib.parse.urlencode({"actor": actor, "action": action, "outcome": "success"})
    status, text, _ = client.get("/admin/audit?" + query)
    if status != 200:
        raise RuntimeError("audit page: HTTP %s" % status)
    match = re.search(r"共(\d+)条", text)
    return int(match.group(1)) if match else 0


def verify(args):
    with open(args.journal) as f:
        data = json.load(f)
    entries = data["entries"]
    failures = []
    checked = 0
    tally = {"uploads": 0, "transitions": 0, "saves": 0, "superseded": 0}
    by_app = {}
    for e in entries:
        by_app.setdefault((e["user"], e["app"]), []).append(e)
    for (username, app), writes in sorted(by_app.items()):
        client = Client(args.base, username, args.password)
        # Uploads: every acknowledged file is listed; nothing is listed that was never sent.
        uploads = [e for e in writes if e["op"] == "upload"]
        if uploads:
            status, page, _ = client.get("/applications/%s/files" % app)
            listed = set(re.findall(r"crash-[0-9a-f]{12}\.pdf", page))
            sent = {e["name"] for e in uploads}
            for e in uploads:
                if e["status"] == "ack":
                    checked += 1
                    tally["uploads"] += 1
                    if e["name"] not in listed:
                        failures.append("%s: acknowledged upload %s is not listed" % (username, e["name"]))
            for name in sorted(listed - sent):
                failures.append("%s: file %s is listed but was never sent" % (username, name))
            for e in uploads:
                if e["status"] == "refused" and e["name"] in listed:
                    failures.append("%s: refused upload %s is listed" % (username, e["name"]))
        # Saves: the last acknowledged text, or a text sent after it that was in flight.
        saves = [e for e in writes if e["op"] == "save" and e["status"] in ("ack", "inflight")]
        acked = [e for e in saves if e["status"] == "ack"]
        if acked:
            # Only the last acknowledged text can show; the earlier ones were replaced by it.
            checked += 1
            tally["saves"] += 1
            tally["superseded"] += len(acked) - 1
            last = acked[-1]
            allowed = {last["marker"]} | {e["marker"] for e in saves if e["status"] == "inflight" and e["id"] > last["id"]}
            shown = report_markers(client, app)
            if len(shown) != 1 or not shown <= allowed:
                failures.append("%s: report shows %s, expected the last acknowledged save %r"
                                % (username, " and ".join(sorted(shown)) or "no saved text", last["marker"]))
        # Transitions: the state the last acknowledged write left, or the one in flight after it.
        cycle = [e for e in writes if e.get("cycle") and e["status"] in ("ack", "inflight")]
        cycle_acked = [e for e in cycle if e["status"] == "ack"]
        if cycle_acked:
            transitions = sum(1 for e in cycle_acked if e["op"] != "save")
            checked += transitions
            tally["transitions"] += transitions
            last = cycle_acked[-1]
            allowed = {AFTER[last["op"]]} | {AFTER[e["op"]] for e in cycle if e["status"] == "inflight" and e["id"] > last["id"]}
            state = commitment_state(client, app)
            if state not in allowed:
                failures.append("%s: declaration is %s, expected %s after the last acknowledged %s"
                                % (username, state, " or ".join(sorted(allowed)), last["op"]))
    # The audit log holds a record for every acknowledged transition (and no more than were sent).
    admin = Client(args.base, "admin", args.password)
    for username in sorted({e["user"] for e in entries if e.get("cycle")}):
        for op in ("withdraw", "submit"):
            mine = [e for e in entries if e["user"] == username and e["op"] == op]
            acked = sum(1 for e in mine if e["status"] == "ack")
            possible = acked + sum(1 for e in mine if e["status"] == "inflight")
            found = audit_count(admin, username, "application." + op)
            if not acked <= found <= possible:
                failures.append("%s: %d audit records application.%s, expected %d acknowledged (at most %d with those in flight)"
                                % (username, found, op, acked, possible))
    for line in failures[:50]:
        print(line)
    if failures:
        print("verify: %d of %d acknowledged writes checked, %d failures" % (checked, data["summary"]["acked"], len(failures)))
        return 1
    print("verify: %d of %d acknowledged writes checked, all there: %d uploads listed, %d transitions (audit records and final "
          "states), the last acknowledged save of %d declarations (%d earlier saves replaced by later ones)"
          % (checked, data["summary"]["acked"], tally["uploads"], tally["transitions"], tally["saves"], tally["superseded"]))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["load", "verify"])
    parser.add_argument("--base", required=True)
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", ""))
    parser.add_argument("--journal", required=True)
    parser.add_argument("--ops", type=int, default=200, help="writes to send at most")
    parser.add_argument("--kill-at", type=int, default=100, help="SIGKILL the server after this many acknowledgements")
    parser.add_argument("--server-pid", type=int, default=0)
    args = parser.parse_args()
    try:
        return load(args) if args.mode == "load" else verify(args)
    except RuntimeError as error:
        print("%s: %s" % (args.mode, error))
        return 1


if __name__ == "__main__":
    sys.exit(main())
