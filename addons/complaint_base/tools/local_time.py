"""Local days of the place of business (DL-1), pure Python, no ORM.

Days are counted on the calendar of the complaint's time zone (default
``Asia/Shanghai``); Odoo stores naive UTC datetimes.  These helpers convert
between the two and give the end of a local day (23:59:59, Civil Code
art. 203).  Used by the deadline engine (``deadline.py``,
``work_calendar.py``) and by the reports.
"""

import datetime as dt
from functools import lru_cache

import pytz

DEFAULT_TZ = "Asia/Shanghai"
END_OF_DAY = dt.time(23, 59, 59)

_UTC = pytz.utc
_ONE_DAY = dt.timedelta(days=1)


# ---------------------------------------------------------------------------
# time-zone helpers (DL-1)
# ---------------------------------------------------------------------------
@lru_cache(maxsize=128)
def _tz_by_name(name):
    return pytz.timezone(name)


def get_tz(tz):
    """Return a cached pytz time zone for a name (a tzinfo is returned as is)."""
    if tz is None or tz == "":
        tz = DEFAULT_TZ
    if isinstance(tz, str):
        return _tz_by_name(tz)
    return tz


def _localize(tz, naive_local):
    """Attach ``tz`` to a naive local datetime (pytz needs ``localize``)."""
    localize = getattr(tz, "localize", None)
    if localize is not None:
        return localize(naive_local)
    return naive_local.replace(tzinfo=tz)


def _to_local(start_utc, tz):
    """Naive local wall-clock datetime of a naive (or aware) UTC datetime."""
    if start_utc.tzinfo is None:
        start_utc = start_utc.replace(tzinfo=_UTC)
    return start_utc.astimezone(tz).replace(tzinfo=None)


def _to_utc(naive_local, tz):
    """Naive UTC datetime of a naive local wall-clock datetime."""
    return _localize(tz, naive_local).astimezone(_UTC).replace(tzinfo=None)


def _to_naive_utc(value):
    if value.tzinfo is not None:
        return value.astimezone(_UTC).replace(tzinfo=None)
    return value


def _fixed_offset_tail(tz):
    """``(since, offset)``: from the naive UTC instant ``since`` on, ``tz`` keeps
    the constant UTC ``offset`` (pytz zones list their transitions; e.g.
    Asia/Shanghai has none since 1991).  ``(datetime.max, None)`` if unknown.
    """
    transitions = getattr(tz, "_utc_transition_times", None)
    infos = getattr(tz, "_transition_info", None)
    if transitions and infos:  # pytz DstTzInfo: same lookup as tz.fromutc()
        return transitions[-1], infos[-1][0]
    if transitions is None and hasattr(tz, "localize"):  # pytz UTC / StaticTzInfo
        return dt.datetime.min, tz.utcoffset(dt.datetime(2000, 1, 1))
    return dt.datetime.max, None


@lru_cache(maxsize=8192)
def _end_of_local_day_cached(day, tz):
    return _to_utc(dt.datetime.combine(day, END_OF_DAY), tz)


def end_of_local_day(day, tz=DEFAULT_TZ):
    """Naive UTC datetime of 23:59:59 local time on ``day`` (DL-1, art. 203).

    ``day`` may be a date or a datetime (its date part is used as is);
    ``tz`` is a time-zone name or a tzinfo.
    """
    if isinstance(day, dt.datetime):
        day = day.date()
    return _end_of_local_day_cached(day, get_tz(tz))


def _as_date(day):
    if isinstance(day, dt.datetime):
        return day.date()
    if isinstance(day, dt.date):
        return day
    raise TypeError(f"expected a date, got {day!r}")


def _check_count(n, what="n"):
    """Validate a whole, non-negative number of days."""
    if isinstance(n, bool) or not isinstance(n, int | float):
        raise ValueError(f"{what} must be a number, got {n!r}")
    if n < 0:
        raise ValueError(f"{what} must not be negative, got {n!r}")
    if isinstance(n, float):
        if not n.is_integer():
            raise ValueError(f"{what} must be a whole number of days, got {n!r}")
        n = int(n)
    return n
