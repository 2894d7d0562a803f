"""Profile the registration of one complaint (issue 14, item 2).

Usage (on an existing database with the addons installed)::

    .venv/bin/python tests/bench/profile_create.py --db cbench_dev [--n 200]
        [--sql] [--top 40] [--user registrar] [--batch 100] [--fresh]

Creates ``--n`` complaints one by one (after a warm-up), each followed by a
flush (``--batch``: that many per create call; ``--fresh``: the caches
cleared after each call, as the commit of a one-by-one registration clears
them, so the master data are read again), and prints the SQL queries per
registration (``cr.sql_log_count``),
the time per registration (wall clock, and the CPU time of this process,
steadier on a shared machine), the statements of one registration grouped by
their first words (``--sql``) and the functions that cost the most
(cProfile, cumulative, or ``SORT=tottime``; ``PROF_OUT=file`` also writes the
raw profile for ``pstats``).  Everything is rolled back.
"""

import argparse
import collections
import cProfile
import os
import pstats
import re
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONF = os.environ.get("COMPLAINT_ODOO_CONF") or os.path.join(
    ROOT, ".local", "odoo.conf"
)
ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo/18.0")
sys.path.insert(0, ODOO_SRC)

import odoo  # noqa: E402


def capture_sql(cr):
    """Record every statement executed on ``cr`` (returns the list)."""
    statements = []
    original = cr.execute

    def execute(query, params=None, log_exceptions=True):
        text = query.code if hasattr(query, "code") else str(query)
        start = time.perf_counter()
        try:
            return original(query, params, log_exceptions)
        finally:
            elapsed = (time.perf_counter() - start) * 1000
            statements.append((elapsed, re.sub(r"\s+", " ", text).strip()))

    cr.execute = execute
    return statements


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sql", action="store_true")
    parser.add_argument("--user", default="", help="login to register as")
    parser.add_argument(
        "--batch", type=int, default=1, help="registrations per create call"
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="clear the caches after each create call, as a commit does",
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", CONF, "-d", args.db])
    odoo.modules.module.initialize_sys_path()
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "Asia/Shanghai"})
        uid = odoo.SUPERUSER_ID
        if args.user:
            uid = env["res.users"].search([("login", "=", args.user)]).id
        env = env(user=uid)
        team = env["complaint.team"].sudo().create({"name": "Profile team"})
        cat = (
            env["complaint.category"]
            .sudo()
            .create({"name": "Profile", "team_id": team.id})
        )
        sub = (
            env["complaint.category"]
            .sudo()
            .create({"name": "Sub", "parent_id": cat.id})
        )
        channel = env.ref("complaint_base.channel_phone")
        partners = (
            env["res.partner"]
            .sudo()
            .create(
                [
                    {"name": f"Profile {i}", "phone": f"+86 139 {i:08d}"}
                    for i in range(args.n + 20)
                ]
            )
        )
        Complaint = env["complaint.complaint"]

        def vals(i):
            return {
                "subject": f"Profile complaint {i}",
                "partner_id": partners[i].id,
                "channel_id": channel.id,
                "category_id": sub.id,
                "description": f"<p>The clerk was rude (case {i}).</p>",
            }

        for i in range(10):  # warm-up
            Complaint.create(vals(i))
            env.flush_all()
        statements = capture_sql(cr) if args.sql else None
        start_count = cr.sql_log_count
        if args.fresh:
            cr.clear()
            cr._now = None
        Complaint.create(vals(10))
        env.flush_all()
        one = cr.sql_log_count - start_count
        if statements is not None:
            cr.execute = type(cr).execute.__get__(cr)
            groups = collections.Counter(
                " ".join(s.split()[:4]) for _t, s in statements
            )
            print(f"--- {len(statements)} statements of one registration (ms)")
            for elapsed, stmt in statements:
                print(f"  {elapsed:6.2f} {stmt[:200]}")
            print("--- grouped")
            for key, count in groups.most_common():
                print(f"  {count:4} {key}")
        profiler = cProfile.Profile()
        start_count = cr.sql_log_count
        t0, cpu0 = time.perf_counter(), time.process_time()
        profiler.enable()
        for first in range(20, 20 + args.n, args.batch):
            last = min(first + args.batch, 20 + args.n)
            Complaint.create([vals(i) for i in range(first, last)])
            env.flush_all()
            if args.fresh:  # what a commit clears (the rows stay)
                cr.clear()
                cr._now = None
        profiler.disable()
        elapsed = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        queries = (cr.sql_log_count - start_count) / args.n
        print(
            f"one registration: {one} queries; over {args.n}: {queries:.1f} "
            f"queries and {elapsed / args.n * 1000:.2f} ms each, "
            f"{cpu / args.n * 1000:.2f} ms of this process's CPU (profiled)"
        )
        if os.environ.get("PROF_OUT"):
            profiler.dump_stats(os.environ["PROF_OUT"])
        stats = pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative"))
        stats.print_stats(args.top)
        cr.rollback()


if __name__ == "__main__":
    main()
