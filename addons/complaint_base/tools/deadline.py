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
from types import MappingProxyType

import holidays as holidays_lib
import pytz

__all__ = [
    "DEFAULT_DAY_INTERVALS",
    "DEFAULT_TZ",
    "UNITS",
    "WorkCalendar",
    "add_pause",
    "build_calendar",
    "compute_deadline",
    "end_of_local_day",
    "get_tz",
]

UNITS = ("minutes", "hours", "working_hours", "working_days", "calendar_days")
DEFAULT_TZ = "Asia/Shanghai"
DEFAULT_WEEKDAYS = (0, 1, 2, 3, 4)
# Default weekly schedule for ``working_hours``: 09:00-12:00 and 13:00-18:00.
DEFAULT_DAY_INTERVALS = MappingProxyType(
    {wd: ((9.0, 12.0), (13.0, 18.0)) for wd in DEFAULT_WEEKDAYS}
)
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


# ---------------------------------------------------------------------------
# working calendar (DL-5)
# ---------------------------------------------------------------------------
def _normalize_intervals(day_intervals):
    if day_intervals is None:
        day_intervals = DEFAULT_DAY_INTERVALS
    result = {}
    for wd, intervals in day_intervals.items():
        wd = int(wd)
        if not 0 <= wd <= 6:
            raise ValueError(f"weekday must be 0 (Monday) .. 6 (Sunday), got {wd}")
        clean = []
        for start, end in intervals:
            start, end = float(start), float(end)
            if not 0.0 <= start < end <= 24.0:
                raise ValueError(f"invalid working interval ({start}, {end})")
            clean.append((start, end))
        clean.sort()
        for (_s1, e1), (s2, _e2) in zip(clean, clean[1:], strict=False):
            if s2 < e1:
                raise ValueError(f"overlapping working intervals on weekday {wd}")
        if clean:
            result[wd] = tuple(clean)
    return result


class WorkCalendar:
    """Weekly schedule + public holidays + make-up working days, in one zone.

    Immutable and hashable (equal calendars hash equal); build it once and
    reuse it for thousands of computations.  At construction it precomputes,
    over the span of its holiday/make-up dates (plus margin), a sorted list of
    working-day ordinals and a running count, so :meth:`add_working_days` and
    :meth:`working_days_between` are O(1) inside that span; outside of it
    only the weekly pattern applies and whole weeks are skipped arithmetically.

    :param tz: time-zone name or tzinfo of the place of business (DL-1)
    :param weekdays: weekday numbers (Monday = 0) with attendance
    :param holidays: dates that are not worked (public holidays); they win
        over ``weekdays``
    :param workdays: make-up working days (调休); they win over ``holidays``
        and over weekends
    :param day_intervals: ``{weekday: [(start_hour, end_hour), ...]}`` used
        by the ``working_hours`` unit (default 09-12 and 13-18 Monday to
        Friday).  A working day whose weekday has no intervals of its own
        (typically a make-up Saturday or Sunday) uses the Monday intervals
        (or, without Monday, those of the first weekday that has some).
    """

    __slots__ = (
        "_cum",
        "_fixed_delta",
        "_fixed_from",
        "_hash",
        "_hi",
        "_key",
        "_lo",
        "_makeup_intervals",
        "_week_mask",
        "_weekly_hours",
        "_work_ords",
        "day_intervals",
        "holidays",
        "tz",
        "tz_name",
        "weekdays",
        "workdays",
    )

    def __init__(
        self,
        tz=DEFAULT_TZ,
        weekdays=DEFAULT_WEEKDAYS,
        holidays=(),
        workdays=(),
        day_intervals=None,
    ):
        tzinfo = get_tz(tz)
        weekdays = frozenset(int(wd) for wd in weekdays)
        if any(not 0 <= wd <= 6 for wd in weekdays):
            raise ValueError(f"weekdays must be within 0..6, got {sorted(weekdays)}")
        workdays = frozenset(_as_date(d) for d in workdays)
        holidays = frozenset(_as_date(d) for d in holidays) - workdays
        intervals = _normalize_intervals(day_intervals)
        if 0 in intervals:
            makeup = intervals[0]
        else:
            makeup = next((intervals[wd] for wd in sorted(intervals)), ())
        tz_name = getattr(tzinfo, "zone", None) or str(tzinfo)

        setattr_ = object.__setattr__
        setattr_(self, "tz", tzinfo)
        setattr_(self, "tz_name", tz_name)
        setattr_(self, "weekdays", weekdays)
        setattr_(self, "holidays", holidays)
        setattr_(self, "workdays", workdays)
        setattr_(self, "day_intervals", intervals)
        setattr_(self, "_makeup_intervals", makeup)
        setattr_(self, "_week_mask", tuple(wd in weekdays for wd in range(7)))
        setattr_(
            self,
            "_weekly_hours",
            any(intervals.get(wd, makeup) for wd in weekdays),
        )
        key = (
            tz_name,
            tuple(sorted(weekdays)),
            tuple(sorted(holidays)),
            tuple(sorted(workdays)),
            tuple(sorted(intervals.items())),
        )
        fixed_from, fixed_delta = _fixed_offset_tail(tzinfo)
        setattr_(self, "_fixed_from", fixed_from)
        setattr_(self, "_fixed_delta", fixed_delta)
        setattr_(self, "_key", key)
        setattr_(self, "_hash", hash(key))
        self._build_index()

    # -- immutability / identity ---------------------------------------------
    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name):
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other):
        if not isinstance(other, WorkCalendar):
            return NotImplemented
        return self._key == other._key

    def __hash__(self):
        return self._hash

    def __repr__(self):
        return (
            f"WorkCalendar(tz={self.tz_name!r}, weekdays={sorted(self.weekdays)}, "
            f"{len(self.holidays)} holidays, {len(self.workdays)} workdays, "
            f"index {dt.date.fromordinal(self._lo)}..{dt.date.fromordinal(self._hi)})"
        )

    # -- precomputed index -----------------------------------------------------
    def _build_index(self):
        special = self.holidays | self.workdays
        if special:
            first, last = min(special).year, max(special).year
        else:
            first = last = dt.date.today().year
        lo = dt.date(max(first - 1, dt.MINYEAR), 1, 1).toordinal()
        hi = dt.date(min(last + 2, dt.MAXYEAR - 1), 12, 31).toordinal()
        work_ords = []
        cum = []  # cum[i] = working days in [lo, lo + i]
        count = 0
        is_working = self._is_working_ordinal_slow
        for ordinal in range(lo, hi + 1):
            if is_working(ordinal):
                count += 1
                work_ords.append(ordinal)
            cum.append(count)
        setattr_ = object.__setattr__
        setattr_(self, "_lo", lo)
        setattr_(self, "_hi", hi)
        setattr_(self, "_work_ords", tuple(work_ords))
        setattr_(self, "_cum", tuple(cum))

    def _is_working_ordinal_slow(self, ordinal):
        day = dt.date.fromordinal(ordinal)
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return self._week_mask[day.weekday()]

    def _pattern_working(self, ordinal):
        # date.weekday() == (ordinal + 6) % 7
        return self._week_mask[(ordinal + 6) % 7]

    def _pattern_count(self, a, b):
        """Pattern working days in the ordinal range (a, b]; 0 when b <= a."""
        if b <= a:
            return 0
        span = b - a
        weeks, rest = divmod(span, 7)
        count = weeks * len(self.weekdays)
        for ordinal in range(a + 1, a + 1 + rest):
            count += self._pattern_working(ordinal)
        return count

    def _pattern_add(self, a, n):
        """Ordinal of the n-th (n >= 1) pattern working day after ordinal a."""
        per_week = len(self.weekdays)
        if not per_week:
            raise ValueError(
                "the calendar has no working weekday: cannot count working days "
                f"beyond {dt.date.fromordinal(self._hi)}"
            )
        weeks = (n - 1) // per_week
        a += 7 * weeks
        n -= weeks * per_week
        while n:
            a += 1
            n -= self._pattern_working(a)
        return a

    def _rank(self, ordinal):
        """Working days in [lo, ordinal] (negative count before lo)."""
        if ordinal < self._lo:
            return -self._pattern_count(ordinal, self._lo - 1)
        if ordinal > self._hi:
            return len(self._work_ords) + self._pattern_count(self._hi, ordinal)
        return self._cum[ordinal - self._lo]

    def _is_working_ordinal(self, ordinal):
        lo = self._lo
        if lo <= ordinal <= self._hi:
            i = ordinal - lo
            return self._cum[i] != (self._cum[i - 1] if i else 0)
        return self._pattern_working(ordinal)

    # -- public API --------------------------------------------------------------
    def to_local(self, start_utc):
        """Naive local wall-clock datetime of a naive (or aware) UTC datetime
        (DL-1); constant-offset fast path where the zone has no transition."""
        if start_utc.tzinfo is None and start_utc >= self._fixed_from:
            return start_utc + self._fixed_delta
        return _to_local(start_utc, self.tz)

    def is_working_day(self, day):
        """DL-5: True when ``day`` (a local date) is a working day."""
        return self._is_working_ordinal(_as_date(day).toordinal())

    def next_working_day(self, day, include_self=True):
        """First working day on or after ``day`` (strictly after if not
        ``include_self``)."""
        day = _as_date(day)
        if include_self and self.is_working_day(day):
            return day
        return self.add_working_days(day, 1)

    def add_working_days(self, day, n):
        """DL-2: the ``n``-th working day strictly after ``day``.

        The start day itself is never counted (Civil Code art. 201 para. 1),
        whether or not it is a working day.  ``n == 0`` gives ``day`` itself
        when it is a working day, else the next working day.
        """
        day = _as_date(day)
        n = _check_count(n)
        if n == 0:
            return self.next_working_day(day)
        ordinal = day.toordinal()
        lo, hi = self._lo, self._hi
        if ordinal < lo:
            before = self._pattern_count(ordinal, lo - 1)
            if n <= before:
                return dt.date.fromordinal(self._pattern_add(ordinal, n))
            n -= before
            ordinal = lo - 1
        if ordinal > hi:
            return dt.date.fromordinal(self._pattern_add(ordinal, n))
        target = (self._cum[ordinal - lo] if ordinal >= lo else 0) + n
        work_ords = self._work_ords
        if target <= len(work_ords):
            return dt.date.fromordinal(work_ords[target - 1])
        return dt.date.fromordinal(self._pattern_add(hi, target - len(work_ords)))

    def add_calendar_days(self, day, n):
        """DL-3: ``day + n`` days, rolled forward to a working day (art. 203)."""
        day = _as_date(day)
        n = _check_count(n)
        return self.next_working_day(day + dt.timedelta(days=n))

    def working_days_between(self, start_day, end_day):
        """Working days in ``(start_day, end_day]``.

        Negative (minus the working days in ``(end_day, start_day]``) when
        ``end_day`` is before ``start_day``; useful for "N working days
        overdue".
        """
        a = _as_date(start_day).toordinal()
        b = _as_date(end_day).toordinal()
        return self._rank(b) - self._rank(a)

    def working_intervals(self, day):
        """Working intervals ``((start_hour, end_hour), ...)`` of a local date
        (empty on non-working days); a working day whose weekday has no
        intervals (make-up day) uses the Monday intervals."""
        day = _as_date(day)
        if not self.is_working_day(day):
            return ()
        wd = day.weekday()
        if wd in self.day_intervals:
            return self.day_intervals[wd]
        return self._makeup_intervals

    @property
    def index_range(self):
        """(first, last) date of the precomputed working-day index."""
        return dt.date.fromordinal(self._lo), dt.date.fromordinal(self._hi)

    # -- working hours (DL-4) -----------------------------------------------------
    def add_working_time(self, start_local, seconds):
        """Naive local datetime after ``seconds`` of working time from the
        naive local datetime ``start_local`` (DL-4, unit ``working_hours``)."""
        if seconds <= 0:
            return start_local
        if not self._weekly_hours and not (self.workdays and self._makeup_intervals):
            raise ValueError("the calendar has no working hours")
        remaining = dt.timedelta(seconds=seconds)
        day = start_local.date()
        while True:
            if day.toordinal() > self._hi and not self._weekly_hours:
                raise ValueError(
                    "the calendar has no weekly working hours: cannot count working "
                    f"hours beyond {dt.date.fromordinal(self._hi)}"
                )
            for start_h, end_h in self.working_intervals(day):
                begin = _hour_to_datetime(day, start_h)
                end = _hour_to_datetime(day, end_h)
                if end <= start_local:
                    continue
                begin = max(begin, start_local)
                available = end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
            day += _ONE_DAY


def _hour_to_datetime(day, hour):
    seconds = round(hour * 3600)
    return dt.datetime.combine(day, dt.time.min) + dt.timedelta(seconds=seconds)


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
