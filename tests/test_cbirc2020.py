"""The CBIRC 2020 No. 3 measures are defined once (issue 15): complaint_base's
``tools/cbirc2020.py`` holds the periods; the banking profile and the
insurance rules read them; one review model, one approval level and one
regulator-forwarded flag serve both sectors."""

import datetime as dt
import unittest

from odoo.addons.complaint_base.tools import cbirc2020
from odoo.tests import TransactionCase, tagged


class TestCbirc2020Pure(unittest.TestCase):
    def test_base_cbirc_periods(self):
        """Art. 18: 15 days, 30 for a complex case, 60 at most, the
        superior's approval above 30; arts. 19-20: review 30 + 30 days."""
        self.assertEqual(cbirc2020.resolution_period(), (15, "calendar_days"))
        self.assertEqual(cbirc2020.resolution_period("complex"), (30, "calendar_days"))
        self.assertEqual(cbirc2020.approval_threshold(), (30, "calendar_days"))
        self.assertEqual(cbirc2020.extension_cap(), (60, "calendar_days"))
        self.assertEqual(cbirc2020.review_request_period(), (30, "calendar_days"))
        self.assertEqual(cbirc2020.review_decision_period(), (30, "calendar_days"))

    def test_base_cbirc_pauses_levels_and_forwarding(self):
        for reason in ("external_appraisal", "testing", "evaluation", "mediation"):
            self.assertTrue(cbirc2020.pause_allowed(reason))
            self.assertTrue(cbirc2020.pause_notified(reason))
        self.assertFalse(cbirc2020.pause_allowed("waiting_complainant"))
        self.assertEqual(cbirc2020.approval_level(False, False), "institution")
        self.assertEqual(cbirc2020.approval_level(True, True), "superior")
        self.assertEqual(cbirc2020.approval_level(True, False), "head_office")
        self.assertTrue(cbirc2020.regulator_forwarded(True))
        self.assertTrue(cbirc2020.regulator_forwarded(False, current=True))
        self.assertFalse(cbirc2020.regulator_forwarded(False))

    def test_base_cbirc_review_window(self):
        decided = dt.datetime(2026, 10, 15, 1, 0)
        window = dt.datetime(2026, 11, 16, 15, 59, 59)
        check = cbirc2020.review_in_window
        self.assertEqual(check(decided, None, None), "no_decision")
        self.assertEqual(
            check(decided - dt.timedelta(1), decided, window), ("before_decision")
        )
        self.assertEqual(check(window + dt.timedelta(1), decided, window), "too_late")
        self.assertIsNone(check(decided + dt.timedelta(3), decided, window))


@tagged("post_install", "-at_install")
class TestCbirc2020Once(TransactionCase):
    def test_base_cbirc_defined_once(self):
        """The banking profile reads the measures' periods; the insurance
        rules define none of them."""
        if "complaint.bank.stat.report" in self.env:
            from odoo.addons.complaint_banking.tools import profiles

            profile = profiles.get_profile(profiles.CBIRC_2020)
            self.assertEqual(profile.decision_days, cbirc2020.DECISION_DAYS)
            self.assertEqual(profile.max_days, cbirc2020.MAX_DAYS)
            self.assertEqual(profile.pause_reasons, cbirc2020.PAUSE_REASONS)
            self.assertEqual(
                profiles.REVIEW_APPLICATION_PERIOD, cbirc2020.review_request_period()
            )
        if "complaint.comfort.fund.request" in self.env:
            from odoo.addons.complaint_insurance.tools import insurance_rules

            for name in ("DECISION_DAYS", "MAX_EXTENSION_DAYS", "RECHECK_WINDOW_DAYS"):
                self.assertFalse(hasattr(insurance_rules, name), name)

    def test_base_cbirc_one_shape(self):
        """One review model, one approval level, one forwarded flag."""
        self.assertNotIn("complaint.bank.review", self.env)
        Complaint = self.env["complaint.complaint"]
        for gone in ("bank_regulator_forwarded", "is_mass_complaint"):
            self.assertNotIn(gone, Complaint._fields)
        self.assertIn("regulator_forwarded", Complaint._fields)
        Extension = self.env["complaint.extension"]
        for gone in ("bank_approval_level", "superior_approved"):
            self.assertNotIn(gone, Extension._fields)
        self.assertIn("approval_level", Extension._fields)
