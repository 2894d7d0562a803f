"""Pure rules of the regulation profiles and the half-year periods (no ORM)."""

import datetime as dt
import unittest

from odoo.addons.complaint_base.tools import deadline as dl

from ..tools import half_year, profiles


class TestProfilesPure(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = dl.build_calendar(country="CN", years=range(2025, 2028))
        # Friday 2026-09-18 10:00 Shanghai
        cls.received = dt.datetime(2026, 9, 18, 2, 0)

    def _deadline(self, target):
        amount, unit = target
        return dl.compute_deadline(self.received, amount, unit, self.calendar)

    def test_bank_01a_cbrc_2012_15_and_60_working_days(self):
        """BANK-01a: 15 working days, extension to 60 working days in total."""
        self.assertEqual(profiles.resolution_target("cbrc_2012"), (15, "working_days"))
        self.assertEqual(
            profiles.resolution_target("cbrc_2012", "complex"), (15, "working_days")
        )
        self.assertEqual(profiles.extension_cap("cbrc_2012"), (60, "working_days"))
        self.assertIsNone(profiles.approval_threshold("cbrc_2012"))
        self.assertEqual(
            self._deadline(profiles.resolution_target("cbrc_2012")),
            dt.datetime(2026, 10, 15, 15, 59, 59),
        )
        self.assertEqual(
            self._deadline(profiles.extension_cap("cbrc_2012")),
            dt.datetime(2026, 12, 17, 15, 59, 59),
        )

    def test_bank_01b_cbirc_2020_15_30_60_calendar_days(self):
        """BANK-01b: 15 calendar days (10-03 is a holiday: 10-08), 30 for a
        complex case, 60 at most, superior approval beyond 30."""
        self.assertEqual(profiles.DEFAULT_PROFILE, "cbirc_2020")
        self.assertEqual(profiles.resolution_target(None), (15, "calendar_days"))
        self.assertEqual(
            self._deadline(profiles.resolution_target("cbirc_2020")),
            dt.datetime(2026, 10, 8, 15, 59, 59),
        )
        self.assertEqual(
            profiles.resolution_target("cbirc_2020", "complex"), (30, "calendar_days")
        )
        self.assertEqual(
            profiles.approval_threshold("cbirc_2020"), (30, "calendar_days")
        )
        self.assertEqual(profiles.extension_cap("cbirc_2020"), (60, "calendar_days"))
        with self.assertRaises(ValueError):
            profiles.get_profile("pbc_2099")

    def test_bank_01b_pause_reasons_per_profile(self):
        """BANK-01b: appraisal, testing, evaluation and mediation pause the
        2020 clock; the 2012 notice has no pause."""
        for reason in (
            "external_appraisal",
            "testing",
            "evaluation",
            "mediation",
        ):
            self.assertTrue(profiles.pause_allowed("cbirc_2020", reason))
            self.assertFalse(profiles.pause_allowed("cbrc_2012", reason))
        self.assertFalse(profiles.pause_allowed("cbirc_2020", "waiting_complainant"))

    def test_bank_01b_repeat_merged_or_restarted(self):
        """BANK-01b: a repeat while the original is open shares its clock;
        with new facts it restarts."""
        first, second = dt.datetime(2026, 9, 18), dt.datetime(2026, 9, 28)
        self.assertEqual(profiles.clock_start(second, first, True, False), first)
        self.assertEqual(profiles.clock_start(second, first, True, True), second)
        self.assertEqual(profiles.clock_start(second, first, False, False), second)
        self.assertTrue(profiles.is_merged_repeat(True, True, False))
        self.assertFalse(profiles.is_merged_repeat(True, True, True))

    def test_bank_04_twenty_people_in_person(self):
        """BANK-04: 20 or more people in person make a mass complaint."""
        self.assertFalse(profiles.is_mass_in_person(19))
        self.assertTrue(profiles.is_mass_in_person(20))
        self.assertFalse(profiles.is_mass_in_person(None))

    def test_bank_05_half_year_periods_and_due_dates(self):
        """BANK-05: reports due by 30 July (first half) and 30 January of the
        next year (second half)."""
        self.assertEqual(
            half_year.half_year_bounds(2026, 1),
            (dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        )
        self.assertEqual(half_year.report_due_date(2026, 1), dt.date(2026, 7, 30))
        self.assertEqual(half_year.report_due_date(2026, 2), dt.date(2027, 1, 30))
        self.assertEqual(half_year.period_to_report(dt.date(2027, 1, 5)), (2026, 2))
        self.assertEqual(half_year.period_to_report(dt.date(2026, 7, 5)), (2026, 1))
        # inside the reporting window both the ended and the current half
        self.assertEqual(
            half_year.periods_to_schedule(dt.date(2026, 7, 30)), [(2026, 1), (2026, 2)]
        )
        self.assertEqual(
            half_year.periods_to_schedule(dt.date(2026, 7, 31)), [(2026, 2)]
        )
        self.assertEqual(
            half_year.periods_to_schedule(dt.date(2027, 1, 2)), [(2026, 2), (2027, 1)]
        )
        with self.assertRaises(ValueError):
            half_year.half_year_bounds(2026, 3)

    def test_bank_05_aggregate_by_business_type_and_cause(self):
        """BANK-05/07: figures by business type and cause; merged repeats are
        not counted twice."""
        rows = [
            {"business_type": "B03", "cause": "C08", "decided": True, "on_time": True},
            {"business_type": "B03", "cause": "C02", "decided": True, "on_time": False},
            {
                "business_type": "B02",
                "cause": "C08",
                "decided": False,
                "forwarded": True,
            },
            {"business_type": "B03", "cause": "C08", "merged": True},
            {"business_type": None, "cause": None, "mass": True},
            {"business_type": "B03", "cause": "C08", "withdrawn": True},
        ]
        data = half_year.aggregate(rows)
        totals = data["totals"]
        self.assertEqual(totals["received"], 4)
        self.assertEqual(totals["withdrawn"], 1)
        self.assertEqual(totals["merged"], 1)
        self.assertEqual(totals["decided"], 2)
        self.assertEqual(totals["on_time"], 1)
        self.assertEqual(totals["overdue"], 1)
        self.assertEqual(totals["forwarded"], 1)
        self.assertEqual(totals["mass"], 1)
        self.assertEqual(totals["unclassified"], 1)
        self.assertEqual(data["by"]["business_type"]["B03"]["count"], 2)
        self.assertEqual(data["by"]["cause"]["C08"]["count"], 2)
        self.assertEqual(data["matrix"][("B03", "C02")], 1)
        self.assertEqual(half_year.on_time_rate(totals), 50.0)
