"""Intake benchmark (issue: complaint_base lifecycle; issue 14).

Complainants are distinct except every 20th complaint, which repeats an
earlier complainant's matter (5 % repeats, so repeat detection and linking
run for real).

Creates 10,000 complaints through the ORM in batches of 500 and 500 complaints
one by one, with numbering, routing, tracking and deadlines on, and the same
numbers of records of a plain ``mail.thread`` model with one Char field
(a custom model ``x_bench_plain`` created for the run) as the baseline.
The two are measured in alternating rounds (``--rounds``, the median is
kept: the machine may be shared).  Prints records/s and the ratio
complaint/plain.  Targets: batch >= 500/s and >= 0.4 of the plain model's
rate.

Usage::

    .venv/bin/python tests/bench/intake.py [--db cbench_intake] [--n 10000]
        [--rounds 3] [--keep]

The database is a throwaway one (``cbench_*``): created with complaint_base
without demo data, and dropped at the end unless ``--keep``.
"""

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib

sys.path.insert(0, benchlib.ODOO_SRC)
import odoo

CONF = benchlib.CONF


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
    parser.add_argument("--db", default="cbench_intake")
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--single", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()
    db = benchlib.check_name(args.db)
    if not benchlib.db_exists(db):
        benchlib.install(db, "complaint_base")
    try:
        return run(args)
    finally:
        if not args.keep:
            odoo.modules.registry.Registry.delete(db)
            odoo.sql_db.close_db(db)
            benchlib.drop_db(db)


def run(args):
    odoo.tools.config.parse_config(["-c", CONF, "-d", args.db, "--log-level=warn"])
    odoo.modules.module.initialize_sys_path()
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        plain_model(env)
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
        per_round = args.n + args.single
        partners = env["res.partner"].create(
            [
                {"name": f"Bench {i}", "phone": f"+86 138 {i:08d}"}
                for i in range(per_round * args.rounds + 20)
            ]
        )
        offset = [20]

        def vals(i):
            i += offset[0]
            return {
                "subject": f"Complaint {i}",
                # every 20th complaint repeats an earlier complainant's (5 %)
                "partner_id": partners[i - 10 if i % 20 == 19 else i].id,
                "channel_id": channel.id,
                "category_id": sub.id,
                "description": f"<p>The clerk was rude (case {i}).</p>",
            }

        batch = 500
        print(
            f"intake benchmark on {args.db}: batches of {batch}, {args.n} records; "
            f"then {args.single} one by one; {args.rounds} alternating rounds"
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

        for i in range(10):  # warm-up
            Complaint.create(vals(-20 + i))
            Plain.create({"x_name": "warm-up"})
        env.flush_all()
        rates = {"plain_b": [], "comp_b": [], "plain_s": [], "comp_s": []}
        for rnd in range(args.rounds):
            print(f" round {rnd + 1}")
            pairs = [
                ("plain_b", "plain mail.thread model, batch", plain_batch, args.n),
                ("comp_b", "complaint.complaint, batch", complaints_batch, args.n),
                (
                    "plain_s",
                    "plain mail.thread model, one by one",
                    plain_single,
                    args.single,
                ),
                (
                    "comp_s",
                    "complaint.complaint, one by one",
                    complaints_single,
                    args.single,
                ),
            ]
            if rnd % 2:
                pairs = [pairs[1], pairs[0], pairs[3], pairs[2]]
            for key, label, fn, count in pairs:
                rates[key].append(timed(label, fn, count))
            offset[0] += per_round
        sample = Complaint.search([("subject", "=", "Complaint 20")], limit=1)
        assert sample.team_id == team and sample.name, "routing/numbering must run"
        assert sample.resolution_deadline, "deadlines must be set"
        med = {key: statistics.median(values) for key, values in rates.items()}
        print()
        print(
            f"batch:      {med['comp_b']:8.0f} complaints/s  plain {med['plain_b']:8.0f}/s  "
            f"ratio {med['comp_b'] / med['plain_b']:5.2f}  (targets >= 500/s and >= 0.40)"
        )
        print(
            f"one by one: {med['comp_s']:8.0f} complaints/s  plain {med['plain_s']:8.0f}/s  "
            f"ratio {med['comp_s'] / med['plain_s']:5.2f}"
        )
        cr.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main())
