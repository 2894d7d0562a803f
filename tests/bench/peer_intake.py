"""Registration speed against the OCA peer (issue 14).

Installs OCA ``helpdesk_mgmt`` 18.0.1.19.5 and ``helpdesk_mgmt_sla``
18.0.2.1.1 (PyPI wheels from ``requirements-peer.txt``, ``--no-deps``,
extracted into ``.local/bench-addons``, never into the product's
virtualenv) and our four addons into one throwaway database
(``cbench_peer``, no demo data; same Odoo, same database server, same
registry), then times in alternating rounds:

* one by one: each registration in its own transaction (create + commit,
  as one request of a phone call, a portal form or an e-mail);
* batches: ``--batch`` registrations per create call, one commit each.

Tickets get a team with an SLA (``use_sla``, a 15-day SLA), a category, a
channel, a partner and a description; complaints a category routed to a
team (with the default SLA policy and escalation rules of the base), a
channel, a partner and a description; every 20th complaint repeats an
earlier complainant's matter.  Both run as the superuser.  Prints every
round, the median rates and the ratios against the goals (one by one
>= 1.5x, batches >= 4x).  The database is dropped at the end (``--keep``).

Usage::

    .venv/bin/python tests/bench/peer_intake.py [--single 300] [--batch 500]
        [--batches 4] [--rounds 3] [--keep]
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

DB = "cbench_peer"
GOAL_SINGLE = 1.5
GOAL_BATCH = 4.0


def setup(env):
    """Master data of both sides, committed."""
    calendar = env.company.resource_calendar_id
    team = env["helpdesk.ticket.team"].create(
        {"name": "Bench desk", "use_sla": True, "resource_calendar_id": calendar.id}
    )
    category = env["helpdesk.ticket.category"].create({"name": "Bench"})
    env["helpdesk.sla"].create(
        {"name": "15 days", "team_ids": [(6, 0, team.ids)], "days": 15}
    )
    channel = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
    cteam = env["complaint.team"].create({"name": "Bench team"})
    root = env["complaint.category"].create({"name": "Bench", "team_id": cteam.id})
    sub = env["complaint.category"].create({"name": "Sub", "parent_id": root.id})
    cchannel = env.ref("complaint_base.channel_phone")
    return {
        "ticket": (team.id, category.id, channel.id),
        "complaint": (sub.id, cchannel.id),
    }


class Side:
    """One side of the comparison: how to build the values of record i."""

    def __init__(self, kind, master, partners):
        self.kind = kind
        self.master = master
        self.partners = partners

    @property
    def model(self):
        return "helpdesk.ticket" if self.kind == "ticket" else "complaint.complaint"

    def vals(self, i):
        if self.kind == "ticket":
            team, category, channel = self.master
            return {
                "name": f"Ticket {i}",
                "description": f"<p>The clerk was rude (case {i}).</p>",
                "partner_id": self.partners[i],
                "team_id": team,
                "category_id": category,
                "channel_id": channel,
            }
        category, channel = self.master
        return {
            "subject": f"Complaint {i}",
            "description": f"<p>The clerk was rude (case {i}).</p>",
            "partner_id": self.partners[i - 10 if i % 20 == 19 and i >= 10 else i],
            "category_id": category,
            "channel_id": channel,
        }


def run_single(registry, side, start, count):
    """``count`` registrations, each in its own transaction; records/s."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "Asia/Shanghai"})
        Model = env[side.model]
        t0 = time.perf_counter()
        for i in range(start, start + count):
            Model.create(side.vals(i))
            cr.commit()
        return count / (time.perf_counter() - t0)


def run_batches(registry, side, start, size, batches):
    """``batches`` creates of ``size`` records, one commit each; records/s."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "Asia/Shanghai"})
        Model = env[side.model]
        t0 = time.perf_counter()
        for b in range(batches):
            first = start + b * size
            Model.create([side.vals(i) for i in range(first, first + size)])
            cr.commit()
        return size * batches / (time.perf_counter() - t0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--single", type=int, default=300, help="per round and side")
    parser.add_argument("--batch", type=int, default=500, help="records per create")
    parser.add_argument("--batches", type=int, default=4, help="per round and side")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--reuse", action="store_true", help="reuse a kept database")
    args = parser.parse_args()

    folder = os.path.join(benchlib.ROOT, ".local", "bench-addons")
    benchlib.peer_addons(
        os.path.join(
            os.path.dirname(os.path.abspath(__file__)), "requirements-peer.txt"
        ),
        folder,
    )
    conf = benchlib.bench_conf(
        folder, os.path.join(benchlib.ROOT, ".local", "bench-odoo.conf")
    )
    if not (args.reuse and benchlib.db_exists(DB, conf)):
        benchlib.drop_db(DB, conf)
        benchlib.install(
            DB, f"helpdesk_mgmt,helpdesk_mgmt_sla,{benchlib.OUR_ADDONS}", conf
        )
    try:
        odoo.tools.config.parse_config(["-c", conf, "-d", DB, "--log-level=warn"])
        odoo.modules.module.initialize_sys_path()
        registry = odoo.modules.registry.Registry(DB)
        per_round = args.single + args.batch * args.batches
        total = per_round * args.rounds + 20
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "Asia/Shanghai"})
            master = setup(env)
            partners = env["res.partner"].create(
                [
                    {"name": f"Bench {i}", "phone": f"+86 138 {i:08d}"}
                    for i in range(total * 2)
                ]
            )
            cr.commit()
        pids = partners.ids
        tickets = Side("ticket", master["ticket"], pids[:total])
        complaints = Side("complaint", master["complaint"], pids[total:])
        # warm-up (caches, first month's number range)
        for side in (tickets, complaints):
            run_single(registry, side, 0, 10)
        rates = {
            (kind, mode): []
            for kind in ("ticket", "complaint")
            for mode in ("single", "batch")
        }
        start = 10
        print(
            f"{DB}: {args.rounds} rounds; one by one {args.single} per side and round, "
            f"batches {args.batches} x {args.batch}"
        )
        for rnd in range(args.rounds):
            order = (tickets, complaints) if rnd % 2 == 0 else (complaints, tickets)
            for side in order:
                rate = run_single(registry, side, start, args.single)
                rates[(side.kind, "single")].append(rate)
                print(
                    f"  round {rnd + 1} one by one  {side.model:20} {rate:8.1f}/s",
                    flush=True,
                )
            start += args.single
            for side in order:
                rate = run_batches(registry, side, start, args.batch, args.batches)
                rates[(side.kind, "batch")].append(rate)
                print(
                    f"  round {rnd + 1} batches     {side.model:20} {rate:8.1f}/s",
                    flush=True,
                )
            start += args.batch * args.batches
        print()
        ok = True
        for mode, goal in (("single", GOAL_SINGLE), ("batch", GOAL_BATCH)):
            ours = statistics.median(rates[("complaint", mode)])
            peer = statistics.median(rates[("ticket", mode)])
            ratio = ours / peer
            ok &= ratio >= goal
            label = "one by one" if mode == "single" else f"batches of {args.batch}"
            print(
                f"{label:18} complaints {ours:8.1f}/s  OCA tickets {peer:8.1f}/s  "
                f"ratio {ratio:5.2f}x  (goal >= {goal}x: {'ok' if ratio >= goal else 'BELOW'})"
            )
        return 0 if ok else 1
    finally:
        if not args.keep:
            odoo.modules.registry.Registry.delete(DB)
            odoo.sql_db.close_db(DB)
            benchlib.drop_db(DB, conf)


if __name__ == "__main__":
    sys.exit(main())
