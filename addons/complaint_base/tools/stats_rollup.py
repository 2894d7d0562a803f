"""Key figures of a period from its complaint classes (BASE-51), no ORM.

The database groups the complaints of a period by a few low-cardinality
columns (state, major, late, resolved, handling days, followed up,
satisfaction score, transferred, repeat) and returns one row per class with
its count: a thousand rows for a year of a million complaints.  This module
sums the classes into the key figures, so the database evaluates no
per-figure expression per complaint; the 90th percentile of the handling
time is computed exactly from the histogram of the handling days (the same
interpolation as PostgreSQL's ``percentile_cont``).

States: BASE-12/16 invalid and withdrawn complaints are not valid (neither
in the overdue rate's base nor overdue); merged ones never reach here.
"""

import math

NOT_VALID_STATES = frozenset(("invalid", "withdrawn"))
OPEN_STATES = frozenset(("new", "accepted", "in_progress"))
FINISHED_STATES = frozenset(("resolved", "review", "closed"))
COUNTS = (
    "total",
    "valid",
    "withdrawn",
    "invalid",
    "overdue",
    "still_open",
    "major",
    "resolved",
    "sum_days",
    "finished",
    "followed_up",
    "sum_sat",
    "rated",
    "dissatisfied",
    "transfers",
    "transferred",
    "repeats",
)


#: additive figures of a breakdown group, from which rates and averages follow
PARTIALS = (
    "total",
    "valid",
    "withdrawn",
    "overdue",
    "resolved",
    "sum_days",
    "rated",
    "sum_sat",
)
#: validity part of a breakdown class (``cls >> 2``), see :func:`add_partials`
INVALID, WITHDRAWN, VALID, VALID_LATE = 0, 1, 2, 3
RESOLVED_BIT, RATED_BIT = 2, 1


def add_partials(target, row):
    """Add a breakdown group ``{cls, n, sum_days, sum_sat}`` to the
    :data:`PARTIALS` of ``target``.  ``cls`` packs the validity (``cls >>
    2``: invalid, withdrawn, valid, valid and late), resolved (bit 2) and
    rated (bit 1, a satisfaction score above 0); ``sum_days`` counts only
    for resolved classes (BASE-12/16: invalid and withdrawn complaints are
    neither valid nor overdue)."""
    n, cls = row["n"], row["cls"]
    validity = cls >> 2
    target["total"] += n
    if validity >= VALID:
        target["valid"] += n
    if validity == WITHDRAWN:
        target["withdrawn"] += n
    if validity == VALID_LATE:
        target["overdue"] += n
    if cls & RESOLVED_BIT:
        target["resolved"] += n
        target["sum_days"] += row["sum_days"] or 0
    if cls & RATED_BIT:
        target["rated"] += n
    target["sum_sat"] += row["sum_sat"] or 0
    return target


def percentile_cont(histogram, fraction):
    """Continuous percentile of the values of ``{value: count}``, as
    PostgreSQL's ``percentile_cont``; ``None`` without values."""
    items = sorted((v, n) for v, n in histogram.items() if n)
    size = sum(n for _v, n in items)
    if not size:
        return None
    position = fraction * (size - 1)
    low_rank, high_rank = math.floor(position), math.ceil(position)
    low = high = None
    seen = 0
    for value, count in items:
        if low is None and low_rank < seen + count:
            low = value
        if high_rank < seen + count:
            high = value
            break
        seen += count
    return low + (high - low) * (position - low_rank)


def _add_class(figures, histogram, row):
    n, state = row["n"], row["state"]
    valid = state not in NOT_VALID_STATES
    finished = state in FINISHED_STATES
    score = row["score"] or 0
    flags = {
        "total": True,
        "valid": valid,
        "withdrawn": state == "withdrawn",
        "invalid": state == "invalid",
        "overdue": valid and row["late"],
        "still_open": state in OPEN_STATES,
        "major": row["major"],
        "resolved": row["resolved"],
        "finished": finished,
        "followed_up": finished and row["followed"],
        "rated": score > 0,
        "dissatisfied": score in (1, 2),
        "transferred": row["transferred"],
        "repeats": row["repeat"],
    }
    for key, flag in flags.items():
        if flag:
            figures[key] += n
    figures["sum_sat"] += score * n
    figures["transfers"] += row["transfers"] or 0
    if row["resolved"]:
        days = row["days"] or 0
        figures["sum_days"] += days * n
        histogram[days] = histogram.get(days, 0) + n


def rollup(rows, fraction=0.9):
    """Key figures (counts, ``avg_days``, ``p90_days``, ``satisfaction``)
    of class rows ``{state, major, late, resolved, days, followed, score,
    transferred, repeat, n, transfers}``."""
    figures = dict.fromkeys(COUNTS, 0)
    histogram = {}
    for row in rows:
        _add_class(figures, histogram, row)
    resolved, rated = figures["resolved"], figures["rated"]
    figures["avg_days"] = figures["sum_days"] / resolved if resolved else None
    figures["p90_days"] = percentile_cont(histogram, fraction)
    figures["satisfaction"] = figures["sum_sat"] / rated if rated else None
    return figures
