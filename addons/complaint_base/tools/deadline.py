"""Pure-Python deadline arithmetic for complaint handling (rules DL-1 … DL-5).

This module imports nothing from Odoo, so it can be unit-tested and
benchmarked without a database; the Odoo models only translate their records
into a :class:`WorkCalendar` and call :func:`compute_deadline`.

Counting rules (legal source: Civil Code of the People's Republic of China,
Book One, Chapter X "Periods", articles 200-204):

DL-1  Time zone.  Days are counted on the calendar of the place of business:
      the receipt date and the last day are *local* dates of the calendar's
      time zone (default ``Asia/Shanghai``).  Input and output datetimes are
      naive UTC, as Odoo stores ``fields.Datetime``.

DL-2  "Within N working days of receipt".  Civil Code art. 201 para. 1: a
      period counted in days does not include the day on which it starts;
      counting begins on the following day.  So the day of receipt is never
      counted, and the deadline is the end of the N-th working day strictly
      after the receipt date.  Art. 203 para. 2: the last day ends at 24:00,
      stored here as 23:59:59 local time (Odoo's Datetime has one-second
      resolution).

DL-3  "Within N calendar days".  Same counting as DL-2 (art. 201) but every
      day counts.  Art. 203 para. 1: when the last day of a period is a
      statutory holiday (weekends included), the period ends on the day
      after the holiday; here: the next working day, end of that day.

DL-4  "Within N hours / minutes".  Art. 201 para. 2: a period counted in
      hours starts at the moment provided for, so it is plain elapsed clock
      time from the start (weekends and holidays included).  The unit
      ``working_hours`` is a contractual period (art. 204 allows parties to
      agree otherwise): only the hours of the weekly working schedule on
      working days are counted, measured on the local wall clock.

DL-5  Working day.  A date is a working day when its weekday has attendance
      in the weekly schedule and it is not a public holiday, or when it is a
      make-up working day (调休, e.g. Sunday 2026-09-20 and Saturday
      2026-10-10 in China).  Public holidays ("Day off (substituted …)"
      included) and make-up days come from the ``holidays`` library; the
      administrator's overrides (extra holidays, extra working days) win over
      the library.
"""

import datetime as dt
from functools import lru_cache

import holidays as holidays_lib

from .local_time import (
    DEFAULT_TZ,
    _as_date,
    _end_of_local_day_cached,
    _to_naive_utc,
    _to_utc,
    end_of_local_day,
    get_tz,
)
from .work_calendar import DEFAULT_DAY_INTERVALS, DEFAULT_WEEKDAYS, WorkCalendar

__all__ = [
    "DEFAULT_DAY_INTERVALS",
    "DEFAULT_TZ",
    "DEFAULT_WEEKDAYS",
    "UNITS",
    "WorkCalendar",
    "add_pause",
    "build_calendar",
    "compute_deadline",
    "end_of_local_day",
    "get_tz",
]

UNITS = ("minutes", "hours", "working_hours", "working_days", "calendar_days")


# ---------------------------------------------------------------------------
# calendar from the holidays library + administrator overrides (DL-5)
# ---------------------------------------------------------------------------
def _normalize_years(years):
    if years is None:
        this_year = dt.date.today().year
        return tuple(range(this_year - 1, this_year + 3))
    if isinstance(years, int):
        return (years,)
    return tuple(sorted({int(y) for y in years}))


@lru_cache(maxsize=32)
def _library_days(country, subdiv, years):
    """(public holidays, make-up working days) of the holidays library."""
    if not country:
        return frozenset(), frozenset()
    lib = holidays_lib.country_holidays(country, subdiv=subdiv, years=list(years))
    wanted = set(years)
    off = frozenset(day for day in lib if day.year in wanted)
    # weekend_workdays also carries a few historical constants: keep the years
    # that were asked for.
    makeup = frozenset(
        day for day in getattr(lib, "weekend_workdays", ()) if day.year in wanted
    )
    return off, makeup


def _freeze_intervals(day_intervals):
    if day_intervals is None:
        return None
    return tuple(
        sorted(
            (int(wd), tuple((float(s), float(e)) for s, e in ivs))
            for wd, ivs in day_intervals.items()
        )
    )


@lru_cache(maxsize=64)
def _build_calendar_cached(
    country, subdiv, years, tz, weekdays, extra_holidays, extra_workdays, intervals
):
    off, makeup = _library_days(country, subdiv, years)
    holidays = (off - extra_workdays) | extra_holidays
    workdays = (makeup - extra_holidays) | extra_workdays
    return WorkCalendar(
        tz=tz,
        weekdays=weekdays,
        holidays=holidays,
        workdays=workdays,
        day_intervals=None if intervals is None else dict(intervals),
    )


def build_calendar(
    country="CN",
    subdiv=None,
    years=None,
    tz=DEFAULT_TZ,
    weekdays=DEFAULT_WEEKDAYS,
    extra_holidays=(),
    extra_workdays=(),
    day_intervals=None,
):
    """Build (and cache) a :class:`WorkCalendar` from the ``holidays`` library.

    :param country: ISO country code for ``holidays.country_holidays``
        (falsy: no public holidays at all, only the overrides)
    :param years: iterable of years (default: current year - 1 .. + 2)
    :param extra_holidays: administrator's extra non-working dates; they also
        cancel a library make-up working day on the same date
    :param extra_workdays: administrator's extra working dates; they also
        cancel a library holiday on the same date
    :raises ValueError: when a date is both an extra holiday and an extra
        working day
    """
    extra_h = frozenset(_as_date(d) for d in extra_holidays)
    extra_w = frozenset(_as_date(d) for d in extra_workdays)
    both = extra_h & extra_w
    if both:
        raise ValueError(
            "dates both extra holiday and extra working day: "
            + ", ".join(str(d) for d in sorted(both))
        )
    tz_key = tz if isinstance(tz, str) else get_tz(tz)
    return _build_calendar_cached(
        country or None,
        subdiv or None,
        _normalize_years(years),
        tz_key,
        tuple(sorted({int(wd) for wd in weekdays})),
        extra_h,
        extra_w,
        _freeze_intervals(day_intervals),
    )


# ---------------------------------------------------------------------------
# deadlines
# ---------------------------------------------------------------------------
def compute_deadline(start_utc, amount, unit, calendar):
    """Deadline (naive UTC) of a period of ``amount`` ``unit`` from ``start_utc``.

    * ``working_days`` (DL-2): end (23:59:59 local) of the ``amount``-th
      working day after the local receipt date; the receipt day is not
      counted (Civil Code art. 201).
    * ``calendar_days`` (DL-3): end of local receipt date + ``amount`` days,
      moved to the next working day when that day is not one (art. 203).
    * ``hours`` / ``minutes`` (DL-4): ``start_utc`` + elapsed clock time.
    * ``working_hours`` (DL-4): ``amount`` hours of the weekly schedule on
      working days, counted from ``start_utc`` on the local wall clock.

    :param start_utc: naive UTC datetime (an aware datetime is converted)
    :raises ValueError: unknown unit, negative or non-numeric amount,
        fractional day count
    """
    if unit not in UNITS:
        raise ValueError(f"unknown deadline unit {unit!r}; expected one of {UNITS}")
    if (
        amount is None
        or isinstance(amount, bool)
        or not isinstance(amount, int | float)
    ):
        raise ValueError(f"deadline amount must be a number, got {amount!r}")
    if amount < 0:
        raise ValueError(f"deadline amount must not be negative, got {amount!r}")
    if unit == "working_days":
        local_day = calendar.to_local(start_utc).date()
        day = calendar.add_working_days(local_day, amount)
        return _end_of_local_day_cached(day, calendar.tz)
    if unit == "calendar_days":
        local_day = calendar.to_local(start_utc).date()
        day = calendar.add_calendar_days(local_day, amount)
        return _end_of_local_day_cached(day, calendar.tz)
    start = _to_naive_utc(start_utc)
    if unit == "minutes":
        return start + dt.timedelta(minutes=amount)
    if unit == "hours":
        return start + dt.timedelta(hours=amount)
    # working_hours
    local_start = calendar.to_local(start)
    local_end = calendar.add_working_time(local_start, amount * 3600)
    if local_end == local_start:
        return start
    return _to_utc(local_end, calendar.tz)


def add_pause(deadline_utc, paused_seconds=0, paused_working_days=0, calendar=None):
    """Deadline moved by a clock pause (BASE-56), naive UTC in and out.

    ``paused_working_days`` moves the deadline to the same local time of the
    ``paused_working_days``-th working day after its local date (so an
    end-of-day deadline stays at 23:59:59 local); needs ``calendar``.
    ``paused_seconds`` is then added as elapsed clock time.
    """
    if deadline_utc is None:
        return None
    if paused_seconds < 0 or paused_working_days < 0:
        raise ValueError("pause durations must not be negative")
    result = _to_naive_utc(deadline_utc)
    if paused_working_days:
        if calendar is None:
            raise ValueError("a calendar is needed to pause by working days")
        local = calendar.to_local(result)
        day = calendar.add_working_days(local.date(), paused_working_days)
        result = _to_utc(dt.datetime.combine(day, local.time()), calendar.tz)
    if paused_seconds:
        result += dt.timedelta(seconds=paused_seconds)
    return result
