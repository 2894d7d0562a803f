"""Issue 13 item 2 for insurance: the sector's targets are watched like the
base ones (``complaint.sla.status``, BASE-27): the 12378 report to the audit
department (INS-02) and the decision of a review (INS-10)."""

import datetime as dt

from odoo import fields

from .common import InsuranceCase, end_of_day, local


class TestInsuranceSlaStatus(InsuranceCase):
    def _status(self, complaint, kind):
        return complaint.with_context(active_test=False).sla_status_ids.filtered(
            lambda s: s.target_kind == kind
        )

    def test_ins_02_missed_audit_report_shows_failed(self):
        case = self._regulator_case(involves_violation=True)
        status = self._status(case, "audit_report")
        self.assertEqual(status.deadline, end_of_day(2026, 10, 10))
        self.assertEqual(status.status, "ongoing")
        self.env["complaint.sla.status"]._cron_watch(now=local(2026, 10, 12, 9, 0))
        self.assertEqual(status.status, "failed")

    def test_ins_02_timely_audit_report_shows_met(self):
        case = self._regulator_case(
            involves_violation=True, audit_report="已报审计部。"
        )
        case.sudo().write({"audit_reported_at": local(2026, 10, 9, 15, 0)})
        status = self._status(case, "audit_report")
        self.assertEqual(status.status, "met")
        self.assertEqual(status.reached_at, local(2026, 10, 9, 15, 0))
        self.env["complaint.sla.status"]._cron_watch(now=local(2026, 10, 12, 9, 0))
        self.assertEqual(status.status, "met")

    def test_ins_10_review_decision_reaches_its_target(self):
        now = fields.Datetime.now()
        complaint = self._complaint(
            state="resolved",
            reply_at=now - dt.timedelta(days=3),
            user_id=self.handler.id,
        )
        review = self.env["complaint.review"].create(
            {"complaint_id": complaint.id, "requested_at": now - dt.timedelta(days=1)}
        )
        status = self._status(complaint, "recheck")
        self.assertEqual(status.deadline, review.deadline)
        self.assertEqual(status.status, "ongoing")
        review.write({"result": "upheld", "result_note": "维持原处理意见。"})
        review.with_user(self.reviewer).action_decide()
        self.assertEqual(status.status, "met")
        self.assertEqual(status.reached_at, complaint.review_decided_at)
