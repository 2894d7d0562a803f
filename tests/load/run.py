"""Load test of a multi-worker deployment (issue 14).

Creates a throwaway database (``cbench_load``: the four addons, no demo
data), starts Odoo in prefork mode on loopback (2 HTTP workers, 2 cron
workers, the scheduled actions due at once and every minute) and, for a
bounded time (``--duration``, 60 s by default), drives at the same time:

* portal submissions: logged-in portal users post the complaint form
  (``/my/complaints/new``, with its CSRF token; a user files at most 5 an
  hour, so the clients take turns among ``--portal-users`` users);
* e-mail intake: raw messages through XML-RPC
  ``mail.thread.message_process`` (what the mail gateway calls);
* XML-RPC registrations by a registrar (``complaint.complaint.create``);
* staff actions: a handler accepts and resolves what was registered.

Then it checks that nothing was lost (every submission exists exactly once,
numbers are distinct per company, every complaint has its deadlines, no
HTTP 5xx, no ERROR line in the server log) and prints the throughput and
the p50/p95 latency of each kind.  It stops by itself, stops the server and
drops the database (``--keep`` keeps it).

Usage::

    .venv/bin/python tests/load/run.py [--duration 60] [--clients 2]
        [--workers 2] [--cron-workers 2] [--keep]
"""

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
import xmlrpc.client

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "bench"))
import benchlib  # noqa: E402

DB = "cbench_load"
PASSWORD = "load-test-password"
KINDS = ("portal", "email", "xmlrpc", "accept", "resolve")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ------------------------------------------------------------------ set-up
def setup(conf, portal_users):
    """Users, team, category; crons due now and every minute."""
    sys.path.insert(0, benchlib.ODOO_SRC)
    import odoo

    odoo.tools.config.parse_config(["-c", conf, "-d", DB, "--log-level=warn"])
    odoo.modules.module.initialize_sys_path()
    registry = odoo.modules.registry.Registry(DB)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Users = env["res.users"].with_context(no_reset_password=True)
        group = env.ref

        def user(login, groups):
            return Users.create(
                {
                    "name": login.replace("_", " ").title(),
                    "login": login,
                    "password": PASSWORD,
                    "email": f"{login}@example.com",
                    "tz": "Asia/Shanghai",
                    "groups_id": [(6, 0, [group(g).id for g in groups])],
                }
            )

        handler = user("load_handler", ["complaint_base.group_complaint_handler"])
        registrar = user("load_registrar", ["complaint_base.group_complaint_user"])
        team = env["complaint.team"].create(
            {
                "name": "Load team",
                "leader_id": handler.id,
                "member_ids": [(6, 0, [handler.id, registrar.id])],
            }
        )
        category = env["complaint.category"].create(
            {"name": "Load", "team_id": team.id}
        )
        for i in range(portal_users):
            user(f"load_portal_{i}", ["base.group_portal"])
        env.ref("base.user_admin").password = PASSWORD
        crons = env["ir.cron"].search(
            [("model_id.model", "=", "complaint.complaint"), ("active", "=", True)]
        )
        crons.write(
            {
                "interval_number": 1,
                "interval_type": "minutes",
                "nextcall": odoo.fields.Datetime.now(),
            }
        )
        cr.commit()
        result = {"category": category.id, "crons": crons.mapped("name")}
    odoo.modules.registry.Registry.delete(DB)
    odoo.sql_db.close_db(DB)
    return result


def start_server(conf, port, workers, cron_workers, logfile):
    args = [
        sys.executable,
        os.path.join(benchlib.ODOO_SRC, "odoo-bin"),
        "-c",
        conf,
        "-d",
        DB,
        f"--db-filter=^{DB}$",
        f"--workers={workers}",
        f"--max-cron-threads={cron_workers}",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--gevent-port={free_port()}",
        f"--logfile={logfile}",
        "--log-level=info",
        "--limit-time-real=300",
        "--limit-time-cpu=240",
    ]
    proc = subprocess.Popen(args, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    import requests

    for _i in range(120):
        try:
            if requests.get(f"{url}/web/login", timeout=5).status_code == 200:
                return proc, url
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped, see {logfile}")
        time.sleep(1)
    raise SystemExit(f"the server did not answer, see {logfile}")


def stop_server(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# ---------------------------------------------------------------- clients
class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {kind: [] for kind in KINDS}
        self.errors = []  # (kind, text)
        self.http_5xx = 0
        self.markers = {"portal": [], "email": [], "xmlrpc": []}

    def ok(self, kind, seconds, marker=None):
        with self.lock:
            self.latency[kind].append(seconds)
            if marker:
                self.markers[kind].append(marker)

    def fail(self, kind, text, status=None):
        with self.lock:
            self.errors.append((kind, text[:300]))
            if status and status >= 500:
                self.http_5xx += 1


def rpc_failed(stats, kind, error):
    """Count a failed RPC call: a ProtocolError carries the HTTP status."""
    if isinstance(error, xmlrpc.client.ProtocolError):
        stats.fail(kind, f"HTTP {error.errcode} {error.errmsg}", error.errcode)
    elif isinstance(error, xmlrpc.client.Fault):
        stats.fail(kind, error.faultString.strip().splitlines()[-1])
    else:
        stats.fail(kind, repr(error))


def rpc(url):
    return xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)


def login(url, login_name):
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    return common.authenticate(DB, login_name, PASSWORD, {})


def csrf(html):
    found = re.search(r'name="csrf_token"\s+value="([^"]+)"', html)
    return found and found.group(1)


def portal_client(url, users, category_id, stats, stop):
    import requests

    for login_name in users:
        if stop.is_set():
            return
        session = requests.Session()
        page = session.get(f"{url}/web/login", timeout=60)
        resp = session.post(
            f"{url}/web/login",
            data={
                "login": login_name,
                "password": PASSWORD,
                "csrf_token": csrf(page.text),
            },
            timeout=60,
            allow_redirects=False,
        )
        if resp.status_code >= 400:
            stats.fail(
                "portal", f"login {login_name}: {resp.status_code}", resp.status_code
            )
            continue
        for _n in range(5):  # the portal allows 5 an hour per person
            if stop.is_set():
                return
            marker = f"P-{uuid.uuid4().hex[:12]}"
            t0 = time.perf_counter()
            form = session.get(f"{url}/my/complaints/new", timeout=60)
            resp = session.post(
                f"{url}/my/complaints/new",
                data={
                    "csrf_token": csrf(form.text),
                    "subject": marker,
                    "description": "The counter clerk was rude to me.",
                    "category_id": str(category_id),
                },
                timeout=120,
                allow_redirects=False,
            )
            if resp.status_code == 303 and "created=1" in resp.headers.get(
                "Location", ""
            ):
                stats.ok("portal", time.perf_counter() - t0, marker)
            else:
                stats.fail(
                    "portal", f"{resp.status_code} {resp.text[:200]}", resp.status_code
                )


def email_client(url, stats, stop):
    uid = login(url, "admin")
    proxy = rpc(url)
    while not stop.is_set():
        marker = f"M-{uuid.uuid4().hex[:12]}"
        raw = (
            f"From: Wang Fang <{marker.lower()}@example.com>\r\n"
            "To: complaints@example.com\r\n"
            f"Subject: {marker}\r\n"
            f"Message-ID: <{marker}@example.com>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "I was charged twice this month.\r\n"
        )
        t0 = time.perf_counter()
        try:
            proxy.execute_kw(
                DB,
                uid,
                PASSWORD,
                "mail.thread",
                "message_process",
                ["complaint.complaint", raw],
            )
            stats.ok("email", time.perf_counter() - t0, marker)
        except Exception as error:
            rpc_failed(stats, "email", error)


def xmlrpc_client(url, category_id, stats, stop):
    uid = login(url, "load_registrar")
    proxy = rpc(url)
    channel = proxy.execute_kw(
        DB, uid, PASSWORD, "complaint.channel", "search", [[("code", "=", "phone")]]
    )[0]
    while not stop.is_set():
        marker = f"X-{uuid.uuid4().hex[:12]}"
        t0 = time.perf_counter()
        try:
            proxy.execute_kw(
                DB,
                uid,
                PASSWORD,
                "complaint.complaint",
                "create",
                [
                    {
                        "subject": marker,
                        "contact_name": "Li Lei",
                        "phone": f"+86 139 {uuid.uuid4().int % 10**8:08d}",
                        "channel_id": channel,
                        "category_id": category_id,
                        "description": "<p>Waited 40 minutes at the counter.</p>",
                    }
                ],
            )
            stats.ok("xmlrpc", time.perf_counter() - t0, marker)
        except Exception as error:
            rpc_failed(stats, "xmlrpc", error)


def staff_client(url, stats, stop):
    uid = login(url, "load_handler")
    proxy = rpc(url)

    def call(model, method, *args):
        return proxy.execute_kw(DB, uid, PASSWORD, model, method, list(args))

    while not stop.is_set():
        ids = call("complaint.complaint", "search", [("state", "=", "new")], 0, 5, "id")
        if not ids:
            time.sleep(0.2)
            continue
        for cid in ids:
            if stop.is_set():
                return
            t0 = time.perf_counter()
            try:
                call("complaint.complaint", "action_accept", [cid])
                stats.ok("accept", time.perf_counter() - t0)
                t0 = time.perf_counter()
                call(
                    "complaint.complaint",
                    "write",
                    [cid],
                    {"resolution": "<p>Apologised; the fee is refunded.</p>"},
                )
                call("complaint.complaint", "action_resolve", [cid])
                stats.ok("resolve", time.perf_counter() - t0)
            except Exception as error:
                rpc_failed(stats, "accept/resolve", error)


# ----------------------------------------------------------------- checks
def check(stats, logfile):
    problems = []
    conn = benchlib.connect(DB)
    with conn.cursor() as cr:
        for kind, markers in stats.markers.items():
            if not markers:
                problems.append(f"no {kind} submission went through")
                continue
            cr.execute(
                "SELECT subject, count(*) FROM complaint_complaint "
                "WHERE subject = ANY(%s) GROUP BY subject",
                (markers,),
            )
            found = dict(cr.fetchall())
            missing = [m for m in markers if m not in found]
            doubled = [m for m, n in found.items() if n > 1]
            if missing:
                problems.append(
                    f"{kind}: {len(missing)} submissions lost, e.g. {missing[:3]}"
                )
            if doubled:
                problems.append(
                    f"{kind}: {len(doubled)} registered twice, e.g. {doubled[:3]}"
                )
        cr.execute(
            "SELECT company_id, name, count(*) FROM complaint_complaint "
            "GROUP BY company_id, name HAVING count(*) > 1"
        )
        dup = cr.fetchall()
        if dup:
            problems.append(f"duplicate numbers: {dup[:5]}")
        cr.execute(
            "SELECT count(*) FROM complaint_complaint WHERE name IS NULL OR name = '/' "
            "OR resolution_deadline IS NULL OR ack_deadline IS NULL"
        )
        undated = cr.fetchone()[0]
        if undated:
            problems.append(f"{undated} complaints without number or deadlines")
        cr.execute("SELECT count(*), count(DISTINCT name) FROM complaint_complaint")
        total, distinct = cr.fetchone()
    conn.close()
    if stats.http_5xx:
        problems.append(f"{stats.http_5xx} HTTP 5xx answers")
    with open(logfile, encoding="utf-8", errors="replace") as handle:
        log = handle.read()
    errors = [line for line in log.splitlines() if " ERROR " in line]
    if errors:
        problems.append(
            f"{len(errors)} ERROR lines in the server log, e.g. {errors[:3]}"
        )
    serialization = log.count("could not serialize access")
    return problems, total, distinct, serialization


def percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(pct / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--clients", type=int, default=2, help="clients per kind")
    parser.add_argument("--portal-users", type=int, default=80)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cron-workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()

    conf = benchlib.CONF
    logdir = os.path.join(benchlib.ROOT, ".local", "load")
    os.makedirs(logdir, exist_ok=True)
    logfile = os.path.join(logdir, "server.log")
    if os.path.exists(logfile):
        os.remove(logfile)
    benchlib.drop_db(DB, conf)
    proc = None
    try:
        benchlib.install(DB, benchlib.OUR_ADDONS, conf)
        data = setup(conf, args.portal_users)
        port = free_port()
        proc, url = start_server(conf, port, args.workers, args.cron_workers, logfile)
        print(
            f"Odoo on {url}: {args.workers} HTTP workers, {args.cron_workers} cron "
            f"workers; crons every minute: {', '.join(data['crons'])}"
        )
        stats, stop = Stats(), threading.Event()
        users = [f"load_portal_{i}" for i in range(args.portal_users)]
        threads = []
        for c in range(args.clients):
            threads += [
                threading.Thread(
                    target=portal_client,
                    args=(url, users[c :: args.clients], data["category"], stats, stop),
                ),
                threading.Thread(target=email_client, args=(url, stats, stop)),
                threading.Thread(
                    target=xmlrpc_client, args=(url, data["category"], stats, stop)
                ),
            ]
        threads.append(threading.Thread(target=staff_client, args=(url, stats, stop)))
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        stop.wait(args.duration)
        stop.set()
        for thread in threads:
            thread.join(300)
        elapsed = time.perf_counter() - started
        time.sleep(2)  # let the last requests and a cron run reach the log
        problems, total, distinct, serialization = check(stats, logfile)
        print(
            f"\n{elapsed:.0f} s of load; {total} complaints, {distinct} distinct numbers"
        )
        print(f"{'kind':10} {'done':>6} {'per s':>7} {'p50 ms':>8} {'p95 ms':>8}")
        for kind in KINDS:
            values = stats.latency[kind]
            if not values:
                print(f"{kind:10} {0:6d}")
                continue
            print(
                f"{kind:10} {len(values):6d} {len(values) / elapsed:7.1f} "
                f"{statistics.median(values) * 1000:8.0f} "
                f"{percentile(values, 95) * 1000:8.0f}"
            )
        print(
            f"client errors: {len(stats.errors)}; HTTP 5xx: {stats.http_5xx}; "
            f"'could not serialize' in the log: {serialization}"
        )
        for kind, text in stats.errors[:10]:
            print(f"  {kind}: {text}")
        if problems:
            print("PROBLEMS:")
            for problem in problems:
                print(f"  - {problem}")
            return 1
        print(
            "nothing lost: every submission exists once, numbers distinct, "
            "deadlines set, no 5xx, no ERROR in the server log"
        )
        return 0
    finally:
        if proc:
            stop_server(proc)
        if not args.keep:
            benchlib.drop_db(DB, conf)


if __name__ == "__main__":
    sys.exit(main())
