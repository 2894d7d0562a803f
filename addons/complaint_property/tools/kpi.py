"""PROP-07 / PROP-06 / PROP-10: repair KPIs and reporting periods.

Pure functions: the report and the tests feed them plain dictionaries.
"""

import calendar
import datetime as dt

#: PROP-07: share of repairs on time (及时率) must reach 98 %
ON_TIME_TARGET = 98.0
#: PROP-07: share of repairs done again (返修率) must stay at or below 1 %
REWORK_LIMIT = 1.0
#: PROP-06: every completed repair gets its callback (回访率 100 %)
CALLBACK_TARGET = 100.0


def rate(part, whole):
    """Percentage rounded to one decimal, None when ``whole`` is 0."""
    if not whole:
        return None
    return round(100.0 * part / whole, 1)


def summarize(rows, key=None):
    """KPIs of completed repair orders, grouped by ``key(row)``.

    Each row is a dict with the booleans ``on_time``, ``reworked`` (a rework
    order had to be opened for it) and ``callback_done``.  Returns
    ``{group: {completed, on_time, reworked, callbacks, on_time_rate,
    rework_rate, callback_rate, on_time_ok, rework_ok, callback_ok}}``; the
    ``*_ok`` flags compare with the targets (None without orders).
    """
    key = key or (lambda row: None)
    counts = {}
    for row in rows:
        group = counts.setdefault(
            key(row), {"completed": 0, "on_time": 0, "reworked": 0, "callbacks": 0}
        )
        group["completed"] += 1
        group["on_time"] += bool(row.get("on_time"))
        group["reworked"] += bool(row.get("reworked"))
        group["callbacks"] += bool(row.get("callback_done"))
    result = {}
    for group_key, group in counts.items():
        on_time = rate(group["on_time"], group["completed"])
        rework = rate(group["reworked"], group["completed"])
        callback = rate(group["callbacks"], group["completed"])
        result[group_key] = dict(
            group,
            on_time_rate=on_time,
            rework_rate=rework,
            callback_rate=callback,
            on_time_ok=None if on_time is None else on_time >= ON_TIME_TARGET,
            rework_ok=None if rework is None else rework <= REWORK_LIMIT,
            callback_ok=None if callback is None else callback >= CALLBACK_TARGET,
        )
    return result


def period_bounds(kind, day):
    """``(first, last)`` dates of the period of ``kind`` containing ``day``.

    * ``half_month``: 1st-15th or 16th-end of month (半月总结, PROP-10);
    * ``month``;
    * ``quarter``: calendar quarter (季度管理报告, PROP-10).
    """
    if isinstance(day, dt.datetime):
        day = day.date()
    last_day = calendar.monthrange(day.year, day.month)[1]
    if kind == "half_month":
        if day.day <= 15:
            return day.replace(day=1), day.replace(day=15)
        return day.replace(day=16), day.replace(day=last_day)
    if kind == "month":
        return day.replace(day=1), day.replace(day=last_day)
    if kind == "quarter":
        first_month = 3 * ((day.month - 1) // 3) + 1
        last_month = first_month + 2
        return (
            dt.date(day.year, first_month, 1),
            dt.date(day.year, last_month, calendar.monthrange(day.year, last_month)[1]),
        )
    raise ValueError(f"unknown period kind {kind!r}")


def ranked_counts(labels):
    """``[(label, count)]`` of the labels, most frequent first, then by
    label (the categories of the summary report, PROP-10)."""
    counts = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def counts_in_order(keys, values):
    """``[(key, count)]`` for every key of ``keys`` in its order, zero
    included: how many of ``values`` are each key (repair types)."""
    counts = dict.fromkeys(keys, 0)
    for value in values:
        counts[value] += 1
    return list(counts.items())


def targets():
    """The PROP-06/07 targets the report prints next to the rates."""
    return {
        "on_time": ON_TIME_TARGET,
        "rework": REWORK_LIMIT,
        "callback": CALLBACK_TARGET,
    }
