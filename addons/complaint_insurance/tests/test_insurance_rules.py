"""The insurance rules as plain functions (INS-02, 04, 05, 08, 09)."""

import datetime as dt

from odoo.addons.complaint_base.tools.deadline import build_calendar
from odoo.tests.common import BaseCase

from ..tools import insurance_rules as rules

SHANGHAI = dt.timedelta(hours=8)


def local(*args):
    return dt.datetime(*args) - SHANGHAI


class TestInsuranceRules(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = build_calendar(years=(2025, 2026, 2027))

    def test_ins_02_regulator_targets(self):
        """12378: 1 working day to accept, or 3 to report a violation."""
        self.assertEqual(rules.regulator_targets(False, True), {})
        self.assertEqual(
            rules.regulator_targets(True, False), {"acknowledge": (1, "working_days")}
        )
        self.assertEqual(
            rules.regulator_targets(True, True), {"audit_report": (3, "working_days")}
        )

    def test_ins_04_upgrade_by_customer_class(self):
        """Important customers always; value and normal customers when urgent;
        never without a business risk."""
        self.assertEqual(
            rules.upgrade_reason("important", False, True), "important_customer"
        )
        self.assertEqual(rules.upgrade_reason("value", True, True), "urgent")
        self.assertEqual(rules.upgrade_reason("normal", True, True), "urgent")
        self.assertIsNone(rules.upgrade_reason("value", False, True))
        self.assertIsNone(rules.upgrade_reason("normal", False, True))
        self.assertIsNone(rules.upgrade_reason("risk", True, True))
        self.assertIsNone(rules.upgrade_reason(False, True, True))
        self.assertIsNone(rules.upgrade_reason("important", True, False))

    def test_ins_05_offsite_claim_and_counted_branch(self):
        """The underwriting branch handles off-site claims; overdue or repeat
        complaints count against the liable branch, others against the
        underwriting branch."""
        self.assertTrue(rules.is_offsite_claim("JS", "SH"))
        self.assertFalse(rules.is_offsite_claim("JS", "JS"))
        self.assertFalse(rules.is_offsite_claim("JS", None))
        self.assertEqual(rules.handling_branch("JS", "SH"), "JS")
        self.assertEqual(rules.handling_branch(None, "SH"), "SH")
        self.assertEqual(rules.counted_branch(True, "JS", "SH", False, False), "JS")
        self.assertEqual(rules.counted_branch(True, "JS", "SH", True, False), "SH")
        self.assertEqual(rules.counted_branch(True, "JS", "SH", False, True), "SH")
        self.assertEqual(rules.counted_branch(True, "JS", None, True, False), "JS")
        self.assertEqual(rules.counted_branch(False, "JS", "SH", False, False), "SH")
        self.assertEqual(rules.counted_branch(False, "JS", None, False, False), "JS")

    def test_ins_09_live_transfer_after_15_minutes(self):
        start = dt.datetime(2026, 9, 30, 2, 0)
        self.assertFalse(rules.live_transfer_allowed(None, start))
        self.assertFalse(
            rules.live_transfer_allowed(
                start, start + dt.timedelta(minutes=14, seconds=59)
            )
        )
        self.assertTrue(
            rules.live_transfer_allowed(start, start + dt.timedelta(minutes=15))
        )
        self.assertEqual(
            rules.minutes_online(start, start + dt.timedelta(minutes=42)), 42
        )

    def test_ins_08_one_month_rolled_to_working_day(self):
        """One calendar month, end of day; a holiday moves it to the next
        working day (2026-10-01 is National Day: Oct 8)."""
        self.assertEqual(
            rules.add_months_deadline(local(2026, 9, 1, 10, 0), 1, self.calendar),
            local(2026, 10, 8, 23, 59, 59),
        )
        self.assertEqual(
            rules.add_months_deadline(local(2026, 3, 16, 10, 0), 1, self.calendar),
            local(2026, 4, 16, 23, 59, 59),
        )
        # Jan 31 + 1 month = Feb 28, 2026 (a make-up working Saturday)
        self.assertEqual(
            rules.add_months_deadline(local(2026, 1, 31, 9, 0), 1, self.calendar),
            local(2026, 2, 28, 23, 59, 59),
        )

    def test_ins_02_deadline_status_for_the_report(self):
        deadline = dt.datetime(2026, 10, 8, 15, 59, 59)
        before = deadline - dt.timedelta(hours=1)
        after = deadline + dt.timedelta(hours=1)
        self.assertEqual(rules.deadline_status(deadline, before, after), "met")
        self.assertEqual(rules.deadline_status(deadline, after, after), "missed")
        self.assertEqual(rules.deadline_status(deadline, None, before), "open")
        self.assertEqual(rules.deadline_status(deadline, None, after), "overdue")
        self.assertEqual(rules.deadline_status(None, None, after), "none")
