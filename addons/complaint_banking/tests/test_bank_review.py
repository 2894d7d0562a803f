"""BANK-08: review (申请核查) of a decision by the superior institution."""

from odoo.addons.complaint_base.tools import deadline as dl
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import BankCase, end_of_day, local


@tagged("post_install", "-at_install")
class TestBankReview(BankCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls._decide(cls._complaint())
        # the customer received the decision letter on Friday 2026-10-09
        cls.complaint.bank_decision_notified_at = local(2026, 10, 9, 15, 0)

    def _apply(self, requested_at, **vals):
        return (
            self.env["complaint.review"]
            .with_user(self.handler)
            .create(
                {
                    "complaint_id": self.complaint.id,
                    "requested_at": requested_at,
                    "grounds": "The waiver was promised in writing.",
                    **vals,
                }
            )
        )

    def test_bank_08_application_window_30_days(self):
        """BANK-08: 30 days from 10-09 end on Sunday 11-08, so the window
        closes at the end of Monday 11-09."""
        self.assertEqual(self.complaint.bank_review_deadline, end_of_day(2026, 11, 9))

    def test_bank_08_review_assigned_to_superior_and_decided_in_30_days(self):
        """BANK-08: the superior branch of the deciding sub-branch reviews,
        its senior manager has an activity due 30 days after the application."""
        review = self._apply(local(2026, 11, 9, 16, 0))
        self.assertEqual(review.branch_id, self.sub_branch)
        self.assertEqual(review.superior_branch_id, self.branch)
        self.assertEqual(review.reviewer_id, self.branch_manager)
        calendar = self.complaint._get_sla_calendar()
        self.assertEqual(
            review.deadline,
            dl.compute_deadline(review.requested_at, 30, "calendar_days", calendar),
        )
        self.assertEqual(review.deadline, end_of_day(2026, 12, 9))
        activity = review.activity_ids
        self.assertEqual(activity.user_id, self.branch_manager)
        self.assertEqual(str(activity.date_deadline), "2026-12-09")

    def test_bank_08_late_application_rejected(self):
        """BANK-08: an application after the 30 days is refused with a clear
        error naming the dates."""
        with self.assertRaisesRegex(ValidationError, "too late.*2026-11-09"):
            self._apply(local(2026, 11, 10, 9, 0))

    def test_bank_08_no_review_before_decision(self):
        """BANK-08: no review without a notified decision."""
        undecided = self._complaint()
        with self.assertRaisesRegex(ValidationError, "No decision"):
            self.env["complaint.review"].create(
                {"complaint_id": undecided.id, "grounds": "Too slow"}
            )

    def test_bank_08_reviewer_decides_and_customer_is_told(self):
        """BANK-08: only the reviewer (or a manager) decides; the result is
        notified and a changed decision reopens the complaint."""
        review = self._apply(local(2026, 10, 20, 10, 0))
        review.with_user(self.branch_manager).write(
            {"result": "changed", "result_note": "Refund the fee in full."}
        )
        with self.assertRaisesRegex(UserError, "Only the reviewer"):
            review.with_user(self.sub_manager).action_decide()
        review.with_user(self.branch_manager).action_decide()
        self.assertEqual(review.state, "decided")
        notice = review.notice_ids
        self.assertEqual(notice.kind, "review_result")
        self.assertEqual(notice.state, "sent")
        self.assertIn("Refund the fee in full.", notice.content)
        self.assertIn("Decision changed", notice.content)
        self.assertEqual(review.result_notified_at, notice.sent_at)
        self.assertEqual(self.complaint.state, "in_progress")
        self.assertFalse(review.activity_ids)
