"""Deadline arithmetic (rules DL-1 … DL-5, clock pauses BASE-56) without a DB.

Chinese calendar facts checked here (State Council holiday notices, as
shipped by the ``holidays`` library 0.86):

* Spring Festival 2025: Jan 28 - Feb 4 off; Sun Jan 26 and Sat Feb 8 worked.
* National Day + Mid-Autumn 2025: Oct 1 - 8 off; Sun Sep 28, Sat Oct 11 worked.
* New Year 2026: Jan 1 - 3 off; Sun Jan 4 worked.
* Spring Festival 2026: Feb 15 - 23 off; Sat Feb 14 and Sat Feb 28 worked.
* Mid-Autumn 2026: Fri Sep 25 off.
* National Day 2026: Oct 1 - 7 off; Sun Sep 20 and Sat Oct 10 worked.
* 2027: the library knows the holidays but no make-up working days yet, so
  the 2027 tests state them as administrator overrides.

All local times are Asia/Shanghai (UTC+8, no daylight saving time).
"""

import datetime as dt

from odoo.tests import tagged
from odoo.tests.common import BaseCase

from ..tools.deadline import (
    UNITS,
    WorkCalendar,
    add_pause,
    build_calendar,
    compute_deadline,
    end_of_local_day,
    get_tz,
)

D = dt.date
SHANGHAI = dt.timedelta(hours=8)
YEARS = (2025, 2026, 2027)


def local(*args):
    """Naive UTC datetime of a Shanghai wall-clock time."""
    return dt.datetime(*args) - SHANGHAI


def eod(*args):
    """Naive UTC datetime of 23:59:59 Shanghai time on a date."""
    return dt.datetime(*args, 23, 59, 59) - SHANGHAI


def daterange(first, last):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def naive_is_working(day, weekdays, holidays, workdays):
    if day in workdays:
        return True
    return day.weekday() in weekdays and day not in holidays


def naive_add_working_days(day, n, weekdays, holidays, workdays):
    """Day-by-day reference implementation of DL-2."""
    if n == 0:
        while not naive_is_working(day, weekdays, holidays, workdays):
            day += dt.timedelta(days=1)
        return day
    while n:
        day += dt.timedelta(days=1)
        if naive_is_working(day, weekdays, holidays, workdays):
            n -= 1
    return day


@tagged("post_install", "-at_install")
class TestDeadlinePure(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cal = build_calendar("CN", years=YEARS)

    # ------------------------------------------------------------------
    # DL-5 working days: facts of the Chinese calendar (library + overrides)
    # ------------------------------------------------------------------
    def assertWorking(self, cal, days, expected):
        for day in days:
            with self.subTest(day=day):
                self.assertIs(cal.is_working_day(day), expected)

    def test_dl_5_library_spring_festival_2025(self):
        self.assertWorking(self.cal, daterange(D(2025, 1, 28), D(2025, 2, 4)), False)
        self.assertWorking(self.cal, [D(2025, 1, 26), D(2025, 2, 8)], True)
        self.assertWorking(self.cal, [D(2025, 1, 27), D(2025, 2, 5)], True)
        self.assertIn(D(2025, 1, 26), self.cal.workdays)
        self.assertIn(D(2025, 2, 3), self.cal.holidays)  # Day off (substituted)

    def test_dl_5_library_national_day_2025(self):
        self.assertWorking(self.cal, daterange(D(2025, 10, 1), D(2025, 10, 8)), False)
        self.assertWorking(self.cal, [D(2025, 9, 28), D(2025, 10, 11)], True)
        self.assertWorking(self.cal, [D(2025, 9, 30), D(2025, 10, 9)], True)

    def test_dl_5_library_new_year_2026_makeup_sunday_jan_4(self):
        self.assertWorking(self.cal, daterange(D(2026, 1, 1), D(2026, 1, 3)), False)
        self.assertWorking(self.cal, [D(2025, 12, 31), D(2026, 1, 4)], True)

    def test_dl_5_library_spring_festival_2026(self):
        self.assertWorking(self.cal, daterange(D(2026, 2, 15), D(2026, 2, 23)), False)
        self.assertWorking(self.cal, [D(2026, 2, 14), D(2026, 2, 28)], True)
        self.assertWorking(self.cal, [D(2026, 2, 13), D(2026, 2, 24)], True)
        self.assertFalse(self.cal.is_working_day(D(2026, 3, 1)))  # plain Sunday

    def test_dl_5_library_national_day_2026(self):
        self.assertWorking(self.cal, daterange(D(2026, 10, 1), D(2026, 10, 7)), False)
        self.assertWorking(self.cal, [D(2026, 9, 30), D(2026, 10, 8)], True)
        self.assertFalse(self.cal.is_working_day(D(2026, 9, 25)))  # Mid-Autumn

    def test_dl_5_makeup_sunday_2026_09_20_is_working(self):
        self.assertEqual(D(2026, 9, 20).weekday(), 6)
        self.assertTrue(self.cal.is_working_day(D(2026, 9, 20)))
        self.assertIn(D(2026, 9, 20), self.cal.workdays)

    def test_dl_5_makeup_saturday_2026_10_10_is_working(self):
        self.assertEqual(D(2026, 10, 10).weekday(), 5)
        self.assertTrue(self.cal.is_working_day(D(2026, 10, 10)))
        self.assertFalse(self.cal.is_working_day(D(2026, 10, 17)))  # next Saturday

    def test_dl_5_library_2027_holidays_present(self):
        self.assertWorking(self.cal, daterange(D(2027, 2, 5), D(2027, 2, 10)), False)
        self.assertWorking(self.cal, daterange(D(2027, 10, 1), D(2027, 10, 5)), False)
        self.assertWorking(self.cal, [D(2027, 2, 11), D(2027, 10, 6)], True)

    def test_dl_5_plain_weekdays_and_weekends(self):
        # Mon 2026-06-01 .. Sun 2026-06-07, no holiday that week
        week = list(daterange(D(2026, 6, 1), D(2026, 6, 7)))
        self.assertEqual(
            [self.cal.is_working_day(d) for d in week],
            [True, True, True, True, True, False, False],
        )

    def test_dl_5_every_day_2025_2027_matches_library(self):
        """Whole years: working <=> (weekday Mon-Fri and not a library
        holiday) or a library make-up day."""
        import holidays as holidays_lib

        lib = holidays_lib.country_holidays("CN", years=list(YEARS))
        makeup = {d for d in lib.weekend_workdays if d.year in YEARS}
        for day in daterange(D(2025, 1, 1), D(2027, 12, 31)):
            expected = day in makeup or (day.weekday() < 5 and day not in lib)
            self.assertIs(self.cal.is_working_day(day), expected, day)

    def test_dl_5_working_day_counts_per_year(self):
        # 261 Monday-Friday dates minus the 13 statutory holiday days of the
        # 2024 holiday regulation = 248 working days in 2025 and in 2026.
        self.assertEqual(
            self.cal.working_days_between(D(2024, 12, 31), D(2025, 12, 31)), 248
        )
        self.assertEqual(
            self.cal.working_days_between(D(2025, 12, 31), D(2026, 12, 31)), 248
        )

    def test_dl_5_admin_extra_holiday_pushes_deadline(self):
        start = local(2026, 6, 1, 10, 0)  # Monday
        plain = compute_deadline(start, 3, "working_days", self.cal)
        self.assertEqual(plain, eod(2026, 6, 4))
        cal = build_calendar("CN", years=YEARS, extra_holidays=[D(2026, 6, 3)])
        self.assertFalse(cal.is_working_day(D(2026, 6, 3)))
        self.assertEqual(
            compute_deadline(start, 3, "working_days", cal), eod(2026, 6, 5)
        )

    def test_dl_5_admin_extra_workday_pulls_deadline_in(self):
        start = local(2026, 6, 5, 10, 0)  # Friday
        self.assertEqual(
            compute_deadline(start, 1, "working_days", self.cal), eod(2026, 6, 8)
        )
        cal = build_calendar("CN", years=YEARS, extra_workdays=[D(2026, 6, 6)])
        self.assertTrue(cal.is_working_day(D(2026, 6, 6)))
        self.assertEqual(
            compute_deadline(start, 1, "working_days", cal), eod(2026, 6, 6)
        )

    def test_dl_5_admin_extra_workday_wins_over_library_holiday(self):
        cal = build_calendar("CN", years=YEARS, extra_workdays=[D(2026, 10, 7)])
        self.assertTrue(cal.is_working_day(D(2026, 10, 7)))
        self.assertNotIn(D(2026, 10, 7), cal.holidays)
        start = local(2026, 9, 30, 10, 0)
        self.assertEqual(
            compute_deadline(start, 1, "working_days", cal), eod(2026, 10, 7)
        )

    def test_dl_5_admin_extra_holiday_wins_over_library_makeup_day(self):
        cal = build_calendar("CN", years=YEARS, extra_holidays=[D(2026, 9, 20)])
        self.assertFalse(cal.is_working_day(D(2026, 9, 20)))
        self.assertNotIn(D(2026, 9, 20), cal.workdays)
        start = local(2026, 9, 18, 10, 0)
        self.assertEqual(
            compute_deadline(start, 1, "working_days", cal), eod(2026, 9, 21)
        )

    def test_dl_5_admin_conflicting_overrides_raise(self):
        with self.assertRaises(ValueError):
            build_calendar(
                "CN",
                years=YEARS,
                extra_holidays=[D(2026, 6, 3)],
                extra_workdays=[D(2026, 6, 3)],
            )

    def test_dl_5_2027_makeup_days_by_admin_override(self):
        """The library has no 2027 make-up days: the administrator enters
        them (hypothetical Spring Festival 2027 make-up Saturday Feb 13)."""
        receipt = local(2027, 2, 4, 10, 0)  # Thursday before the holiday
        # Without override: Feb 5-10 off, Feb 11 = 1st, Feb 12 = 2nd working day
        self.assertEqual(
            compute_deadline(receipt, 2, "working_days", self.cal), eod(2027, 2, 12)
        )
        self.assertEqual(
            compute_deadline(receipt, 3, "working_days", self.cal), eod(2027, 2, 15)
        )
        cal = build_calendar("CN", years=YEARS, extra_workdays=[D(2027, 2, 13)])
        self.assertTrue(cal.is_working_day(D(2027, 2, 13)))
        self.assertEqual(
            compute_deadline(receipt, 3, "working_days", cal), eod(2027, 2, 13)
        )

    def test_dl_5_2027_national_day_extra_holidays_by_admin(self):
        cal = build_calendar(
            "CN",
            years=YEARS,
            extra_holidays=[D(2027, 10, 6), D(2027, 10, 7)],
            extra_workdays=[D(2027, 9, 26), D(2027, 10, 9)],
        )
        receipt = local(2027, 9, 24, 10, 0)  # Friday
        # Sep 26 (Sun, make-up) 1, 27 2, 28 3, 29 4, 30 5, Oct 1-7 off,
        # Oct 8 6, Oct 9 (Sat, make-up) 7
        self.assertEqual(
            compute_deadline(receipt, 7, "working_days", cal), eod(2027, 10, 9)
        )
        # library only: Sep 27-30 = 1-4, Oct 1-5 off, Oct 6 5, 7 6, 8 7
        self.assertEqual(
            compute_deadline(receipt, 7, "working_days", self.cal), eod(2027, 10, 8)
        )

    def test_dl_5_workdays_win_over_holidays_and_weekends(self):
        day = D(2026, 6, 6)  # Saturday
        cal = WorkCalendar(holidays=[day], workdays=[day])
        self.assertTrue(cal.is_working_day(day))
        self.assertNotIn(day, cal.holidays)

    def test_dl_5_holidays_win_over_weekdays(self):
        cal = WorkCalendar(holidays=[D(2026, 6, 3)])
        self.assertFalse(cal.is_working_day(D(2026, 6, 3)))
        self.assertTrue(cal.is_working_day(D(2026, 6, 4)))

    def test_dl_5_custom_weekly_schedule_six_days(self):
        cal = WorkCalendar(weekdays=range(6))
        self.assertTrue(cal.is_working_day(D(2026, 6, 6)))  # Saturday
        self.assertFalse(cal.is_working_day(D(2026, 6, 7)))  # Sunday
        self.assertEqual(cal.add_working_days(D(2026, 6, 5), 2), D(2026, 6, 8))

    def test_dl_5_no_country_only_overrides(self):
        cal = build_calendar(None, years=[2026], extra_holidays=[D(2026, 10, 1)])
        self.assertFalse(cal.is_working_day(D(2026, 10, 1)))
        self.assertTrue(cal.is_working_day(D(2026, 10, 2)))  # no library holiday

    def test_dl_5_build_calendar_default_years_cover_current_year(self):
        cal = build_calendar("CN")
        first, last = cal.index_range
        this_year = dt.date.today().year
        self.assertLessEqual(first, D(this_year - 1, 1, 1))
        self.assertGreaterEqual(last, D(this_year + 2, 12, 31))
        self.assertFalse(cal.is_working_day(D(this_year, 10, 1)))

    def test_dl_5_build_calendar_is_cached_and_immutable(self):
        again = build_calendar("CN", years=list(YEARS))
        self.assertIs(again, self.cal)
        self.assertEqual(
            again, WorkCalendar(holidays=self.cal.holidays, workdays=self.cal.workdays)
        )
        self.assertEqual(
            hash(again),
            hash(WorkCalendar(holidays=again.holidays, workdays=again.workdays)),
        )
        self.assertEqual(len({self.cal, again, build_calendar("CN", years=[2026])}), 2)
        with self.assertRaises(AttributeError):
            self.cal.tz = "UTC"
        with self.assertRaises(AttributeError):
            self.cal.holidays.add(D(2026, 1, 5))

    def test_dl_5_library_historical_makeup_constants_ignored(self):
        # weekend_workdays of the library also lists e.g. 2001-12-29
        cal = build_calendar("CN", years=[2026])
        self.assertTrue(all(d.year == 2026 for d in cal.workdays))

    # ------------------------------------------------------------------
    # DL-2 working days
    # ------------------------------------------------------------------
    def test_dl_2_acceptance_15_working_days_from_2026_09_18(self):
        start = local(2026, 9, 18, 10, 0)  # Friday
        deadline = compute_deadline(start, 15, "working_days", self.cal)
        self.assertEqual(deadline, dt.datetime(2026, 10, 15, 15, 59, 59))
        self.assertEqual(deadline, eod(2026, 10, 15))

    def test_dl_2_acceptance_1_working_day_from_2026_09_30(self):
        start = local(2026, 9, 30, 10, 0)
        self.assertEqual(
            compute_deadline(start, 1, "working_days", self.cal), eod(2026, 10, 8)
        )

    def test_dl_2_acceptance_3_working_days_from_2026_09_30_makeup_saturday(self):
        start = local(2026, 9, 30, 10, 0)
        self.assertEqual(
            compute_deadline(start, 3, "working_days", self.cal), eod(2026, 10, 10)
        )

    def test_dl_2_acceptance_60_working_days_from_2026_09_18(self):
        start = local(2026, 9, 18, 10, 0)
        self.assertEqual(
            compute_deadline(start, 60, "working_days", self.cal), eod(2026, 12, 17)
        )

    def test_dl_2_receipt_day_not_counted(self):
        # Received Monday 09:00: Monday does not count, Tuesday is day 1.
        start = local(2026, 6, 1, 9, 0)
        self.assertEqual(
            compute_deadline(start, 1, "working_days", self.cal), eod(2026, 6, 2)
        )
        self.assertEqual(
            compute_deadline(start, 5, "working_days", self.cal), eod(2026, 6, 8)
        )

    def test_dl_2_time_of_receipt_within_the_day_irrelevant(self):
        results = {
            compute_deadline(local(2026, 6, 1, h, m), 2, "working_days", self.cal)
            for h, m in ((0, 0), (8, 59), (12, 0), (23, 59))
        }
        self.assertEqual(results, {eod(2026, 6, 3)})

    def test_dl_2_receipt_on_weekend(self):
        sat = local(2026, 6, 6, 10, 0)
        self.assertEqual(
            compute_deadline(sat, 1, "working_days", self.cal), eod(2026, 6, 8)
        )
        sun = local(2026, 6, 7, 10, 0)
        self.assertEqual(
            compute_deadline(sun, 1, "working_days", self.cal), eod(2026, 6, 8)
        )

    def test_dl_2_receipt_on_holiday(self):
        start = local(2026, 10, 3, 10, 0)  # National Day, Saturday
        self.assertEqual(
            compute_deadline(start, 1, "working_days", self.cal), eod(2026, 10, 8)
        )
        self.assertEqual(
            compute_deadline(start, 3, "working_days", self.cal), eod(2026, 10, 10)
        )

    def test_dl_2_receipt_on_makeup_day_not_counted(self):
        start = local(2026, 9, 20, 10, 0)  # make-up Sunday
        self.assertEqual(
            compute_deadline(start, 1, "working_days", self.cal), eod(2026, 9, 21)
        )

    def test_dl_2_zero_working_days(self):
        monday = local(2026, 6, 1, 10, 0)
        self.assertEqual(
            compute_deadline(monday, 0, "working_days", self.cal), eod(2026, 6, 1)
        )
        holiday = local(2026, 10, 2, 10, 0)
        self.assertEqual(
            compute_deadline(holiday, 0, "working_days", self.cal), eod(2026, 10, 8)
        )

    def test_dl_2_spring_festival_2025(self):
        start = local(2025, 1, 24, 15, 0)  # Friday
        # Jan 26 (Sun, make-up) 1, Jan 27 2, Jan 28-Feb 4 off, Feb 5 3,
        # Feb 6 4, Feb 7 5, Feb 8 (Sat, make-up) 6, Feb 10 7
        expected = {1: (1, 26), 2: (1, 27), 3: (2, 5), 5: (2, 7), 6: (2, 8), 7: (2, 10)}
        for n, (month, day) in expected.items():
            with self.subTest(n=n):
                self.assertEqual(
                    compute_deadline(start, n, "working_days", self.cal),
                    eod(2025, month, day),
                )

    def test_dl_2_national_day_2025(self):
        start = local(2025, 9, 26, 15, 0)  # Friday
        # Sep 28 (Sun) 1, 29 2, 30 3, Oct 1-8 off, Oct 9 4, 10 5, 11 (Sat) 6, 13 7
        expected = {1: (9, 28), 3: (9, 30), 4: (10, 9), 6: (10, 11), 7: (10, 13)}
        for n, (month, day) in expected.items():
            with self.subTest(n=n):
                self.assertEqual(
                    compute_deadline(start, n, "working_days", self.cal),
                    eod(2025, month, day),
                )

    def test_dl_2_spring_festival_2026(self):
        start = local(2026, 2, 13, 15, 0)  # Friday
        # Feb 14 (Sat) 1, Feb 15-23 off, Feb 24 2, 25 3, 26 4, 27 5, 28 (Sat) 6, Mar 2 7
        expected = {1: (2, 14), 2: (2, 24), 5: (2, 27), 6: (2, 28), 7: (3, 2)}
        for n, (month, day) in expected.items():
            with self.subTest(n=n):
                self.assertEqual(
                    compute_deadline(start, n, "working_days", self.cal),
                    eod(2026, month, day),
                )

    def test_dl_2_year_boundary_2025_2026(self):
        start = local(2025, 12, 31, 10, 0)  # Wednesday
        # Jan 1-3 off, Jan 4 (Sun, make-up) 1, Jan 5 2
        self.assertEqual(
            compute_deadline(start, 1, "working_days", self.cal), eod(2026, 1, 4)
        )
        self.assertEqual(
            compute_deadline(start, 2, "working_days", self.cal), eod(2026, 1, 5)
        )

    def test_dl_2_mid_autumn_2026(self):
        start = local(2026, 9, 24, 10, 0)  # Thursday; Fri Sep 25 is off
        self.assertEqual(
            compute_deadline(start, 1, "working_days", self.cal), eod(2026, 9, 28)
        )

    def test_dl_2_exhaustive_2025_2027_matches_day_by_day_loop(self):
        cal = self.cal
        weekdays, hol, work = cal.weekdays, cal.holidays, cal.workdays
        for day in daterange(D(2025, 1, 1), D(2027, 12, 31)):
            for n in (0, 1, 2, 3, 5, 10, 15, 20, 30, 60):
                expected = naive_add_working_days(day, n, weekdays, hol, work)
                if cal.add_working_days(day, n) != expected:
                    self.fail(f"add_working_days({day}, {n}) != {expected}")

    def test_dl_2_outside_precomputed_range_matches_loop(self):
        cal = self.cal
        first, last = cal.index_range
        weekdays, hol, work = cal.weekdays, cal.holidays, cal.workdays
        starts = list(
            daterange(first - dt.timedelta(days=40), first + dt.timedelta(days=10))
        )
        starts += list(
            daterange(last - dt.timedelta(days=10), last + dt.timedelta(days=20))
        )
        starts += [D(1990, 5, 17), D(2040, 2, 29), D(2100, 12, 30)]
        for day in starts:
            for n in (0, 1, 4, 5, 6, 15, 60, 300):
                expected = naive_add_working_days(day, n, weekdays, hol, work)
                self.assertEqual(cal.add_working_days(day, n), expected, (day, n))

    def test_dl_2_working_days_between(self):
        cal = self.cal
        self.assertEqual(cal.working_days_between(D(2026, 9, 18), D(2026, 10, 15)), 15)
        self.assertEqual(cal.working_days_between(D(2026, 9, 18), D(2026, 9, 18)), 0)
        self.assertEqual(cal.working_days_between(D(2026, 10, 15), D(2026, 9, 18)), -15)
        self.assertEqual(cal.working_days_between(D(2026, 9, 30), D(2026, 10, 7)), 0)
        weekdays, hol, work = cal.weekdays, cal.holidays, cal.workdays
        for start in (D(2025, 1, 20), D(2026, 9, 18), D(2027, 12, 20), D(2031, 3, 3)):
            for end in daterange(start, start + dt.timedelta(days=400)):
                expected = sum(
                    naive_is_working(d, weekdays, hol, work)
                    for d in daterange(start + dt.timedelta(days=1), end)
                )
                if cal.working_days_between(start, end) != expected:
                    self.fail(f"working_days_between({start}, {end}) != {expected}")

    def test_dl_2_add_working_days_inverse_of_working_days_between(self):
        cal = self.cal
        for day in daterange(D(2026, 1, 1), D(2026, 12, 31)):
            for n in (1, 15, 60):
                target = cal.add_working_days(day, n)
                self.assertEqual(cal.working_days_between(day, target), n)
                self.assertTrue(cal.is_working_day(target))

    def test_dl_2_next_working_day(self):
        cal = self.cal
        self.assertEqual(cal.next_working_day(D(2026, 10, 1)), D(2026, 10, 8))
        self.assertEqual(cal.next_working_day(D(2026, 10, 8)), D(2026, 10, 8))
        self.assertEqual(
            cal.next_working_day(D(2026, 10, 8), include_self=False), D(2026, 10, 9)
        )
        self.assertEqual(cal.next_working_day(D(2026, 9, 19)), D(2026, 9, 20))

    def test_dl_2_no_working_weekday_outside_range_raises(self):
        cal = WorkCalendar(weekdays=(), workdays=[D(2026, 6, 6)])
        self.assertEqual(cal.add_working_days(D(2026, 6, 1), 1), D(2026, 6, 6))
        with self.assertRaises(ValueError):
            cal.add_working_days(D(2026, 6, 1), 2)

    def test_dl_2_fractional_days_rejected_whole_float_accepted(self):
        start = local(2026, 6, 1, 10, 0)
        self.assertEqual(
            compute_deadline(start, 2.0, "working_days", self.cal), eod(2026, 6, 3)
        )
        with self.assertRaises(ValueError):
            compute_deadline(start, 1.5, "working_days", self.cal)

    # ------------------------------------------------------------------
    # DL-1 time zone
    # ------------------------------------------------------------------
    def test_dl_1_result_is_naive_utc_end_of_local_day(self):
        deadline = compute_deadline(local(2026, 6, 1, 10), 1, "working_days", self.cal)
        self.assertIsNone(deadline.tzinfo)
        self.assertEqual(deadline, dt.datetime(2026, 6, 2, 15, 59, 59))

    def test_dl_1_end_of_local_day_shanghai(self):
        self.assertEqual(
            end_of_local_day(D(2026, 10, 15), "Asia/Shanghai"),
            dt.datetime(2026, 10, 15, 15, 59, 59),
        )
        self.assertEqual(
            end_of_local_day(dt.datetime(2026, 10, 15, 3, 0), get_tz("Asia/Shanghai")),
            dt.datetime(2026, 10, 15, 15, 59, 59),
        )

    def test_dl_1_end_of_local_day_other_zones_with_dst(self):
        self.assertEqual(
            end_of_local_day(D(2026, 7, 1), "UTC"), dt.datetime(2026, 7, 1, 23, 59, 59)
        )
        # Europe/Berlin: UTC+2 in summer, UTC+1 in winter
        self.assertEqual(
            end_of_local_day(D(2026, 7, 1), "Europe/Berlin"),
            dt.datetime(2026, 7, 1, 21, 59, 59),
        )
        self.assertEqual(
            end_of_local_day(D(2026, 1, 15), "Europe/Berlin"),
            dt.datetime(2026, 1, 15, 22, 59, 59),
        )

    def test_dl_1_late_night_receipt_counts_local_date(self):
        # Friday 2026-09-18 23:30 local = 15:30 UTC: still Friday's receipt.
        start = dt.datetime(2026, 9, 18, 15, 30)
        self.assertEqual(start, local(2026, 9, 18, 23, 30))
        self.assertEqual(
            compute_deadline(start, 15, "working_days", self.cal), eod(2026, 10, 15)
        )

    def test_dl_1_early_morning_local_is_next_utc_date(self):
        # Tuesday 2026-09-22 00:30 local = Monday 16:30 UTC: counts Tuesday.
        start = dt.datetime(2026, 9, 21, 16, 30)
        self.assertEqual(
            compute_deadline(start, 1, "working_days", self.cal), eod(2026, 9, 23)
        )
        self.assertEqual(
            compute_deadline(start, 1, "calendar_days", self.cal), eod(2026, 9, 23)
        )

    def test_dl_1_local_midnight_boundary(self):
        before = dt.datetime(2026, 6, 5, 15, 59, 59)  # Fri 23:59:59 local
        after = dt.datetime(2026, 6, 5, 16, 0, 0)  # Sat 00:00:00 local
        self.assertEqual(
            compute_deadline(before, 1, "working_days", self.cal), eod(2026, 6, 8)
        )
        self.assertEqual(
            compute_deadline(after, 1, "working_days", self.cal), eod(2026, 6, 8)
        )
        self.assertEqual(
            compute_deadline(before, 1, "calendar_days", self.cal), eod(2026, 6, 8)
        )
        self.assertEqual(
            compute_deadline(after, 2, "calendar_days", self.cal), eod(2026, 6, 8)
        )
        thu_before = dt.datetime(2026, 6, 4, 15, 59, 59)  # Thu 23:59:59 local
        thu_after = dt.datetime(2026, 6, 4, 16, 0, 0)  # Fri 00:00 local
        self.assertEqual(
            compute_deadline(thu_before, 1, "working_days", self.cal), eod(2026, 6, 5)
        )
        self.assertEqual(
            compute_deadline(thu_after, 1, "working_days", self.cal), eod(2026, 6, 8)
        )

    def test_dl_1_other_calendar_time_zone(self):
        cal = WorkCalendar(tz="Europe/Berlin")
        # Mon 2026-06-01 23:30 UTC = Tue 01:30 Berlin -> 1 working day = Wed
        start = dt.datetime(2026, 6, 1, 23, 30)
        self.assertEqual(
            compute_deadline(start, 1, "working_days", cal),
            dt.datetime(2026, 6, 3, 21, 59, 59),
        )

    def test_dl_1_aware_start_accepted(self):
        aware = get_tz("Asia/Shanghai").localize(dt.datetime(2026, 9, 18, 10, 0))
        self.assertEqual(
            compute_deadline(aware, 15, "working_days", self.cal), eod(2026, 10, 15)
        )
        self.assertEqual(
            compute_deadline(aware, 1, "hours", self.cal),
            dt.datetime(2026, 9, 18, 3, 0),
        )

    def test_dl_1_to_local_matches_pytz_in_every_zone(self):
        import pytz

        starts = [
            dt.datetime(1985, 1, 1) + dt.timedelta(hours=h * 37 + h % 60)
            for h in range(0, 400_000, 97)
        ]
        for name in ("Asia/Shanghai", "Europe/Berlin", "America/New_York", "UTC"):
            cal = WorkCalendar(tz=name)
            tz = pytz.timezone(name)
            for start in starts:
                expected = pytz.utc.localize(start).astimezone(tz).replace(tzinfo=None)
                if cal.to_local(start) != expected:
                    self.fail(f"{name}: to_local({start}) != {expected}")

    def test_dl_1_historical_china_dst_1988(self):
        # China observed DST 1986-1991: 1988-07-01 15:30 UTC = 00:30 (UTC+9)
        # on Saturday 1988-07-02, so 1 working day lands on Monday 07-04.
        cal = WorkCalendar(holidays=[D(1988, 1, 1)])
        start = dt.datetime(1988, 7, 1, 15, 30)
        self.assertEqual(cal.to_local(start), dt.datetime(1988, 7, 2, 0, 30))
        self.assertEqual(
            compute_deadline(start, 1, "working_days", cal),
            dt.datetime(1988, 7, 4, 14, 59, 59),
        )

    def test_dl_1_tz_objects_cached(self):
        self.assertIs(get_tz("Asia/Shanghai"), get_tz("Asia/Shanghai"))
        self.assertIs(WorkCalendar().tz, get_tz("Asia/Shanghai"))
        self.assertEqual(WorkCalendar().tz_name, "Asia/Shanghai")

    # ------------------------------------------------------------------
    # DL-3 calendar days
    # ------------------------------------------------------------------
    def test_dl_3_acceptance_15_calendar_days_from_2026_09_18_rolls_to_2026_10_08(self):
        start = local(2026, 9, 18, 10, 0)
        # 2026-09-18 + 15 = 2026-10-03 (holiday) -> next working day Oct 8
        self.assertEqual(
            compute_deadline(start, 15, "calendar_days", self.cal), eod(2026, 10, 8)
        )

    def test_dl_3_every_day_counts(self):
        start = local(2026, 6, 1, 10, 0)  # Monday
        self.assertEqual(
            compute_deadline(start, 15, "calendar_days", self.cal), eod(2026, 6, 16)
        )
        self.assertEqual(
            compute_deadline(start, 1, "calendar_days", self.cal), eod(2026, 6, 2)
        )

    def test_dl_3_receipt_day_not_counted(self):
        start = local(2026, 6, 3, 23, 0)  # Wednesday late
        self.assertEqual(
            compute_deadline(start, 1, "calendar_days", self.cal), eod(2026, 6, 4)
        )

    def test_dl_3_last_day_weekend_rolls_to_monday(self):
        start = local(2026, 6, 1, 10, 0)
        # +5 = Sat 06-06, +6 = Sun 06-07 -> Mon 06-08
        self.assertEqual(
            compute_deadline(start, 5, "calendar_days", self.cal), eod(2026, 6, 8)
        )
        self.assertEqual(
            compute_deadline(start, 6, "calendar_days", self.cal), eod(2026, 6, 8)
        )

    def test_dl_3_last_day_rolls_onto_makeup_sunday(self):
        start = local(2026, 9, 4, 10, 0)
        # +15 = Sat 2026-09-19 -> Sun 2026-09-20 is a make-up working day
        self.assertEqual(
            compute_deadline(start, 15, "calendar_days", self.cal), eod(2026, 9, 20)
        )

    def test_dl_3_last_day_on_makeup_saturday_not_moved(self):
        start = local(2026, 9, 30, 10, 0)
        self.assertEqual(
            compute_deadline(start, 10, "calendar_days", self.cal), eod(2026, 10, 10)
        )

    def test_dl_3_spring_festival_2025(self):
        start = local(2025, 1, 20, 10, 0)
        # +10 = Jan 30 (holiday) -> Feb 5; +19 = Feb 8 (make-up Saturday)
        self.assertEqual(
            compute_deadline(start, 10, "calendar_days", self.cal), eod(2025, 2, 5)
        )
        self.assertEqual(
            compute_deadline(start, 19, "calendar_days", self.cal), eod(2025, 2, 8)
        )

    def test_dl_3_national_day_2025(self):
        start = local(2025, 9, 25, 10, 0)
        # +7 = Oct 2 (holiday) -> Oct 9
        self.assertEqual(
            compute_deadline(start, 7, "calendar_days", self.cal), eod(2025, 10, 9)
        )

    def test_dl_3_spring_festival_2026(self):
        start = local(2026, 2, 10, 10, 0)
        # +5 = Feb 15 (off) -> Feb 24; +4 = Feb 14 (make-up Saturday)
        self.assertEqual(
            compute_deadline(start, 5, "calendar_days", self.cal), eod(2026, 2, 24)
        )
        self.assertEqual(
            compute_deadline(start, 4, "calendar_days", self.cal), eod(2026, 2, 14)
        )

    def test_dl_3_exhaustive_2025_2027(self):
        cal = self.cal
        for day in daterange(D(2025, 1, 1), D(2027, 12, 31)):
            for n in (0, 1, 7, 15, 30):
                expected = day + dt.timedelta(days=n)
                while not cal.is_working_day(expected):
                    expected += dt.timedelta(days=1)
                self.assertEqual(cal.add_calendar_days(day, n), expected)

    # ------------------------------------------------------------------
    # DL-4 hours, minutes and working hours
    # ------------------------------------------------------------------
    def test_dl_4_hours_plain_clock_time_across_weekend(self):
        start = local(2026, 6, 5, 16, 0)  # Friday
        self.assertEqual(
            compute_deadline(start, 72, "hours", self.cal), local(2026, 6, 8, 16, 0)
        )
        self.assertEqual(
            compute_deadline(start, 24, "hours", self.cal), local(2026, 6, 6, 16, 0)
        )

    def test_dl_4_hours_plain_clock_time_across_holiday(self):
        start = local(2026, 9, 30, 20, 0)
        self.assertEqual(
            compute_deadline(start, 48, "hours", self.cal), local(2026, 10, 2, 20, 0)
        )

    def test_dl_4_minutes_plain_clock_time(self):
        start = local(2026, 10, 1, 23, 30)  # holiday, late night
        self.assertEqual(
            compute_deadline(start, 90, "minutes", self.cal), local(2026, 10, 2, 1, 0)
        )
        self.assertEqual(compute_deadline(start, 0, "minutes", self.cal), start)

    def test_dl_4_fractional_hours(self):
        start = dt.datetime(2026, 6, 1, 2, 0, 0)
        self.assertEqual(
            compute_deadline(start, 1.5, "hours", self.cal),
            dt.datetime(2026, 6, 1, 3, 30),
        )

    def test_dl_4_working_hours_friday_16_to_monday_11(self):
        start = local(2026, 6, 5, 16, 0)  # Friday
        self.assertEqual(
            compute_deadline(start, 4, "working_hours", self.cal),
            local(2026, 6, 8, 11, 0),
        )

    def test_dl_4_working_hours_lunch_excluded(self):
        start = local(2026, 6, 1, 11, 0)  # Monday
        self.assertEqual(
            compute_deadline(start, 2, "working_hours", self.cal),
            local(2026, 6, 1, 14, 0),
        )
        self.assertEqual(
            compute_deadline(start, 1, "working_hours", self.cal),
            local(2026, 6, 1, 12, 0),
        )

    def test_dl_4_working_hours_across_holiday(self):
        start = local(2026, 9, 30, 16, 0)  # Wednesday before National Day
        self.assertEqual(
            compute_deadline(start, 4, "working_hours", self.cal),
            local(2026, 10, 8, 11, 0),
        )
        # Friday 2026-09-18 16:00: 2 h Fri, then Sun 09-20 (make-up) 09-11
        start = local(2026, 9, 18, 16, 0)
        self.assertEqual(
            compute_deadline(start, 4, "working_hours", self.cal),
            local(2026, 9, 20, 11, 0),
        )

    def test_dl_4_working_hours_makeup_day_uses_monday_intervals(self):
        self.assertEqual(
            self.cal.working_intervals(D(2026, 10, 10)), ((9.0, 12.0), (13.0, 18.0))
        )
        self.assertEqual(self.cal.working_intervals(D(2026, 10, 3)), ())
        cal = WorkCalendar(
            workdays=[D(2026, 10, 10)],
            day_intervals={
                0: [(8, 12)],
                1: [(9, 17)],
                2: [(9, 17)],
                3: [(9, 17)],
                4: [(9, 17)],
            },
        )
        start = local(2026, 10, 9, 16, 0)  # Friday 16:00
        self.assertEqual(
            compute_deadline(start, 2, "working_hours", cal), local(2026, 10, 10, 9, 0)
        )

    def test_dl_4_working_hours_start_outside_schedule(self):
        cal = self.cal
        cases = [
            (local(2026, 6, 6, 10, 0), local(2026, 6, 8, 10, 0)),  # Saturday
            (local(2026, 6, 8, 7, 0), local(2026, 6, 8, 10, 0)),  # before opening
            (local(2026, 6, 8, 12, 30), local(2026, 6, 8, 14, 0)),  # lunch
            (local(2026, 6, 8, 19, 0), local(2026, 6, 9, 10, 0)),  # after closing
            (local(2026, 10, 3, 10, 0), local(2026, 10, 8, 10, 0)),  # holiday
        ]
        for start, expected in cases:
            with self.subTest(start=start):
                self.assertEqual(
                    compute_deadline(start, 1, "working_hours", cal), expected
                )

    def test_dl_4_working_hours_exact_interval_end_not_moved(self):
        start = local(2026, 6, 1, 9, 0)
        self.assertEqual(
            compute_deadline(start, 3, "working_hours", self.cal),
            local(2026, 6, 1, 12, 0),
        )
        self.assertEqual(
            compute_deadline(start, 8, "working_hours", self.cal),
            local(2026, 6, 1, 18, 0),
        )
        self.assertEqual(
            compute_deadline(start, 9, "working_hours", self.cal),
            local(2026, 6, 2, 10, 0),
        )

    def test_dl_4_working_hours_long_period_and_minutes_precision(self):
        start = local(2026, 6, 1, 9, 0)  # Monday
        # 40 working hours = one full week -> Friday 18:00
        self.assertEqual(
            compute_deadline(start, 40, "working_hours", self.cal),
            local(2026, 6, 5, 18, 0),
        )
        self.assertEqual(
            compute_deadline(start, 0.25, "working_hours", self.cal),
            local(2026, 6, 1, 9, 15),
        )

    def test_dl_4_working_hours_zero_returns_start(self):
        start = local(2026, 6, 6, 10, 0)
        self.assertEqual(compute_deadline(start, 0, "working_hours", self.cal), start)

    def test_dl_4_working_hours_without_schedule_raises(self):
        cal = WorkCalendar(day_intervals={})
        with self.assertRaises(ValueError):
            compute_deadline(local(2026, 6, 1, 10, 0), 1, "working_hours", cal)

    def test_dl_4_invalid_intervals_rejected(self):
        with self.assertRaises(ValueError):
            WorkCalendar(day_intervals={0: [(12, 9)]})
        with self.assertRaises(ValueError):
            WorkCalendar(day_intervals={0: [(9, 13), (12, 18)]})
        with self.assertRaises(ValueError):
            WorkCalendar(day_intervals={7: [(9, 12)]})

    # ------------------------------------------------------------------
    # input validation (DL-2 … DL-4 dispatch)
    # ------------------------------------------------------------------
    def test_dl_units_catalogue(self):
        self.assertEqual(
            UNITS,
            ("minutes", "hours", "working_hours", "working_days", "calendar_days"),
        )
        for unit in UNITS:
            compute_deadline(local(2026, 6, 1, 10, 0), 1, unit, self.cal)

    def test_dl_units_unknown_unit_raises_value_error(self):
        for unit in ("days", "weeks", "", None, "Working_Days"):
            with self.subTest(unit=unit), self.assertRaises(ValueError):
                compute_deadline(local(2026, 6, 1, 10, 0), 1, unit, self.cal)

    def test_dl_units_negative_amount_raises_value_error(self):
        for unit in UNITS:
            with self.subTest(unit=unit), self.assertRaises(ValueError):
                compute_deadline(local(2026, 6, 1, 10, 0), -1, unit, self.cal)
        with self.assertRaises(ValueError):
            self.cal.add_working_days(D(2026, 6, 1), -1)
        with self.assertRaises(ValueError):
            self.cal.add_calendar_days(D(2026, 6, 1), -1)

    def test_dl_units_non_numeric_amount_raises_value_error(self):
        for amount in (None, "3", True):
            with self.subTest(amount=amount), self.assertRaises(ValueError):
                compute_deadline(
                    local(2026, 6, 1, 10, 0), amount, "working_days", self.cal
                )

    # ------------------------------------------------------------------
    # BASE-56 clock pauses
    # ------------------------------------------------------------------
    def test_base_56_pause_working_days_keeps_end_of_day(self):
        deadline = eod(2026, 9, 29)
        # 2 working days after Tue Sep 29: Wed Sep 30, then Thu Oct 8
        self.assertEqual(
            add_pause(deadline, paused_working_days=2, calendar=self.cal),
            eod(2026, 10, 8),
        )
        self.assertEqual(
            add_pause(deadline, paused_working_days=4, calendar=self.cal),
            eod(2026, 10, 10),
        )

    def test_base_56_pause_working_days_keeps_local_time(self):
        deadline = local(2026, 6, 5, 11, 0)  # Friday 11:00
        self.assertEqual(
            add_pause(deadline, paused_working_days=1, calendar=self.cal),
            local(2026, 6, 8, 11, 0),
        )

    def test_base_56_pause_seconds_plain_clock(self):
        deadline = eod(2026, 10, 15)
        self.assertEqual(
            add_pause(deadline, paused_seconds=3600), local(2026, 10, 16, 0, 59, 59)
        )
        self.assertEqual(add_pause(deadline), deadline)
        self.assertIsNone(add_pause(None, paused_seconds=10))

    def test_base_56_pause_both(self):
        deadline = eod(2026, 6, 1)
        self.assertEqual(
            add_pause(
                deadline, paused_seconds=1, paused_working_days=1, calendar=self.cal
            ),
            local(2026, 6, 3, 0, 0, 0),
        )

    def test_base_56_pause_validation(self):
        with self.assertRaises(ValueError):
            add_pause(eod(2026, 6, 1), paused_working_days=1)
        with self.assertRaises(ValueError):
            add_pause(eod(2026, 6, 1), paused_seconds=-1)
        with self.assertRaises(ValueError):
            add_pause(eod(2026, 6, 1), paused_working_days=-1, calendar=self.cal)
