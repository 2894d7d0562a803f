"""Deadline extensions (BASE-26) and their cap."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .sla_common import SlaCase, end_of_day, local


@tagged("post_install", "-at_install")
class TestSlaExtension(SlaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # total resolution time capped at 10 working days from receipt
        cls.policy.write(
            {"max_extension_amount": 10, "max_extension_unit": "working_days"}
        )

    def _request(
        self, complaint, new_deadline, reason="需要第三方鉴定 / waiting for appraisal"
    ):
        ext = (
            self.env["complaint.extension"]
            .with_user(self.handler)
            .create(
                {
                    "complaint_id": complaint.id,
                    "requested_deadline": new_deadline,
                    "reason": reason,
                }
            )
        )
        ext.action_submit()
        return ext

    def test_base_26_approved_extension_moves_deadline_and_notifies(self):
        """BASE-26: a manager approves, the resolution deadline moves to the
        new date and the complainant receives the new date and the reason."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0))  # Monday
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 19))
        ext = self._request(complaint, end_of_day(2026, 11, 26))
        self.assertEqual(ext.state, "to_approve")
        self.assertEqual(ext.current_deadline, end_of_day(2026, 11, 19))
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 19))
        with self.assertRaises(AccessError):
            ext.with_user(self.handler).action_approve()
        ext.with_user(self.manager).action_approve()
        self.assertEqual(ext.state, "approved")
        self.assertEqual(ext.approved_by, self.manager)
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 26))
        self.assertEqual(complaint.extension_deadline, end_of_day(2026, 11, 26))
        self.assertTrue(complaint.deadline_notified)
        self.assertEqual(complaint.last_extension_id, ext)
        notice = complaint.message_ids.filtered(
            lambda m: self.partner in m.partner_ids and "2026-11-26" in (m.body or "")
        )
        self.assertTrue(notice, "the complainant is told the new date")
        self.assertIn("waiting for appraisal", notice[0].body)
        self.assertIn("处理期限", notice[0].subject or notice[0].body)
        # DL-6: a later recomputation keeps the extended date
        complaint.severity = "important"
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 26))

    def test_base_26_request_beyond_cap_explains_latest_date(self):
        """BASE-26: asking beyond the policy's cap fails and names the latest
        allowed date (10 working days from Monday 11-16: Monday 11-30)."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0))
        ext = self.env["complaint.extension"].create(
            {
                "complaint_id": complaint.id,
                "requested_deadline": end_of_day(2026, 12, 1),
                "reason": "complex case",
            }
        )
        self.assertEqual(ext.limit_deadline, end_of_day(2026, 11, 30))
        with self.assertRaisesRegex(
            UserError, "latest allowed date is 2026-11-30 23:59"
        ):
            ext.action_submit()
        self.assertEqual(ext.state, "draft")

    def test_base_26_approval_checks_cap_again(self):
        """BASE-26: approving is refused when the cap was lowered meanwhile."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0))
        ext = self._request(complaint, end_of_day(2026, 11, 27))
        self.policy.max_extension_amount = 5  # Mon 11-23
        with self.assertRaisesRegex(UserError, "2026-11-23"):
            ext.with_user(self.manager).action_approve()
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 19))

    def test_base_26_extension_cap_hook(self):
        """BASE-26: ``_get_extension_cap`` gives the policy's cap (sector
        addons override it) and no cap without one."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0))
        self.assertEqual(complaint._get_extension_cap(), (10, "working_days"))
        self.policy.max_extension_amount = 0
        self.assertIsNone(complaint._get_extension_cap())
        self.assertIsNone(complaint._get_extension_limit_deadline())

    def test_base_26_new_date_must_be_later(self):
        """BASE-26: an "extension" to an earlier date is refused."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0))
        with self.assertRaisesRegex(UserError, "must be later"):
            self._request(complaint, end_of_day(2026, 11, 18))

    def test_base_26_refused_extension_keeps_deadline(self):
        """BASE-26: a refused request leaves the deadline alone."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0))
        ext = self._request(complaint, end_of_day(2026, 11, 24))
        ext.with_user(self.manager).action_refuse("Not justified")
        self.assertEqual(ext.state, "refused")
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 19))
        with self.assertRaises(UserError):
            ext.with_user(self.manager).action_approve()

    def test_base_26_extension_clears_overdue(self):
        """BASE-26: an overdue complaint extended to a future date is no
        longer overdue."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0))
        complaint._cron_check_sla(now=local(2026, 11, 20, 9, 0))
        self.assertTrue(complaint.is_overdue)
        self.policy.max_extension_amount = 0
        ext = self._request(complaint, end_of_day(2099, 1, 5))
        ext.with_user(self.manager).action_approve()
        self.assertFalse(complaint.is_overdue)
        self.assertGreater(complaint.sla_next_check, local(2026, 11, 20, 9, 0))

    def test_base_26_request_dialog_from_the_complaint(self):
        """BASE-26: the "Request Extension" button opens the request dialog;
        submitting it sends the request for approval."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0))
        action = complaint.with_user(self.handler).action_open_extension_wizard()
        view_id = action["views"][0][0]
        ExtensionForm = self.env["complaint.extension"].with_user(self.handler)
        with Form(ExtensionForm.with_context(action["context"]), view=view_id) as form:
            form.requested_deadline = end_of_day(2026, 11, 24)
            form.reason = "等待银行流水 / waiting for bank statements"
        ext = form.record
        self.assertEqual(ext.current_deadline, end_of_day(2026, 11, 19))
        self.assertEqual(ext.limit_deadline, end_of_day(2026, 11, 30))
        ext.action_submit()
        self.assertEqual(ext.state, "to_approve")
        self.assertEqual(complaint.extension_count, 1)
