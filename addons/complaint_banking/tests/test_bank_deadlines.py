"""BANK-01a / BANK-01b: the two regulation profiles drive the deadlines."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import RECEIVED, BankCase, end_of_day, local


@tagged("post_install", "-at_install")
class TestBankDeadlines(BankCase):
    def _extension(self, complaint, deadline, reason="Waiting for the card scheme"):
        return self.env["complaint.extension"].create(
            {
                "complaint_id": complaint.id,
                "requested_deadline": deadline,
                "reason": reason,
            }
        )

    # ------------------------------------------------------------ 2012
    def test_bank_01a_cbrc_2012_due_2026_10_15(self):
        """BANK-01a: received Friday 2026-09-18, 15 working days (make-up
        Sunday 09-20 counts, Mid-Autumn and National Day do not): due
        2026-10-15 23:59:59 Asia/Shanghai."""
        self.company.complaint_bank_profile = "cbrc_2012"
        complaint = self._complaint()
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 15))
        self.assertEqual(
            complaint._sla_format_datetime(complaint.resolution_deadline),
            "2026-10-15 23:59",
        )

    def test_bank_01a_cbrc_2012_extension_capped_at_2026_12_17(self):
        """BANK-01a: an extension may reach 60 working days in total
        (2026-12-17), not one day more; the error names the limit."""
        self.company.complaint_bank_profile = "cbrc_2012"
        complaint = self._complaint()
        complaint.action_accept()
        self.assertEqual(complaint._get_extension_cap(), (60, "working_days"))
        self.assertEqual(
            complaint._get_extension_limit_deadline(), end_of_day(2026, 12, 17)
        )
        too_late = self._extension(complaint, end_of_day(2026, 12, 18))
        with self.assertRaisesRegex(UserError, "2026-12-17"):
            too_late.with_user(self.manager).action_approve()
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 15))

        at_limit = self._extension(complaint, end_of_day(2026, 12, 17))
        at_limit.with_user(self.manager).action_approve()
        self.assertEqual(at_limit.state, "approved")
        self.assertEqual(at_limit.approval_level, "institution")
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 12, 17))

        beyond = self._extension(complaint, end_of_day(2026, 12, 18))
        with self.assertRaisesRegex(UserError, "60 working days"):
            beyond.with_user(self.manager).action_approve()

    def test_bank_01a_cbrc_2012_has_no_clock_pause(self):
        """BANK-01a: the 2012 notice knows no pause: extend instead."""
        self.company.complaint_bank_profile = "cbrc_2012"
        complaint = self._complaint()
        with self.assertRaisesRegex(UserError, "no clock pauses"):
            complaint.action_pause_sla("mediation")
        with self.assertRaises(UserError):
            self.env["complaint.sla.pause"].create(
                {
                    "complaint_id": complaint.id,
                    "reason": "external_appraisal",
                    "start": local(2026, 9, 21, 10, 0),
                }
            )
        self.assertFalse(complaint.sla_paused)

    # ------------------------------------------------------------ 2020
    def test_bank_01b_cbirc_2020_due_2026_10_08(self):
        """BANK-01b (default profile): 15 calendar days reach Saturday
        2026-10-03, a National Day holiday: due on the next working day,
        2026-10-08 23:59:59 Asia/Shanghai (DL-3)."""
        self.assertEqual(self.company.complaint_bank_profile, "cbirc_2020")
        complaint = self._complaint()
        self.assertEqual(complaint.bank_profile, "cbirc_2020")
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 8))

    def test_bank_01b_default_profile_is_2020(self):
        """BANK-01b: a new company follows the rule in force since 2020."""
        company = self.env["res.company"].create({"name": "New Rural Bank"})
        self.assertEqual(company.complaint_bank_profile, "cbirc_2020")

    def test_bank_01_settings_switch_profile_and_recompute(self):
        """BANK-01: the profile is chosen in Settings; open complaints follow
        it (10-08 under 2020 becomes 10-15 under 2012)."""
        complaint = self._complaint()
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 8))
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.complaint_bank_profile, "cbirc_2020")
        settings.complaint_bank_profile = "cbrc_2012"
        settings.execute()
        self.assertEqual(self.company.complaint_bank_profile, "cbrc_2012")
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 15))

    def test_bank_01b_complex_case_30_days_with_reason_and_notice(self):
        """BANK-01b: a complex case is decided within 30 days (10-18 is a
        Sunday: 10-19); the customer is told the new date and why."""
        complaint = self._complaint()
        complaint.action_accept()
        with self.assertRaises(ValidationError):
            complaint.bank_complexity = "complex"
        complaint.write(
            {
                "bank_complexity": "complex",
                "bank_complexity_reason": "The receiving bank must trace the transfer.",
            }
        )
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 19))
        notice = complaint.bank_notice_ids.filtered(lambda n: n.kind == "extension")
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.new_deadline, end_of_day(2026, 10, 19))
        self.assertIn("trace the transfer", notice.content)

    def test_bank_01b_extension_beyond_30_days_needs_superior(self):
        """BANK-01b: up to 30 days the institution extends; beyond, only the
        superior branch's senior manager or a head-office senior manager."""
        complaint = self._complaint()
        complaint.action_accept()
        self.assertEqual(complaint.bank_branch_id, self.sub_branch)
        self.assertEqual(complaint.bank_superior_branch_id, self.branch)
        threshold = complaint._bank_extension_threshold_deadline()
        self.assertEqual(threshold, end_of_day(2026, 10, 19))

        within = self._extension(complaint, end_of_day(2026, 10, 16))
        self.assertFalse(within.superior_approval_required)
        within.with_user(self.manager).action_approve()
        self.assertEqual(within.approval_level, "institution")

        beyond = self._extension(complaint, end_of_day(2026, 11, 10))
        self.assertTrue(beyond.superior_approval_required)
        with self.assertRaisesRegex(UserError, "superior institution"):
            beyond.with_user(self.manager).action_approve()
        beyond.with_user(self.branch_manager).action_approve()
        self.assertEqual(beyond.state, "approved")
        self.assertEqual(beyond.approval_level, "superior")
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 10))

    def test_bank_01b_head_office_senior_manager_may_approve(self):
        """BANK-01b: a head-office senior manager may approve too."""
        complaint = self._complaint()
        ext = self._extension(complaint, end_of_day(2026, 11, 2))
        ext.with_user(self.head_manager).action_approve()
        self.assertEqual(ext.approval_level, "head_office")

    def test_bank_01b_no_extension_beyond_60_days(self):
        """BANK-01b: 60 days at most (2026-11-17), whoever approves."""
        complaint = self._complaint()
        self.assertEqual(
            complaint._get_extension_limit_deadline(), end_of_day(2026, 11, 17)
        )
        ext = self._extension(complaint, end_of_day(2026, 11, 18))
        with self.assertRaisesRegex(UserError, "2026-11-17"):
            ext.with_user(self.head_manager).action_approve()
        self.assertEqual(ext.state, "draft")

    def test_bank_01b_mediation_pause_moves_deadline(self):
        """BANK-01b / BASE-56: mediation from Monday 09-21 to Monday 09-28
        does not count: the 7 calendar days push day 15 from 10-03 to 10-10,
        the Saturday make-up working day (without the pause: 10-08)."""
        complaint = self._complaint()
        with self.assertRaisesRegex(UserError, "only external appraisal"):
            complaint.action_pause_sla("waiting_complainant")
        self.env["complaint.sla.pause"].create(
            {
                "complaint_id": complaint.id,
                "reason": "mediation",
                "start": local(2026, 9, 21, 10, 0),
                "end": local(2026, 9, 28, 10, 0),
            }
        )
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 8))
        complaint._recompute_sla_deadlines()
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 10))

    def test_bank_01b_pause_notice_sent(self):
        """BANK-01b: when the clock stops for testing the customer is told."""
        complaint = self._complaint()
        complaint.action_pause_sla("testing", "Card chip tested by the scheme")
        self.assertTrue(complaint.sla_paused)
        notice = complaint.bank_notice_ids.filtered(lambda n: n.kind == "pause")
        self.assertEqual(notice.state, "sent")
        self.assertIn("Card chip tested", notice.reason)
        self.assertIn("Card chip tested", notice.content)

    def test_bank_01b_repeat_merged_unless_new_facts(self):
        """BANK-01b: a repeat on the same matter while the original is open
        is merged (same deadline); one with new facts restarts the clock."""
        original = self._complaint(category_id=self.category.id)
        repeat = self._complaint(
            received=local(2026, 9, 28, 9, 0), category_id=self.category.id
        )
        self.assertEqual(repeat.parent_id, original)
        self.assertTrue(repeat.bank_is_merged)
        self.assertEqual(repeat.resolution_deadline, original.resolution_deadline)
        repeat.bank_new_facts = True
        self.assertFalse(repeat.bank_is_merged)
        self.assertEqual(repeat.resolution_deadline, end_of_day(2026, 10, 13))

    def test_bank_01_only_banking_sector(self):
        """BANK-01: other sectors keep the base policy rules."""
        complaint = self._complaint(sector="general")
        self.assertEqual(complaint.received_at, RECEIVED)
        self.assertNotEqual(complaint.resolution_deadline, end_of_day(2026, 10, 8))
        complaint.action_accept()
        self.assertFalse(complaint.bank_notice_ids)
