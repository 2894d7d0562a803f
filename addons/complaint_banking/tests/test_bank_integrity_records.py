"""BASE-57 / BANK-08 / BANK-03 / BANK-05: reviews, reports to the regulator
and half-year reports change state only through their actions, the
approvals are four-eyes, and what was decided or reported stays on record.
Each forbidden write is tried as the lowest group that may write the model."""

import contextlib

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BankCase, local

GUARD = "workflow action"


@tagged("post_install", "-at_install")
class TestBankRecordsIntegrity(BankCase):
    @contextlib.contextmanager
    def refused(self, pattern, exception=UserError):
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    def _decided(self, **vals):
        complaint = self._decide(self._complaint(**vals))
        complaint.bank_decision_notified_at = local(2026, 10, 9, 15, 0)
        return complaint

    def _review(self, complaint, user=None, **vals):
        return (
            self.env["complaint.review"]
            .with_user(user or self.handler)
            .create(
                {
                    "complaint_id": complaint.id,
                    "requested_at": local(2026, 10, 20, 10, 0),
                    "grounds": "The waiver was promised in writing.",
                    **vals,
                }
            )
        )

    # ------------------------------------------------------------ review
    def test_base_57_handler_cannot_forge_a_review(self):
        """BANK-08 / BASE-57: a handler registers the application but does
        not decide it, date it, name its reviewer or write its result."""
        complaint = self._decided()
        for name, value in (
            ("state", "decided"),
            ("decided_by", self.handler.id),
            ("branch_id", self.head_office.id),
        ):
            with self.subTest(create=name), self.refused(GUARD):
                self._review(complaint, **{name: value})
        with self.refused("Register the request first"):
            self._review(complaint, result="changed")
        review = self._review(complaint)
        self.assertEqual(review.reviewer_id, self.branch_manager)
        for name, value in (
            ("state", "decided"),
            ("decided_at", "2026-10-21 02:00:00"),
            ("result_notified_at", "2026-10-21 02:00:00"),
        ):
            with self.subTest(write=name), self.refused(GUARD):
                review.write({name: value})
        with self.refused("Only the reviewer", AccessError):
            review.write({"result": "changed", "result_note": "Refund all."})
        with self.refused("only a complaint manager", AccessError):
            review.write({"reviewer_id": self.handler.id})
        with self.refused("in the future", UserError):
            review.write({"requested_at": "2099-01-01 00:00:00"})
        self.assertEqual(review.state, "in_review")

    def test_bank_08_review_decided_by_someone_else_than_the_handler(self):
        """BANK-08 / BASE-57: the superior institution reviews: the senior
        manager who handled the complaint does not decide its review
        (four-eyes); another manager does, and the decision is frozen."""
        complaint = self._decided(user_id=self.branch_manager.id)
        review = self._review(complaint, user=self.branch_manager)
        self.assertEqual(review.reviewer_id, self.branch_manager)
        reviewer = review.with_user(self.branch_manager)
        with self.refused("four-eyes", AccessError):
            reviewer.write({"result": "upheld", "result_note": "Correct."})
        decider = review.with_user(self.head_manager)
        decider.write({"result": "upheld", "result_note": "Handled lawfully."})
        decider.action_decide()
        self.assertEqual(review.state, "decided")
        self.assertEqual(review.decided_by, self.head_manager)
        self.assertTrue(review.decided_at)
        with self.refused("is decided"):
            decider.write({"result": "changed"})
        self.assertEqual(review.result, "upheld")

    # --------------------------------------------------- regulator report
    def test_base_57_regulator_report_reported_only_by_its_action(self):
        """BANK-03 / BASE-57: a handler reports through the action, which
        records who and when; the state, time and due date are not written
        by hand, and what was reported stays on record."""
        complaint = self._decided(
            channel_id=self.channel_regulator.id,
            bank_forwarding_office_id=self.regulator.id,
            bank_forwarding_deadline="2026-10-03",
        )
        report = complaint.bank_regulator_report_ids.with_user(self.handler)
        self.assertEqual(report.state, "todo")
        for name, value in (
            ("state", "reported"),
            ("reported_at", "2026-09-30 02:00:00"),
            ("reported_by", self.manager.id),
        ):
            with self.subTest(field=name), self.refused(GUARD):
                report.write({name: value})
        with self.refused("only a complaint manager", AccessError):
            report.write({"due_date": "2099-01-01"})
        with self.refused("Only complaint handlers", AccessError):
            report.with_user(self.registrar).action_mark_reported()
        with self.refused(GUARD):
            self.env["complaint.bank.regulator.report"].with_user(self.handler).create(
                {
                    "complaint_id": complaint.id,
                    "kind": "mass_complaint",
                    "due_date": "2026-10-03",
                    "state": "reported",
                }
            )
        report.write({"report_channel": "document", "content": "Refunded CNY 600."})
        report.action_mark_reported()
        self.assertEqual(report.state, "reported")
        self.assertEqual(report.reported_by, self.handler)
        self.assertTrue(report.reported_at)
        with self.refused("reported to the regulator"):
            report.write({"content": "Nothing to report."})

    # ------------------------------------------------- half-year report
    def test_base_57_half_year_figures_come_from_the_computation(self):
        """BANK-05 / BASE-57: a reviewer (who may edit a draft report) does
        not write the figures, the lines or the state; submitting and
        setting back to draft are a complaint manager's, and a submitted
        report is frozen."""
        Report = self.env["complaint.bank.stat.report"].with_user(self.sub_manager)
        for name, value in (("state", "submitted"), ("received_count", 5)):
            with self.subTest(create=name), self.refused(GUARD):
                Report.create({"branch_id": self.branch.id, name: value})
        report = Report.create({"branch_id": self.branch.id, "year": 2026})
        report.action_compute()
        for name, value in (
            ("received_count", 0),
            ("on_time_rate", 100.0),
            ("state", "submitted"),
            ("submitted_at", "2026-07-30 02:00:00"),
            ("line_ids", [(5, 0, 0)]),
        ):
            with self.subTest(write=name), self.refused(GUARD):
                report.write({name: value})
        Line = self.env["complaint.bank.stat.line"].with_user(self.sub_manager)
        with self.refused(GUARD):
            Line.create(
                {"report_id": report.id, "dimension": "cause", "complaint_count": 9}
            )
        with self.refused("Only a complaint manager", AccessError):
            report.action_submit()
        with self.assertRaises(AccessError):
            report.with_user(self.handler).action_compute()
        report.with_user(self.manager).action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.submitted_by, self.manager)
        with self.refused("submitted to the regulator"):
            report.with_user(self.manager).write({"analysis": "Rewritten."})
        with self.refused("Only a complaint manager", AccessError):
            report.action_reset_draft()
        report.with_user(self.manager).action_reset_draft()
        self.assertEqual(report.state, "draft")
        self.assertFalse(report.submitted_by)

    # ------------------------------------------------ regulator flags
    def test_bank_03_forwarded_complaint_stays_forwarded(self):
        """BANK-03 / BASE-57: unmarking a regulator-forwarded complaint
        would skip the report owed to the forwarding office: refused."""
        complaint = self._complaint(
            channel_id=self.channel_regulator.id,
            bank_forwarding_office_id=self.regulator.id,
        )
        self.assertTrue(complaint.regulator_forwarded)
        with self.refused("forwarded by the regulator"):
            complaint.with_user(self.handler).write({"regulator_forwarded": False})
        self.assertTrue(complaint.regulator_forwarded)

    def test_bank_04_reported_mass_complaint_stays_flagged(self):
        """BANK-04 / BASE-57: a mass complaint reported to the regulator is
        not unflagged (it would leave the half-year figures)."""
        complaint = self._complaint(bank_people_in_person=2)
        complaint.is_mass = True
        self.assertTrue(complaint.bank_regulator_report_ids)
        with self.refused("mass complaint"):
            complaint.with_user(self.handler).write({"is_mass": False})
        self.assertTrue(complaint.is_mass)
