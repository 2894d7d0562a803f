"""Reporting periods (BASE-51): month, quarter and year boundaries.

Pure functions, no Odoo import.  Periods are half-open ``[start, end)``
ranges of *local* dates; :func:`local_range_to_utc` turns them into the
naive UTC datetimes Odoo stores, in the time zone of the place of business
(DL-1), so a complaint received at 23:30 on 31 March in Shanghai counts in
March even though it is 15:30 UTC.
"""

import datetime as dt

from .local_day import local_day_bounds

PERIOD_TYPES = ("month", "quarter", "year")


def _as_date(day):
    if isinstance(day, dt.datetime):
        return day.date()
    if isinstance(day, dt.date):
        return day
    if isinstance(day, str):
        return dt.date.fromisoformat(day[:10])
    raise TypeError(f"expected a date, got {day!r}")


def _check_type(period_type):
    if period_type not in PERIOD_TYPES:
        raise ValueError(
            f"unknown period type {period_type!r}; expected one of {PERIOD_TYPES}"
        )


def _add_months(day, months):
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _length(period_type):
    return {"month": 1, "quarter": 3, "year": 12}[period_type]


def period_bounds(period_type, day):
    """``(start, end)`` local dates of the period containing ``day``;
    ``end`` is the first day of the next period (exclusive)."""
    _check_type(period_type)
    day = _as_date(day)
    if period_type == "month":
        start = dt.date(day.year, day.month, 1)
    elif period_type == "quarter":
        start = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    else:
        start = dt.date(day.year, 1, 1)
    return start, _add_months(start, _length(period_type))


def previous_period(period_type, day):
    """``(start, end)`` of the period before the one containing ``day``."""
    start, _end = period_bounds(period_type, day)
    return period_bounds(period_type, start - dt.timedelta(days=1))


def last_complete_period(period_type, today):
    """The last period that ended on or before ``today`` (the one a
    scheduled report on ``today`` is about)."""
    return previous_period(period_type, today)


def period_key(period_type, day):
    """Stable key of the period containing ``day``: ``2025-03``,
    ``2025-Q1`` or ``2025``."""
    start, _end = period_bounds(period_type, day)
    if period_type == "month":
        return f"{start.year}-{start.month:02d}"
    if period_type == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def add_months(day, months):
    """First day of the month ``months`` months after the month of ``day``."""
    return _add_months(_as_date(day), months)


def month_starts(end_start, count):
    """The first days of the ``count`` months ending with the month that
    starts on ``end_start`` (oldest first), for trend charts."""
    end_start = dt.date(end_start.year, end_start.month, 1)
    return [_add_months(end_start, -offset) for offset in range(count - 1, -1, -1)]


def local_range_to_utc(start, end, tz_name=None):
    """Naive UTC datetimes of local midnight on ``start`` and ``end`` (the
    one implementation is :func:`.local_day.local_day_bounds`)."""
    return local_day_bounds(start, end, tz_name)


def ratio(part, whole, digits=1):
    """``part / whole`` in percent, rounded; ``None`` when ``whole`` is 0."""
    if not whole:
        return None
    return round(100.0 * part / whole, digits)


def trend(current, previous, digits=1):
    """Relative change in percent from ``previous`` to ``current``;
    ``None`` when there is nothing to compare with."""
    if current is None or previous is None or previous == 0:
        return None
    return round(100.0 * (current - previous) / abs(previous), digits)
