#!/usr/bin/env python3
"""Benchmark of the complaint statistics (BASE-51) on 1,000,000 complaints.

Usage (from the repository root)::

    .venv/bin/python tests/bench/stats.py [--db cbench_stats] [--keep] [--rows 1000000]

The database is a throwaway one (``cbench_*``, dropped at the end unless
``--keep``): when it does not exist it is created by
installing ``complaint_base`` (without demo data) in a subprocess; then the
complaints are bulk-loaded with one ``INSERT ... SELECT generate_series``
(three years of intake, realistic mix of states, categories, departments,
channels, overdue and satisfaction), and the script times:

* a plain ``read_group`` count of one month by category (the reference),
* the monthly statistics (grouped counts, overdue rate, average and 90th
  percentile handling time by category, department and channel),
* the full monthly report data (plus its overdue list, root causes, CAPA),
* the dashboard (``complaint.dashboard.get_dashboard_data``, the method the
  OWL dashboard calls), for a month and for a year (read from the month
  cells the first run stored), for a year after one complaint of a month
  changed (that month counted again), for a year without any stored cell
  (every month counted, as on the first request after an upgrade; the
  nightly run stores them), for a year counted live without the cells
  (the code path before them, the baseline of the two figures above), and
  for a year as the
  administrator (a real reader: record rules apply, no superuser),
* the analysis view ``complaint.report`` grouped like the default pivot.

Each measure is the median of ``--repeat`` warm runs (caches invalidated),
printed with the ratio to the reference and checked against the 2 s target
(0.5 s for the year dashboard, issue 14).  After loading, the table is
vacuumed as autovacuum would do.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from unittest.mock import patch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo/18.0")
CONF = os.environ.get("COMPLAINT_ODOO_CONF") or os.path.join(
    ROOT, ".local", "odoo.conf"
)
TARGET_SECONDS = 2.0
#: issue 14: the year dashboard, warm, at 1,000,000 complaints
YEAR_DASHBOARD_TARGET = 0.5
YEAR_DASHBOARD = "dashboard, year (get_dashboard_data)"
YEAR_LIVE = "dashboard, year, counted live (without the month cells)"
YEAR_COLD = "dashboard, year, no month cell yet (counted and stored)"
#: the loaded intake spans these days, ending on END_DAY (exclusive)
SPAN_DAYS = 1095
END_DAY = date(2026, 1, 1)
BENCH_MONTH = "2025-06-15"
N_CATEGORIES = 24
N_DEPARTMENTS = 20
N_EMPLOYEES = 40

sys.path.insert(0, ODOO_SRC)

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402
from odoo.tools import SQL  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="cbench_stats")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--reload", action="store_true", help="delete and reload the complaints"
    )
    return parser.parse_args()


def db_exists(name):
    import psycopg2

    cfg = odoo.tools.config
    conn = psycopg2.connect(
        dbname="postgres",
        user=cfg["db_user"],
        password=cfg["db_password"],
        host=cfg["db_host"] or None,
        port=cfg["db_port"] or None,
    )
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return bool(cr.fetchone())
    finally:
        conn.close()


def install(db):
    print(f"creating database {db} with complaint_base (no demo data)...")
    cmd = [
        sys.executable,
        os.path.join(ODOO_SRC, "odoo-bin"),
        "-c",
        CONF,
        "-d",
        db,
        "-i",
        "complaint_base",
        "--without-demo=all",
        "--stop-after-init",
        "--log-level=warn",
        "--no-http",
    ]
    subprocess.run(cmd, check=True, cwd=ROOT)


def master_data(env):
    """Categories (3 levels), departments, employees, channels, teams."""
    Category = env["complaint.category"]
    cats = Category.search([("name", "=like", "Bench %")])
    if not cats:
        roots = Category.create([{"name": f"Bench {r}"} for r in "ABC"])
        middles = Category.create(
            [
                {"name": f"Bench {root.name[-1]}{i}", "parent_id": root.id}
                for root in roots
                for i in range(2)
            ]
        )
        Category.create(
            [
                {"name": f"Bench {mid.name[-2:]}{j}", "parent_id": mid.id}
                for mid in middles
                for j in range(N_CATEGORIES // len(middles) - 1)
            ]
        )
        cats = Category.search([("name", "=like", "Bench %")])
    Department = env["hr.department"]
    deps = Department.search([("name", "=like", "Bench dept %")])
    if not deps:
        deps = Department.create(
            [{"name": f"Bench dept {i}"} for i in range(N_DEPARTMENTS)]
        )
    Employee = env["hr.employee"]
    emps = Employee.search([("name", "=like", "Bench employee %")])
    if not emps:
        emps = Employee.create(
            [{"name": f"Bench employee {i}"} for i in range(N_EMPLOYEES)]
        )
    channels = env["complaint.channel"].search([])
    teams = env["complaint.team"].search([])
    return cats.ids, deps.ids, emps.ids, channels.ids, teams.ids


def load(env, rows):
    cr = env.cr
    cats, deps, emps, channels, teams = master_data(env)
    company_id = env.company.id
    Complaint = env["complaint.complaint"]
    known = {
        "name",
        "company_id",
        "received_at",
        "create_date",
        "write_date",
        "create_uid",
        "write_uid",
        "sector",
        "severity",
        "state",
        "legal_basis",
        "plan_state",
        "active",
        "category_id",
        "channel_id",
        "department_id",
        "employee_id",
        "team_id",
        "resolved_at",
        "closed_at",
        "handling_days",
        "resolution_deadline",
        "is_overdue",
        "followup_done_at",
        "satisfaction",
        "satisfaction_score",
        "transfer_count",
        "is_repeat",
        "retention_until",
        "subject",
        "reopen_count",
        "review_return_count",
        "escalation_level",
    }
    # required columns added later by other modules get their ORM default
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'complaint_complaint' AND is_nullable = 'NO' "
        "AND column_default IS NULL"
    )
    missing = [c for (c,) in cr.fetchall() if c not in known and c in Complaint._fields]
    defaults = Complaint.default_get(missing)
    unknown = [c for c in missing if defaults.get(c) in (None, False)]
    if unknown:
        raise SystemExit(
            f"no value for the required columns {unknown}: update the bench"
        )
    extra_cols = SQL(", ").join(SQL.identifier(c) for c in missing)
    extra_vals = SQL(", ").join(SQL("%s", defaults[c]) for c in missing)
    print(f"loading {rows:,} complaints with INSERT ... SELECT generate_series...")
    start = time.perf_counter()
    cr.execute(
        SQL(
            """
            INSERT INTO complaint_complaint (
                name, company_id, received_at, create_date, write_date,
                create_uid, write_uid, sector, severity, state, legal_basis,
                plan_state, active, category_id, channel_id, department_id,
                employee_id, team_id, resolved_at, closed_at, handling_days,
                resolution_deadline, is_overdue, followup_done_at, satisfaction,
                satisfaction_score, transfer_count, is_repeat, retention_until,
                subject, reopen_count, review_return_count, escalation_level
                %(extra_comma)s %(extra_cols)s
            )
            SELECT 'B' || lpad(g.i::text, 8, '0'),
                   %(company)s,
                   g.received,
                   g.received, g.received, 1, 1,
                   'general',
                   CASE WHEN mod(g.i, 50) = 0 THEN 'major'
                        WHEN mod(g.i, 7) = 0 THEN 'important' ELSE 'general' END,
                   g.state,
                   'legal_obligation', 'none', TRUE,
                   (%(cats)s::int[])[1 + mod(g.i, %(ncat)s)],
                   (%(channels)s::int[])[1 + mod((g.i / 3), %(nchan)s)],
                   (%(deps)s::int[])[1 + mod((g.i / 7), %(ndep)s)],
                   CASE WHEN mod(g.i, 4) = 0
                        THEN (%(emps)s::int[])[1 + mod((g.i / 11), %(nemp)s)] END,
                   (%(teams)s::int[])[1 + mod(g.i, %(nteam)s)],
                   g.resolved,
                   CASE WHEN g.state = 'closed' THEN g.resolved + interval '3 days' END,
                   CASE WHEN g.resolved IS NOT NULL THEN g.days ELSE 0 END,
                   g.received + interval '7 days',
                   g.resolved IS NOT NULL AND g.days > 5
                       OR g.resolved IS NULL AND g.received < %(end)s::timestamp
                                                         - interval '7 days',
                   CASE WHEN g.state = 'closed' AND mod(g.i, 10) < 8
                        THEN g.resolved + interval '2 days' END,
                   CASE WHEN g.state = 'closed' AND mod(g.i, 10) < 8
                        THEN (1 + mod((g.i / 13), 5))::text END,
                   CASE WHEN g.state = 'closed' AND mod(g.i, 10) < 8
                        THEN 1 + mod((g.i / 13), 5) ELSE 0 END,
                   CASE WHEN mod(g.i, 9) = 0 THEN 1 + mod(g.i, 3) ELSE 0 END,
                   mod(g.i, 13) = 0,
                   CASE WHEN g.state = 'closed'
                        THEN (g.resolved + interval '3 days' + interval '5 years')::date
                   END,
                   'Bench complaint ' || g.i,
                   0, 0, 0
                   %(extra_comma)s %(extra_vals)s
              FROM (
                SELECT s.i,
                       s.received,
                       s.days,
                       CASE WHEN s.received > %(end)s::timestamp - interval '20 days'
                                 AND mod(s.i, 3) > 0
                            THEN (ARRAY['new', 'accepted', 'in_progress'])[1 + mod(s.i, 3)]
                            WHEN mod(s.i, 20) = 0 THEN 'invalid'
                            WHEN mod(s.i, 20) = 1 THEN 'resolved'
                            ELSE 'closed' END AS state,
                       CASE WHEN s.received > %(end)s::timestamp - interval '20 days'
                                 AND mod(s.i, 3) > 0 THEN NULL
                            WHEN mod(s.i, 20) = 0 THEN NULL
                            ELSE s.received + (s.days * 7 / 5) * interval '1 day'
                       END AS resolved
                  FROM (
                    SELECT i,
                           %(end)s::timestamp - interval '1 second'
                               - mod(i::bigint * 7919, %(span)s * 86400) * interval '1 second'
                               AS received,
                           mod((i / 17), 16) AS days
                      FROM generate_series(1, %(rows)s) AS i
                  ) s
              ) g
            """,
            company=company_id,
            cats=cats,
            ncat=len(cats),
            channels=channels,
            nchan=len(channels),
            deps=deps,
            ndep=len(deps),
            emps=emps,
            nemp=len(emps),
            teams=teams,
            nteam=len(teams),
            end=END_DAY.isoformat(),
            span=SPAN_DAYS,
            rows=rows,
            extra_comma=SQL(",") if missing else SQL(""),
            extra_cols=extra_cols,
            extra_vals=extra_vals,
        )
    )
    cr.execute("ANALYZE complaint_complaint")
    print(f"  loaded in {time.perf_counter() - start:.1f} s")


def vacuum(db):
    """What autovacuum does after a bulk load in production: the visibility
    map lets the statistics read their covering index alone."""
    import psycopg2

    cfg = odoo.tools.config
    conn = psycopg2.connect(
        dbname=db,
        user=cfg["db_user"],
        password=cfg["db_password"],
        host=cfg["db_host"] or None,
        port=cfg["db_port"] or None,
    )
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute("VACUUM ANALYZE complaint_complaint")
    finally:
        conn.close()


def all_visible(cr):
    """Whether the visibility map covers (nearly) all the complaints."""
    cr.execute(
        "SELECT relallvisible >= 0.9 * relpages FROM pg_class "
        "WHERE oid = 'complaint_complaint'::regclass"
    )
    return cr.fetchone()[0]


def timed(env, func, repeat):
    """(first run, median of the warm runs) in seconds, caches cleared."""
    times = []
    result = None
    for _i in range(repeat + 1):
        env.invalidate_all()
        env.registry.clear_cache()
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:]), result


def main():
    args = parse_args()
    if not re.match(r"^(?:[a-z0-9]+_)?cbench_", args.db):
        raise SystemExit("benchmark databases are named [<session>_]cbench_*")
    try:
        return run(args)
    finally:
        if not args.keep:
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            import benchlib

            odoo.modules.registry.Registry.delete(args.db)
            odoo.sql_db.close_db(args.db)
            benchlib.drop_db(args.db, CONF)


def run(args):
    odoo.tools.config.parse_config(["-c", CONF, "-d", args.db])
    if not db_exists(args.db):
        install(args.db)
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tz": "Asia/Shanghai"})
        Complaint = env["complaint.complaint"].with_context(active_test=False)
        if args.reload:
            cr.execute("DELETE FROM complaint_complaint WHERE name LIKE %s", ["B%"])
        count = Complaint.search_count([])
        if count < args.rows:
            load(env, args.rows - count)
            cr.commit()
        if count < args.rows or not all_visible(cr):
            # a transaction still open when the first VACUUM ran leaves the
            # visibility map unset (index-only scans then visit the heap)
            cr.commit()
            vacuum(args.db)
        total = Complaint.search_count([])
        print(f"complaints in {args.db}: {total:,}")

        from odoo.addons.complaint_base.tools import periods

        Dashboard = env["complaint.dashboard"]
        Report = env["complaint.period.report"]
        company = env.company
        tz = Dashboard._stats_tz(company)
        start, end = periods.period_bounds("month", BENCH_MONTH)
        month_utc = periods.local_range_to_utc(start, end, tz)
        domain = [
            ("received_at", ">=", month_utc[0]),
            ("received_at", "<", month_utc[1]),
        ]
        cr.execute(
            "SELECT count(*) FROM complaint_complaint "
            "WHERE received_at >= %s AND received_at < %s",
            month_utc,
        )
        print(f"complaints received in {start:%Y-%m}: {cr.fetchone()[0]:,}\n")

        def cold(func):
            """Without stored month cells (issue 14): every month counted
            live and its cell stored, as on the first request of a month."""
            cr.execute("DELETE FROM complaint_stats_cell")
            return func()

        def live(func):
            """Every range counted live, as before the month cells."""
            with patch.object(type(Dashboard), "_cell_edges", lambda *a, **k: None):
                return func()

        def touched(func):
            """One complaint of the bench month changes (a handler's
            edit): that month is counted again, the others are read."""
            cr.execute(
                "UPDATE complaint_complaint SET severity = CASE severity "
                "WHEN 'general' THEN 'important' ELSE 'general' END "
                "WHERE id = (SELECT id FROM complaint_complaint "
                "WHERE received_at >= %s AND received_at < %s LIMIT 1)",
                month_utc,
            )
            return func()

        def reference():
            return Complaint._read_group(domain, ["category_id"], ["__count"])

        def monthly_statistics():
            ids = company.ids
            parts = Dashboard._breakdowns(
                ids, *month_utc, ["main_category", "category", "department", "channel"]
            )
            return (
                Dashboard._stats(ids, *month_utc),
                Dashboard._breakdown_rows("category", parts["category"]),
                Dashboard._breakdown_rows(
                    "department", parts["department"], order="overdue"
                ),
                Dashboard._breakdown_rows("channel", parts["channel"]),
            )

        measures = [
            ("read_group count by category (reference)", reference),
            (
                "monthly statistics (counts, overdue rate, avg/p90 days)",
                monthly_statistics,
            ),
            (
                "monthly report data (+ overdue list, root causes, CAPA)",
                lambda: Report._build_data("month", BENCH_MONTH, company),
            ),
            (
                "dashboard, month (get_dashboard_data)",
                lambda: Dashboard.get_dashboard_data("month", BENCH_MONTH),
            ),
            (
                YEAR_DASHBOARD,
                lambda: Dashboard.get_dashboard_data("year", BENCH_MONTH),
            ),
            (
                "dashboard, year, after a change in one month",
                lambda: touched(
                    lambda: Dashboard.get_dashboard_data("year", BENCH_MONTH)
                ),
            ),
            (
                YEAR_LIVE,
                lambda: live(lambda: Dashboard.get_dashboard_data("year", BENCH_MONTH)),
            ),
            (
                YEAR_COLD,
                lambda: cold(lambda: Dashboard.get_dashboard_data("year", BENCH_MONTH)),
            ),
            (
                "dashboard, year, as the administrator (record rules)",
                lambda: Dashboard.with_user(
                    env.ref("base.user_admin")
                ).get_dashboard_data("year", BENCH_MONTH),
            ),
            (
                "analysis view pivot (complaint.report read_group)",
                lambda: env["complaint.report"]._read_group(
                    domain,
                    ["main_category_id"],
                    [
                        "nbr:sum",
                        "overdue_rate:avg",
                        "handling_days:avg",
                        "followup_rate:avg",
                        "satisfaction_score:avg",
                    ],
                ),
            ),
        ]
        results = []
        for label, func in measures:
            first, median, result = timed(env, func, args.repeat)
            results.append((label, first, median))
            if label.startswith("monthly statistics"):
                stats = result[0]
                print(
                    f"  month {start:%Y-%m}: {stats['total']:,} complaints, overdue "
                    f"{stats['overdue_rate']}%, avg {stats['avg_days']} / p90 "
                    f"{stats['p90_days']} working days, follow-up "
                    f"{stats['followup_rate']}%, satisfaction {stats['satisfaction']}"
                )
        reference_time = results[0][2]
        print(f"\n{'measure':58} {'first':>8} {'median':>8} {'ratio':>7}  target")
        failed = False
        for label, first, median in results:
            ratio = median / reference_time if reference_time else float("nan")
            if label == YEAR_COLD:
                # the first view after an upgrade, before the nightly run
                # stored the cells: compared with the live count, no goal
                live_time = next(m for lab, _f, m in results if lab == YEAR_LIVE)
                print(
                    f"{label:58} {first:7.3f}s {median:7.3f}s {ratio:6.1f}x  "
                    f"{median / live_time:.1f}x the live count (once per month)"
                )
                continue
            target = (
                YEAR_DASHBOARD_TARGET if label == YEAR_DASHBOARD else TARGET_SECONDS
            )
            ok = median <= target
            failed |= not ok
            print(
                f"{label:58} {first:7.3f}s {median:7.3f}s {ratio:6.1f}x  "
                f"{'ok' if ok else 'SLOW'} (<= {target:g} s)"
            )
        cr.rollback()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
