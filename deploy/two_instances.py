#!/usr/bin/env python3
"""Two `title-review serve` instances on one PostgreSQL, with nginx in front (issue 12, item 3).

Run by deploy/test-two-instances.sh, which starts the servers; this checks, through
instance A, instance B and nginx:

  1. sessions are shared: signed in through one, the same cookie works through the others;
  2. the same workflow transition fired through two instances at the same moment takes
     effect exactly once, and the other request gets a clear Chinese message (not a 500);
  3. a file uploaded through one instance downloads, byte for byte, through the others
     (FILES_PATH is one directory all instances share).

Standard library only. Usage:
  two_instances.py --a http://127.0.0.1:8401 --b http://127.0.0.1:8402 --proxy http://127.0.0.1:8480 \
                   --password PASSWORD [--database-url URL]
Exits 1 with a message naming the failed check.
"""
import argparse
import os
import hashlib
import http.client
import re
import subprocess
import sys
import threading
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ops"))
import pdf_fixture  # noqa: E402  (ops/pdf_fixture.py, shared with the crash test)

TIMEOUT = 120


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


class Client:
    """One browser: a cookie jar shared by every instance it talks to (sessions are in the database)."""

    def __init__(self, cookies=None):
        self.cookies = cookies if cookies is not None else {}

    def connect(self, base):
        parts = urllib.parse.urlsplit(base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
        conn.connect()
        return conn

    def send(self, conn, method, path, body=None, headers=None):
        """Sends on an open connection (so a race can connect first and send together)."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                if val:
                    self.cookies[key.strip()] = val.strip()
                else:
                    self.cookies.pop(key.strip(), None)
        conn.close()
        return response.status, dict((k.lower(), v) for k, v in response.getheaders()), data

    def request(self, base, method, path, body=None, headers=None):
        return self.send(self.connect(base), method, path, body, headers)

    def get(self, base, path):
        return self.request(base, "GET", path)

    def post_form(self, base, path, form):
        body = urllib.parse.urlencode(form).encode()
        return self.request(base, "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})


def csrf_of(html):
    found = re.search(rb'name="csrf" value="([^"]+)"', html)
    check(found is not None, "no CSRF token on the page")
    return found.group(1).decode()


def login(base, username, password, client=None):
    client = client or Client()
    status, _, page = client.get(base, "/login")
    check(status == 200, "GET /login on %s answered %d" % (base, status))
    status, headers, body = client.post_form(base, "/login",
                                             {"username": username, "password": password, "csrf": csrf_of(page)})
    check(status == 303 and headers.get("location", "").endswith("/home"),
          "login as %s through %s: %d %s %s" % (username, base, status, headers.get("location"), message_of(body)))
    return client


def message_of(html):
    """The page's message for the user: the alert box, else the error page's paragraph."""
    text = html.decode("utf-8", "replace")
    for pattern in (r'role="alert"[^>]*>(.*?)</div>', r'class="panel error-page"[^>]*>(.*?)</section>',
                    r"<main[^>]*>(.*?)</main>"):
        found = re.search(pattern, text, re.S)
        if found:
            return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()[:300]
    return text[:200]


def has_chinese(text):
    return re.search(r"[\u4e00-\u9fff]", text) is not None


# --- a valid PDF of any size -------------------------------------------------------------------

def make_pdf(marker, pad_bytes=0):
    """A one-page PDF (poppler reads it) with an unreferenced stream of `pad_bytes` to reach a size."""
    content = b"0 0 m 100 100 l S"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % (pad_bytes + len(marker)) + marker + b"\0" * pad_bytes + b"\nendstream",
    ]
    return pdf_fixture.assemble(objects)


def multipart(fields, file_field, filename, content):
    """A multipart/form-data body in the order the upload form sends it: token first, file last."""
    boundary = "----tr" + uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                      % (boundary, name, value)).encode())
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                  "Content-Type: application/pdf\r\n\r\n" % (boundary, file_field, filename)).encode())
    parts.append(content)
    parts.append(("\r\n--%s--\r\n" % boundary).encode())
    return "multipart/form-data; boundary=" + boundary, b"".join(parts)


def application_of(client, base):
    """The signed-in applicant's application id (GET /applications redirects to it)."""
    status, headers, _ = client.get(base, "/applications")
    found = re.search(r"/applications/([0-9A-Fa-f-]{36})", headers.get("location", ""))
    check(status == 303 and found, "GET /applications through %s: %d %s" % (base, status, headers.get("location")))
    return found.group(1)


def file_ids(client, base, application):
    status, _, page = client.get(base, "/applications/%s/files" % application)
    check(status == 200, "materials page through %s: %d" % (base, status))
    return set(re.findall(r'/applications/%s/files/([0-9A-Fa-f-]{36})"' % application, page.decode(), re.I))


def upload(client, base, application, content, name, slot="category3", label="毕业证书"):
    """Uploads through the real form; returns (status, location, body)."""
    _, _, page = client.get(base, "/applications/%s/files" % application)
    content_type, body = multipart([("csrf", csrf_of(page)), ("slot", slot), ("label", label)], "file", name, content)
    status, headers, data = client.request(base, "POST", "/applications/%s/files" % application, body,
                                           {"Content-Type": content_type})
    return status, headers.get("location", ""), data


# --- the checks ------------------------------------------------------------------------------

def sessions_are_shared(bases, password):
    names = list(bases)
    for origin in names:
        client = login(bases[origin], "applicant1", password)
        for other in names:
            status, _, page = client.get(bases[other], "/home")
            check(status == 200 and "工作台" in page.decode(),
                  "signed in through %s, /home through %s answered %d" % (origin, other, status))
        # Signing out through another instance ends the session everywhere.
        last = names[(names.index(origin) + 1) % len(names)]
        _, _, page = client.get(bases[last], "/home")
        status, _, _ = client.post_form(bases[last], "/logout", {"csrf": csrf_of(page)})
        check(status == 303, "logout through %s answered %d" % (last, status))
        status, headers, _ = client.get(bases[origin], "/home")
        check(status in (302, 303) and "/login" in headers.get("location", ""),
              "after logout through %s, /home through %s answered %d" % (last, origin, status))
    print("ok   sessions: signed in through each of %s, continued through the others, signed out across" % ", ".join(names))


def queue_link(client, base, realname):
    status, _, page = client.get(base, "/reviews")
    check(status == 200, "queue page through %s: %d" % (base, status))
    found = re.search(r'href="(/applications/([0-9A-Fa-f-]{36})/progress)"[^>]*>%s<' % realname, page.decode())
    check(found, "%s is not in the queue through %s" % (realname, base))
    return found.group(1), found.group(2)


def race(client, targets, path, form):
    """POSTs `form` to `path` through each of `targets` at the same moment; returns [(status, headers, body)]."""
    body = urllib.parse.urlencode(form).encode()
    connections = [client.connect(t) for t in targets]
    barrier = threading.Barrier(len(targets))
    results = [None] * len(targets)

    def fire(i):
        barrier.wait()
        try:
            results[i] = client.send(connections[i], "POST", path, body,
                                     {"Content-Type": "application/x-www-form-urlencoded"})
        except Exception as error:  # reported below as a failed check
            results[i] = (0, {}, str(error).encode())

    threads = [threading.Thread(target=fire, args=(i,)) for i in range(len(targets))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def events(database_url, application, transition):
    if not database_url:
        return None
    sql = ("SELECT count(*) FROM workflow_events WHERE application_id = '%s' AND transition = '%s'"
           % (application.lower(), transition))
    out = subprocess.run(["psql", database_url, "-tAc", sql], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def one_transition_takes_effect(label, account, realname, via, password, database_url):
    """`via`: the two bases the same click goes through at once."""
    client = login(via[0], account, password)
    progress, application = queue_link(client, via[1], realname)
    _, _, page = client.get(via[1], progress)
    token = csrf_of(page)
    before = events(database_url, application, "approve")
    results = race(client, via, progress + "/approve", {"csrf": token, "reason": ""})
    statuses = [r[0] for r in results]
    won = [r for r in results if r[0] == 303 and "notice=saved" in r[1].get("location", "")]
    lost = [r for r in results if r not in won]
    check(len(won) == 1, "%s: the approval through both took effect %d times (statuses %s)" % (label, len(won), statuses))
    check(all(r[0] in (403, 409, 422) for r in lost), "%s: the second approval answered %s, not a refusal" % (label, statuses))
    message = message_of(lost[0][2])
    check(has_chinese(message), "%s: the refusal has no Chinese message: %r" % (label, message))
    after = events(database_url, application, "approve")
    if before is not None:
        check(after - before == 1, "%s: %d approve events were recorded, not 1" % (label, after - before))
    print("ok   race %s: %s approved %s once (statuses %s); the other was told: %s"
          % (label, account, realname, statuses, message))


def uploads_cross_instances(bases, password):
    names = list(bases)
    client = login(bases[names[0]], "applicant1", password)
    application = application_of(client, bases[names[0]])
    for i, origin in enumerate(names):
        content = make_pdf(("two-instance test via %s %s" % (origin, uuid.uuid4())).encode(), pad_bytes=256 * 1024 + i)
        before = file_ids(client, bases[origin], application)
        status, location, body = upload(client, bases[origin], application, content, "证书-%s.pdf" % origin)
        check(status == 303 and "done=uploaded" in location,
              "upload through %s: %d %s %s" % (origin, status, location, message_of(body)))
        added = file_ids(client, bases[origin], application) - before
        check(len(added) == 1, "upload through %s added %d files to the list" % (origin, len(added)))
        file_id = added.pop()
        for other in names:
            if other == origin:
                continue
            status, _, data = client.get(bases[other], "/applications/%s/files/%s" % (application, file_id))
            check(status == 200 and hashlib.sha256(data).digest() == hashlib.sha256(content).digest(),
                  "file uploaded through %s, downloaded through %s: %d, %d bytes of %d"
                  % (origin, other, status, len(data), len(content)))
        print("ok   upload: %d bytes through %s, the same bytes back through %s"
              % (len(content), origin, ", ".join(n for n in names if n != origin)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--a", required=True)
    parser.add_argument("--b", required=True)
    parser.add_argument("--proxy", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    bases = {"instance A": args.a, "instance B": args.b, "nginx": args.proxy}
    try:
        for name, base in bases.items():
            status, _, _ = Client().get(base, "/healthz")
            check(status == 200, "%s (%s) /healthz answered %d" % (name, base, status))
        sessions_are_shared(bases, args.password)
        # 吴静 waits for the personnel agency, 冯刚 for the competent department (DemoWorkflow).
        one_transition_takes_effect("A+B", "agency1", "吴静", [args.a, args.b], args.password, args.database_url)
        one_transition_takes_effect("nginx+nginx", "dept1", "冯刚", [args.proxy, args.proxy], args.password,
                                    args.database_url)
        uploads_cross_instances(bases, args.password)
    except CheckFailed as failure:
        print("FAIL two instances: %s" % failure, file=sys.stderr)
        return 1
    print("two instances: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
