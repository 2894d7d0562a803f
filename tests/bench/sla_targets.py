"""SLA target watcher benchmark (issue 13, BASE-27).

Every SLA target of every complaint is watched (``complaint.sla.status``):
the watcher looks at more rows than the resolution watcher, and its cost
must still follow what is due, not what is open.

Bulk-loads 20,000 and then 200,000 open complaints with SQL (the loader of
``sla_cron.py``), each with its acknowledgement and resolution targets (two
status rows), and times one run of ``complaint.sla.status._cron_watch()``:

* run A: the same number of due targets (200) in both sets: time(200,000) /
  time(20,000) <= 1.5, because the watcher reads the due rows only
  (partial index on ``next_check``);
* run B: 1 % of each set due: the cost per due complaint stays flat (same
  target on the per-complaint ratio).

Usage::

    .venv/bin/python tests/bench/sla_targets.py [--db bench_sla]

The database is a throwaway one, created (complaint_base without demo data)
when missing; the bulk rows and everything the watcher wrote for them are
deleted at the end of each size.
"""

import argparse
import datetime as dt
import importlib.util
import os
import time

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "sla_cron", os.path.join(HERE, "sla_cron.py")
)
sla_cron = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sla_cron)
odoo = sla_cron.odoo

STATUS_SQL = """
INSERT INTO complaint_sla_status (
    complaint_id, target_kind, status, active, warned, check_failures,
    met_count, failed_count, deadline, start_at, next_check, company_id,
    sector, create_uid, write_uid, create_date, write_date)
SELECT c.id, k.kind, 'ongoing', true, true, 0, 0, 0,
       CASE WHEN k.kind = 'acknowledge' THEN c.ack_deadline
            ELSE c.resolution_deadline END,
       c.received_at,
       CASE WHEN k.kind = 'acknowledge' AND c.resolution_deadline <= %(now)s
            THEN %(now)s - interval '1 hour'
            ELSE %(now)s + interval '8 days' END,
       c.company_id, c.sector, 1, 1, %(now)s, %(now)s
  FROM complaint_complaint c
 CROSS JOIN (VALUES ('acknowledge'), ('resolution')) AS k(kind)
 WHERE c.name LIKE %(prefix)s
"""


def load(cr, company_id, total, due, now):
    sla_cron.bulk_load(cr, company_id, total, due, now)
    # the resolution watcher is not measured here: nothing due for it
    cr.execute(
        "UPDATE complaint_complaint SET sla_next_check = NULL WHERE name LIKE %s",
        [f"{sla_cron.BENCH_PREFIX}%"],
    )
    cr.execute(STATUS_SQL, {"now": now, "prefix": f"{sla_cron.BENCH_PREFIX}%"})
    cr.execute("ANALYZE complaint_sla_status")


def time_watch(registry, total, due):
    now = dt.datetime.utcnow().replace(microsecond=0)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        sla_cron.cleanup(cr)
        t0 = time.perf_counter()
        load(cr, env.company.id, total, due, now)
        cr.commit()
        loaded = time.perf_counter() - t0
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute(
            "EXPLAIN SELECT id, complaint_id FROM complaint_sla_status WHERE "
            "next_check IS NOT NULL AND next_check <= %s ORDER BY next_check, id "
            "LIMIT 500 FOR UPDATE SKIP LOCKED",
            [now],
        )
        plan = [row[0].strip() for row in cr.fetchall()]
        scan = next((line for line in plan if "Scan" in line), plan[-1])
        Status = env["complaint.sla.status"]
        t0 = time.perf_counter()
        processed = Status._cron_watch(now=now)
        elapsed = time.perf_counter() - t0
        cr.commit()
        cr.execute(
            "SELECT count(*) FROM complaint_sla_status s JOIN complaint_complaint c "
            "ON c.id = s.complaint_id WHERE c.name LIKE %s AND s.status = 'failed'",
            [f"{sla_cron.BENCH_PREFIX}%"],
        )
        failed = cr.fetchone()[0]
        t1 = time.perf_counter()
        again = Status._cron_watch(now=now)
        second = time.perf_counter() - t1
        sla_cron.cleanup(cr)
        cr.commit()
    print(
        f"  {total:>7} open, {due:>5} due: loaded in {loaded:6.2f} s; watcher "
        f"{elapsed:7.3f} s for {processed} due targets ({failed} failed); then "
        f"{again} in {second:.3f} s"
    )
    print(f"          {scan}")
    return elapsed, due


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="bench_sla")
    parser.add_argument("--small", type=int, default=20_000)
    parser.add_argument("--large", type=int, default=200_000)
    parser.add_argument("--skip-install", action="store_true")
    args = parser.parse_args()
    if not args.skip_install:
        sla_cron.ensure_db(args.db)
    odoo.tools.config.parse_config(["-c", sla_cron.CONF, "-d", args.db])
    odoo.modules.module.initialize_sys_path()
    registry = odoo.modules.registry.Registry(args.db)
    due = args.small // 100
    print(f"SLA target watcher benchmark on {args.db}")
    print(f"run A: {due} due complaints in both sets")
    a_small, _n = time_watch(registry, args.small, due)
    a_large, _n = time_watch(registry, args.large, due)
    print("run B: 1 % of each set due")
    b_small, n_small = time_watch(registry, args.small, args.small // 100)
    b_large, n_large = time_watch(registry, args.large, args.large // 100)
    per_small = b_small / max(n_small, 1)
    per_large = b_large / max(n_large, 1)
    print()
    print(
        f"target watcher, same due count: {a_small:7.3f} s ({args.small} open) vs "
        f"{a_large:7.3f} s ({args.large} open): ratio {a_large / a_small:5.2f} "
        f"(target <= 1.5)"
    )
    print(
        f"target watcher, 1 % due:        {per_small * 1000:7.2f} ms vs "
        f"{per_large * 1000:7.2f} ms per due complaint: ratio "
        f"{per_large / per_small:5.2f} (target <= 1.5)"
    )


if __name__ == "__main__":
    main()
