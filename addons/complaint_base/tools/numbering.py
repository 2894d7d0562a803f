"""Complaint numbers (BASE-05): YYMM followed by a 4-digit monthly serial.

``23050001`` is the first complaint of May 2023.  The serial restarts each
month and is kept per company; beyond 9999 complaints in a month the serial
simply grows to 5 digits rather than failing.

The serials come from one ``ir.sequence`` per company with one date range
per month (standard implementation: a PostgreSQL sequence per range, so no
row is locked).  This module holds the ORM-free parts: the month of a date,
the interpolation of the sequence's prefix/suffix (the same keys as Odoo's
``ir.sequence``), the formatting of a number and the seed of a new range.
"""

import calendar
import datetime as dt
import re

#: prefix of the complaint sequences: the receipt month, YYMM
DEFAULT_PREFIX = "%(range_y)s%(range_month)s"
#: digits of the serial (more when a month has more complaints)
DEFAULT_PADDING = 4

#: the interpolation keys of ``ir.sequence`` and their strftime formats
_FORMATS = {
    "year": "%Y",
    "month": "%m",
    "day": "%d",
    "y": "%y",
    "doy": "%j",
    "woy": "%W",
    "weekday": "%w",
    "h24": "%H",
    "h12": "%I",
    "min": "%M",
    "sec": "%S",
}


def period_key(local_date):
    """The YYMM period of a local date, e.g. date(2023, 5, 17) -> '2305'."""
    return local_date.strftime("%y%m")


def format_number(period, serial):
    """Format a complaint number from its period and serial."""
    return f"{period}{serial:04d}"


def month_bounds(local_date):
    """First and last day of the month of ``local_date``."""
    last = calendar.monthrange(local_date.year, local_date.month)[1]
    return local_date.replace(day=1), local_date.replace(day=last)


def interpolation_dict(day, now=None):
    """Values of ``%(year)s``, ``%(range_month)s``... for a number of the
    month of ``day`` (the receipt date): the plain and ``range_`` keys take
    the receipt date, ``current_`` keys the time of numbering."""
    moment = dt.datetime.combine(day, dt.time())
    now = now or dt.datetime.now()
    values = {}
    for key, fmt in _FORMATS.items():
        values[key] = values[f"range_{key}"] = moment.strftime(fmt)
        values[f"current_{key}"] = now.strftime(fmt)
    return values


def interpolate(template, day, now=None):
    """A sequence prefix or suffix with its keys replaced."""
    return (template % interpolation_dict(day, now)) if template else ""


def render(prefix, serial, padding=DEFAULT_PADDING, suffix=""):
    """The number: interpolated prefix, zero-padded serial, suffix."""
    return f"{prefix}{serial:0{padding or 0}d}{suffix}"


def next_serial(names, prefix, suffix="", legacy_last=0):
    """First free serial of a month: one more than the highest serial among
    the existing numbers ``names`` of that month (those that read
    ``prefix`` + digits + ``suffix``) and than ``legacy_last`` (the counter
    used before the sequences), so that numbers never go back."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+){re.escape(suffix)}$")
    highest = legacy_last or 0
    for name in names:
        found = pattern.match(name or "")
        if found:
            highest = max(highest, int(found.group(1)))
    return highest + 1
