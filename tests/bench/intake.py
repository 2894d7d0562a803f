"""Intake benchmark (issue: complaint_base lifecycle).

Complainants are distinct except every 20th complaint, which repeats an
earlier complainant's matter (5 % repeats, so repeat detection and linking
run for real).

Creates 10,000 complaints through the ORM in batches of 500 and 500 complaints
one by one, with numbering, routing, tracking and deadlines on, and the same
numbers of records of a plain ``mail.thread`` model with one Char field
(a custom model ``x_bench_plain`` created for the run) as the baseline.
Prints records/s and the ratio complaint/plain.  Targets: batch >= 500/s
and >= 0.4 of the plain model's rate.

Usage::

    .venv/bin/python tests/bench/intake.py [--db bench_intake] [--n 10000]

The database is created (complaint_base without demo data) when missing.
Everything the run creates is rolled back at the end.
"""

import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONF = os.path.join(ROOT, ".local", "odoo.conf")
ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo/18.0")
sys.path.insert(0, ODOO_SRC)

import odoo  # noqa: E402


def ensure_db(db):
    import psycopg2

    odoo.tools.config.parse_config(["-c", CONF])
    cfg = odoo.tools.config
    conn = psycopg2.connect(
        dbname="postgres",
        host=cfg["db_host"],
        port=cfg["db_port"],
        user=cfg["db_user"],
        password=cfg["db_password"],
    )
    with conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname=%s", (db,))
        exists = cr.fetchone()
    conn.close()
    installed = False
    if exists:
        conn = psycopg2.connect(
            dbname=db,
            host=cfg["db_host"],
            port=cfg["db_port"],
            user=cfg["db_user"],
            password=cfg["db_password"],
        )
        with conn.cursor() as cr:
            cr.execute(
                "SELECT 1 FROM ir_module_module"
                " WHERE name='complaint_base' AND state='installed'"
            )
            installed = bool(cr.fetchone())
        conn.close()
    action = "-u" if installed else "-i"
    print(f"{'updating' if installed else 'installing'} complaint_base in {db}...")
    subprocess.run(
        [
            sys.executable,
            os.path.join(ODOO_SRC, "odoo-bin"),
            "-c",
            CONF,
            "-d",
            db,
            action,
            "complaint_base",
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )


def plain_model(env):
    model = env["ir.model"].search([("model", "=", "x_bench_plain")])
    if not model:
        env["ir.model"].create(
            {
                "name": "Bench Plain",
                "model": "x_bench_plain",
                "is_mail_thread": True,
                "field_id": [
                    (
                        0,
                        0,
                        {
                            "name": "x_name",
                            "ttype": "char",
                            "field_description": "Name",
                        },
                    )
                ],
            }
        )
    return env["x_bench_plain"]


def timed(label, fn, count):
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    rate = count / elapsed
    print(f"  {label:<38} {count:>6} records in {elapsed:7.2f} s = {rate:8.0f}/s")
    return rate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="bench_intake")
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--single", type=int, default=500)
    args = parser.parse_args()
    ensure_db(args.db)
    odoo.tools.config.parse_config(["-c", CONF, "-d", args.db])
    odoo.modules.module.initialize_sys_path()
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Plain = plain_model(env)
        cr.commit()
    registry = odoo.modules.registry.Registry.new(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "Asia/Shanghai"})
        Complaint = env["complaint.complaint"]
        Plain = env["x_bench_plain"]
        team = env["complaint.team"].create({"name": "Bench team"})
        cat = env["complaint.category"].create({"name": "Bench", "team_id": team.id})
        sub = env["complaint.category"].create({"name": "Sub", "parent_id": cat.id})
        channel = env.ref("complaint_base.channel_phone")
        total = args.n + args.single
        partners = env["res.partner"].create(
            [{"name": f"Bench {i}", "phone": f"+86 138 {i:08d}"} for i in range(total)]
        )

        def vals(i):
            return {
                "subject": f"Complaint {i}",
                # every 20th complaint repeats an earlier complainant's (5 %)
                "partner_id": partners[i - 10 if i % 20 == 19 else i].id,
                "channel_id": channel.id,
                "category_id": sub.id,
                "description": "<p>The clerk was rude.</p>",
            }

        batch = 500
        print(
            f"intake benchmark on {args.db}: batches of {batch}, "
            f"{args.n} records; then {args.single} one by one"
        )

        def complaints_batch():
            for start in range(0, args.n, batch):
                Complaint.create([vals(i) for i in range(start, start + batch)])
                env.flush_all()

        def plain_batch():
            for start in range(0, args.n, batch):
                Plain.create(
                    [{"x_name": f"Plain {i}"} for i in range(start, start + batch)]
                )
                env.flush_all()

        def complaints_single():
            for i in range(args.single):
                Complaint.create(vals(args.n + i))
                env.flush_all()

        def plain_single():
            for i in range(args.single):
                Plain.create({"x_name": f"Plain {i}"})
                env.flush_all()

        plain_b = timed("plain mail.thread model, batch", plain_batch, args.n)
        comp_b = timed("complaint.complaint, batch", complaints_batch, args.n)
        plain_s = timed(
            "plain mail.thread model, one by one", plain_single, args.single
        )
        comp_s = timed(
            "complaint.complaint, one by one", complaints_single, args.single
        )
        sample = Complaint.search([("subject", "=", "Complaint 0")], limit=1)
        assert sample.team_id == team and sample.name, "routing/numbering must run"
        print()
        print(
            f"batch:      {comp_b:8.0f} complaints/s  ratio vs plain {comp_b / plain_b:5.2f}"
            f"  (targets >= 500/s and >= 0.40)"
        )
        print(
            f"one by one: {comp_s:8.0f} complaints/s  ratio vs plain {comp_s / plain_s:5.2f}"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
