"""Local days of the company's complaint time zone, as UTC instants (DL-1).

Pure functions, no ORM.  Reports, dashboards and exports select complaints by
*local* days ("received in March", "from 1 to 15 June") while Odoo stores
naive UTC datetimes; the days are those of the time zone of the company's
complaint calendar (``res.company.complaint_tz``, default ``Asia/Shanghai``),
never the zone of the user who happens to print the report.  This module is
the one place that turns local days into UTC bounds (zones and the default
come from :mod:`.local_time`, the deadline engine's helpers), and back
(``local_date``).
"""

import datetime as dt

from . import local_time
from .local_time import DEFAULT_TZ, get_tz


def company_tz(company):
    """Name of the complaint time zone of ``company`` (a ``res.company``
    record or anything with a ``complaint_tz`` attribute; falsy: default)."""
    return (company and getattr(company, "complaint_tz", None)) or DEFAULT_TZ


def _as_date(day):
    """A date from a date, a datetime or an ISO string (a form's value)."""
    if isinstance(day, str):
        return dt.date.fromisoformat(day[:10])
    return local_time._as_date(day)


def local_midnight_utc(day, tz_name=None):
    """Naive UTC datetime of local midnight at the start of ``day``."""
    midnight = dt.datetime.combine(_as_date(day), dt.time.min)
    return local_time._to_utc(midnight, get_tz(tz_name or DEFAULT_TZ))


def local_date(moment_utc, tz_name=None):
    """The local date of the naive UTC datetime ``moment_utc``."""
    return local_time._to_local(moment_utc, get_tz(tz_name or DEFAULT_TZ)).date()


def local_day_bounds(first_day, end_day=None, tz_name=None, inclusive=False):
    """``(start, end)`` naive UTC datetimes of the local days from
    ``first_day`` to ``end_day``: ``start <= received_at < end``.

    ``end_day`` is exclusive (the day after the last one, as periods are
    half-open), unless ``inclusive`` is set (a "date to" field chosen by a
    user).  Without ``end_day`` the bounds are those of ``first_day`` alone.
    """
    first = _as_date(first_day)
    if end_day is None:
        end = first + dt.timedelta(days=1)
    else:
        end = _as_date(end_day)
        if inclusive:
            end += dt.timedelta(days=1)
    return local_midnight_utc(first, tz_name), local_midnight_utc(end, tz_name)
