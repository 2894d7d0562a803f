"""Half-year complaint statistics of a bank branch (BANK-05), without ORM.

Seed 003 F 十六: every institution and each of its branches analyses its
consumer complaints and reports every half year, by 30 January (second half
of the previous year) and by 30 July (first half of the year), to the
regulator.  The figures are those the regulator publishes: complaints by
business type and by cause (JR/T 0169-2018), per branch, with how many were
decided and how many on time.
"""

import datetime as dt
from collections import OrderedDict

#: (month, day) of the due date of the report of each half
DUE_DATES = {1: (7, 30), 2: (1, 30)}
DIMENSIONS = ("business_type", "cause", "channel")


def half_year_bounds(year, half):
    """``(first day, last day)`` of half ``half`` (1 or 2) of ``year``."""
    if half not in (1, 2):
        raise ValueError(f"half must be 1 or 2, got {half!r}")
    if half == 1:
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    return dt.date(year, 7, 1), dt.date(year, 12, 31)


def report_due_date(year, half):
    """Due date of the report of ``(year, half)``: 30 July of the same year
    for the first half, 30 January of the next year for the second."""
    month, day = DUE_DATES[half]
    return dt.date(year + (1 if half == 2 else 0), month, day)


def period_to_report(today):
    """``(year, half)`` of the last half-year that ended on or before
    ``today``: in January-June the second half of the previous year (due
    30 January), in July-December the first half of this year (due 30 July).
    """
    if today.month <= 6:
        return today.year - 1, 2
    return today.year, 1


def current_period(today):
    """``(year, half)`` of the half-year ``today`` belongs to."""
    return today.year, 1 if today.month <= 6 else 2


def periods_to_schedule(today):
    """Half-years whose report must exist (with its due activity) on ``today``.

    Always the current half-year, whose report is due after it ends, so the
    responsible manager sees the date well in advance; and the half-year that
    just ended as long as its report is not yet due (1-30 January and 1-30
    July), for an installation that starts inside that window.
    """
    periods = [current_period(today)]
    previous = period_to_report(today)
    if today <= report_due_date(*previous):
        periods.insert(0, previous)
    return periods


def period_label(year, half):
    """Short label such as ``2026-H1``."""
    return f"{year}-H{half}"


def _empty_cell():
    return {"count": 0, "decided": 0, "on_time": 0}


def aggregate(rows):
    """Figures of one report from complaint rows.

    Each row is a mapping with the keys ``business_type``, ``cause``,
    ``channel`` (a code key or ``None``), ``decided`` (bool), ``on_time``
    (bool: decided by the deadline), ``forwarded`` (bool: regulator-forwarded),
    ``mass`` (bool), ``merged`` (bool: merged repeat, not counted as a new
    complaint), ``withdrawn`` (bool: withdrawn by the complainant, counted
    apart from the complaints received, BASE-16), ``reviewed`` and
    ``review_changed`` (bool).

    :return: ``{"totals": {...}, "by": {dimension: {key: cell}},
        "matrix": {(business, cause): count}}`` where a cell is
        ``{"count", "decided", "on_time"}``; ``None`` keys stand for
        "not classified".
    """
    totals = {
        "received": 0,
        "decided": 0,
        "on_time": 0,
        "overdue": 0,
        "forwarded": 0,
        "mass": 0,
        "merged": 0,
        "withdrawn": 0,
        "reviewed": 0,
        "review_changed": 0,
        "unclassified": 0,
    }
    by = {dim: OrderedDict() for dim in DIMENSIONS}
    matrix = {}
    for row in rows:
        if row.get("merged"):
            totals["merged"] += 1
            continue
        if row.get("withdrawn"):
            totals["withdrawn"] += 1
            continue
        totals["received"] += 1
        decided = bool(row.get("decided"))
        on_time = decided and bool(row.get("on_time"))
        totals["decided"] += decided
        totals["on_time"] += on_time
        totals["overdue"] += decided and not on_time
        totals["forwarded"] += bool(row.get("forwarded"))
        totals["mass"] += bool(row.get("mass"))
        totals["reviewed"] += bool(row.get("reviewed"))
        totals["review_changed"] += bool(row.get("review_changed"))
        if not row.get("business_type") or not row.get("cause"):
            totals["unclassified"] += 1
        for dim in DIMENSIONS:
            cell = by[dim].setdefault(row.get(dim), _empty_cell())
            cell["count"] += 1
            cell["decided"] += decided
            cell["on_time"] += on_time
        key = (row.get("business_type"), row.get("cause"))
        matrix[key] = matrix.get(key, 0) + 1
    return {"totals": totals, "by": by, "matrix": matrix}


def on_time_rate(totals):
    """Share (0-100, one decimal) of the decided complaints decided on time."""
    if not totals.get("decided"):
        return 0.0
    return round(100.0 * totals["on_time"] / totals["decided"], 1)
