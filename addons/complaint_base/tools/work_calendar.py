"""The working calendar (DL-5): weekly schedule, public holidays and
make-up working days in one time zone, pure Python, no ORM."""

import datetime as dt
from types import MappingProxyType

from .local_time import (
    _ONE_DAY,
    DEFAULT_TZ,
    _as_date,
    _check_count,
    _fixed_offset_tail,
    _to_local,
    get_tz,
)

DEFAULT_WEEKDAYS = (0, 1, 2, 3, 4)
# Default weekly schedule for ``working_hours``: 09:00-12:00 and 13:00-18:00.
DEFAULT_DAY_INTERVALS = MappingProxyType(
    {wd: ((9.0, 12.0), (13.0, 18.0)) for wd in DEFAULT_WEEKDAYS}
)


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
