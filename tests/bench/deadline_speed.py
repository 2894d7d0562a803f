"""Benchmark of the pure-Python deadline arithmetic (DL-2 working days).

Run from the repository root (needs no Odoo and no database):

    .venv/bin/python tests/bench/deadline_speed.py [--n 100000] [--amount 15]

It loads ``addons/complaint_base/tools/deadline.py`` directly from its file
(``odoo.addons.complaint_base`` is only importable inside an initialised
Odoo), times ``compute_deadline(start, 15, "working_days", cal)`` over varied
receipt times in 2025-2027 with the Chinese calendar, and compares it with a
naive day-by-day loop measured in the same run.  The comparison with Odoo's
``resource.calendar.plan_days`` is done elsewhere.
"""

import argparse
import datetime as dt
import importlib.util
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_PY = ROOT / "addons" / "complaint_base" / "tools" / "deadline.py"


def load_deadline_module():
    spec = importlib.util.spec_from_file_location("complaint_deadline", DEADLINE_PY)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def naive_deadline(start_utc, n, cal, tz, utc):
    """Day-by-day reference: the same rule (DL-2), no precomputed index."""
    day = utc.localize(start_utc).astimezone(tz).date()
    weekdays, holidays, workdays = cal.weekdays, cal.holidays, cal.workdays
    while n:
        day += dt.timedelta(days=1)
        if day in workdays or (day.weekday() in weekdays and day not in holidays):
            n -= 1
    end = tz.localize(dt.datetime.combine(day, dt.time(23, 59, 59)))
    return end.astimezone(utc).replace(tzinfo=None)


def timed(func, starts, amount, *args):
    t0 = time.perf_counter()
    for start in starts:
        func(start, amount, *args)
    return time.perf_counter() - t0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="computations")
    parser.add_argument("--amount", type=int, default=15, help="working days")
    parser.add_argument("--seed", type=int, default=20260918)
    args = parser.parse_args()

    deadline = load_deadline_module()
    import pytz

    t0 = time.perf_counter()
    cal = deadline.build_calendar("CN", years=(2025, 2026, 2027))
    build_ms = (time.perf_counter() - t0) * 1000

    rng = random.Random(args.seed)
    first = dt.datetime(2025, 1, 1)
    span = int((dt.datetime(2027, 11, 30) - first).total_seconds())
    starts = [first + dt.timedelta(seconds=rng.randrange(span)) for _ in range(args.n)]

    # correctness guard before timing
    tz, utc = cal.tz, pytz.utc
    for start in starts[:2000]:
        fast = deadline.compute_deadline(start, args.amount, "working_days", cal)
        slow = naive_deadline(start, args.amount, cal, tz, utc)
        assert fast == slow, (start, fast, slow)

    fast_s = timed(deadline.compute_deadline, starts, args.amount, "working_days", cal)
    naive_s = timed(naive_deadline, starts, args.amount, cal, tz, utc)
    days = [s.date() for s in starts]
    t0 = time.perf_counter()
    for day in days:
        cal.add_working_days(day, args.amount)
    add_s = time.perf_counter() - t0

    fast_rate = args.n / fast_s
    naive_rate = args.n / naive_s
    print(f"python {sys.version.split()[0]}, {args.n} starts in 2025-2027, ", end="")
    print(f"{args.amount} working days, calendar built in {build_ms:.1f} ms")
    print(f"compute_deadline (indexed):   {fast_rate:12,.0f} computations/s")
    print(f"naive day-by-day loop:        {naive_rate:12,.0f} computations/s")
    print(f"speed-up:                     {fast_rate / naive_rate:12.1f} x")
    print(f"add_working_days alone:       {args.n / add_s:12,.0f} calls/s")
    target = 20_000
    status = "OK" if fast_rate >= target else "BELOW TARGET"
    print(f"target >= {target:,}/s: {status}")
    return 0 if fast_rate >= target else 1


if __name__ == "__main__":
    sys.exit(main())
