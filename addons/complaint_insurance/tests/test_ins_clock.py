"""The 2020 measures' decision clock for insurers (INS-10 = BANK-01b,
BANK-02, BANK-08): 15 days, 30, 60 with approval, pauses, review."""

import datetime as dt

from odoo.exceptions import UserError

from .common import RECEIVED, InsuranceCase, end_of_day, local


class TestDecisionClock(InsuranceCase):
    def _extension(self, complaint, deadline, user=None):
        ext = (
            self.env["complaint.extension"]
            .with_user(user or self.handler)
            .create(
                {
                    "complaint_id": complaint.id,
                    "requested_deadline": deadline,
                    "reason": "需委托公估机构对受损设备进行鉴定。",
                }
            )
        )
        ext.action_submit()
        return ext

    def test_ins_10_decision_within_15_calendar_days(self):
        """15 calendar days from receipt, whatever a generic policy says."""
        self.env["complaint.sla.policy"].create(
            {
                "name": "Generic: resolve in 3 working days",
                "target_ids": [
                    (
                        0,
                        0,
                        {
                            "kind": "resolution",
                            "amount": 3,
                            "unit": "working_days",
                            "start_event": "received",
                        },
                    )
                ],
            }
        )
        complaint = self._complaint()
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 15))
        # day 15 falls on National Day: the period ends on the next working day
        complaint.received_at = local(2026, 9, 16, 10, 0)
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 8))

    def test_ins_10_extension_to_30_then_60_days_with_superior_approval(self):
        complaint = self._complaint(user_id=self.handler.id)
        self.assertEqual(
            complaint._get_extension_limit_deadline(), end_of_day(2026, 11, 30)
        )
        first = self._extension(complaint, end_of_day(2026, 10, 30))
        self.assertFalse(first.superior_approval_required)
        first.with_user(self.manager).action_approve()
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 30))

        second = self._extension(complaint, end_of_day(2026, 11, 30))
        self.assertTrue(second.superior_approval_required)
        with self.assertRaisesRegex(UserError, "superior institution"):
            second.with_user(self.manager).action_approve()
        second.with_user(self.manager).action_approve_superior()
        second.with_user(self.manager).action_approve()
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 30))
        self.assertTrue(complaint.deadline_notified)

        with self.assertRaises(UserError):  # beyond 60 days from receipt
            self._extension(complaint, end_of_day(2026, 12, 1))

    def test_ins_10_external_appraisal_pauses_the_clock_and_is_told(self):
        complaint = self._complaint(user_id=self.handler.id)
        self.env["complaint.sla.pause"].create(
            {
                "complaint_id": complaint.id,
                "reason": "external_appraisal",
                "start": local(2026, 10, 9, 9, 0),
                "end": local(2026, 10, 13, 17, 0),
            }
        )
        complaint._recompute_sla_deadlines()
        # 4 calendar days paused (10-09 to 10-13) do not count: the 15th
        # calendar day moves from 10-15 to 10-19, a Monday
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 19))

        told = self._complaint(user_id=self.handler.id, received_at=dt.datetime.now())
        told.with_user(self.handler).action_pause_sla(reason="mediation")
        notice = told.message_ids.filtered(
            lambda m: self.partner in m.partner_ids and "mediation" in (m.body or "")
        )
        self.assertTrue(notice)

    def test_ins_10_acceptance_notice_with_deadline_and_contact(self):
        complaint = self._complaint(user_id=self.handler.id)
        complaint.with_user(self.handler).action_accept()
        notice = complaint.message_ids.filtered(
            lambda m: self.partner in m.partner_ids and "accepted" in (m.body or "")
        )
        self.assertTrue(notice)
        self.assertIn("2026-10-15 23:59", notice[0].body)
        self.assertIn("Handler Li", notice[0].body)

    def _request_review(self, complaint, user, **vals):
        return (
            self.env["complaint.review"]
            .with_user(user)
            .create(dict({"complaint_id": complaint.id}, **vals))
        )

    def test_ins_10_review_window_and_decision(self):
        """Review (核查, complaint_base's complaint.review of the 2020
        measures) within 30 days of the decision, decided within 30 days of
        the request (DL-3: a Saturday/Sunday end rolls to Monday)."""
        late = self._complaint(
            state="resolved",
            reply_at=local(2026, 10, 15, 9, 0),
            resolved_at=RECEIVED,
            user_id=self.handler.id,
        )
        self.assertEqual(late.recheck_window_deadline, end_of_day(2026, 11, 16))
        with self.assertRaisesRegex(UserError, "2026-11-16"):
            self._request_review(
                late, self.handler, requested_at=local(2026, 11, 17, 9, 0)
            )

        complaint = self._complaint(
            state="resolved",
            reply_at=local(2026, 11, 19, 9, 0),
            resolved_at=RECEIVED,
            user_id=self.handler.id,
        )
        review = self._request_review(
            complaint, self.handler, requested_at=local(2026, 11, 20, 10, 0)
        )
        self.assertEqual(complaint.review_requested_at, local(2026, 11, 20, 10, 0))
        self.assertEqual(review.deadline, end_of_day(2026, 12, 21))
        self.assertEqual(complaint.recheck_deadline, end_of_day(2026, 12, 21))
        with self.assertRaises(UserError):  # only once
            self._request_review(
                complaint, self.handler, requested_at=local(2026, 11, 21, 10, 0)
            )
        as_reviewer = review.with_user(self.reviewer)
        with self.assertRaises(UserError):
            as_reviewer.action_decide()
        as_reviewer.write(
            {
                "result": "upheld",
                "result_note": "维持原处理意见，并告知客户可申请调解。",
            }
        )
        as_reviewer.action_decide()
        self.assertTrue(complaint.review_decided_at)
        self.assertEqual(review.state, "decided")

    def test_ins_10_not_for_other_sectors(self):
        """A general complaint keeps its policy's clock and cap."""
        self.env["complaint.sla.policy"].create(
            {
                "name": "Generic: resolve in 3 working days",
                "max_extension_amount": 10,
                "max_extension_unit": "working_days",
                "target_ids": [
                    (
                        0,
                        0,
                        {
                            "kind": "resolution",
                            "amount": 3,
                            "unit": "working_days",
                            "start_event": "received",
                        },
                    )
                ],
            }
        )
        general = self._complaint(sector="general", category_id=False)
        self.assertEqual(general.sector, "general")
        self.assertEqual(general.resolution_deadline, end_of_day(2026, 10, 10))
        self.assertEqual(general._get_extension_cap(), (10, "working_days"))
        insurance = self._complaint()
        self.assertEqual(insurance.resolution_deadline, end_of_day(2026, 10, 15))
        self.assertEqual(insurance._get_extension_cap(), (60, "calendar_days"))
