"""BASE-57/58: workflow integrity at the model boundary.

Every test plays the attacker: the forbidden ``create``/``write`` is made
as the lowest group that may write the model, as JSON-RPC would.
"""

from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestWorkflowIntegrity(ComplaintCase):
    def test_base_57_handler_cannot_write_workflow_fields(self):
        complaint = self._complaint()
        forged = {
            "state": "closed",
            "plan_state": "approved",
            "plan_approved_by": self.handler.id,
            "transfer_count": 0,
            "resolution_deadline": "2099-01-01 00:00:00",
            "sla_next_check": False,
            "escalation_level": 0,
            "name": "99990001",
            "category_confirmed": True,
            "closed_at": "2026-01-01 00:00:00",
            "reviewer_id": self.handler.id,
            "satisfaction": "5",
            "followup_done_at": "2026-01-01 00:00:00",
        }
        as_handler = complaint.with_user(self.handler)
        for fname, value in forged.items():
            with self.subTest(field=fname):
                with self.assertRaisesRegex(UserError, "workflow action"):
                    as_handler.write({fname: value})
        self.assertEqual(complaint.state, "new")
        self.assertNotEqual(complaint.name, "99990001")

    def test_base_57_create_cannot_forge_state_or_number(self):
        Complaint = self.env["complaint.complaint"].with_user(self.handler)
        with self.assertRaisesRegex(UserError, "workflow action"):
            Complaint.create(
                {"subject": "x", "channel_id": self.phone.id, "state": "closed"}
            )
        with self.assertRaisesRegex(UserError, "workflow action"):
            Complaint.create({"subject": "x", "name": "99990001"})
        # a forged default in the context is dropped, not applied
        complaint = Complaint.with_context(
            default_state="closed", default_plan_state="approved"
        ).create({"subject": "x", "channel_id": self.phone.id})
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.plan_state, "none")
        # the form sends the defaults back: that is accepted
        complaint = Complaint.create(
            {"subject": "y", "state": "new", "plan_state": "none", "name": "/"}
        )
        self.assertEqual(complaint.state, "new")

    def test_base_57_actions_still_drive_the_workflow(self):
        complaint = self._complaint(user=self.handler)
        self.env.cr.flush()  # registration and the actions are two requests
        complaint.action_accept()
        complaint.action_start()
        complaint.write({"resolution": "<p>Apologised and refunded.</p>"})
        complaint.action_resolve()
        self.assertEqual(complaint.state, "resolved")
        # tracking names the real user, not the superuser
        self.env.flush_all()
        self.env.cr.flush()  # tracking values are written at flush
        complaint.invalidate_recordset(["message_ids"])
        tracking = complaint.message_ids.filtered("tracking_value_ids")[:1]
        self.assertEqual(tracking.author_id, self.handler.partner_id)

    def test_base_57_lower_groups_cannot_call_handler_actions(self):
        complaint = self._complaint()
        as_registrar = complaint.with_user(self.registrar)
        for method, args in (
            ("action_accept", ()),
            ("action_mark_invalid", ("untrue",)),
            ("action_confirm_category", ()),
            ("action_pause_sla", ()),
        ):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(as_registrar, method)(*args)
        complaint.action_accept()
        complaint.action_start()
        complaint.write({"resolution": "<p>Done</p>"})
        complaint.action_resolve()
        with self.assertRaises(AccessError):
            as_registrar.action_record_followup("5")
        with self.assertRaises(AccessError):
            as_registrar.action_reopen()
        with self.assertRaises(AccessError):
            complaint.with_user(self.handler).action_close()

    def test_base_57_plan_approval_is_four_eyes(self):
        complaint = self._complaint(severity="important")
        complaint.action_accept()
        complaint.write(
            {"plan_measures": "<p>Refund</p>", "plan_owner_id": self.handler.id}
        )
        complaint.with_user(self.manager).action_submit_plan()
        self.assertEqual(complaint.plan_state, "to_approve")
        self.assertEqual(complaint.plan_submitted_by, self.manager)
        with self.assertRaisesRegex(AccessError, "four-eyes"):
            complaint.with_user(self.manager).action_approve_plan()
        other = new_test_user(
            self.env, "t_manager2", groups="complaint_base.group_complaint_manager"
        )
        complaint.with_user(other).action_approve_plan()
        self.assertEqual(complaint.plan_state, "approved")
        self.assertEqual(complaint.plan_approved_by, other)

    def test_base_57_lowering_severity_is_for_managers(self):
        complaint = self._complaint(severity="major")
        with self.assertRaises(AccessError):
            complaint.with_user(self.handler).write({"severity": "general"})
        complaint.with_user(self.handler).write({"severity": "major"})
        complaint.with_user(self.manager).write({"severity": "important"})
        self.assertEqual(complaint.severity, "important")

    def test_base_57_transfer_only_to_members_of_the_team_and_company(self):
        complaint = self._complaint()
        as_handler = complaint.with_user(self.handler)
        with self.assertRaisesRegex(UserError, "active member"):
            as_handler.action_transfer(self.team_b.id, self.outsider.id, "wrong")
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign = self.env["complaint.team"].create(
            {"name": "Foreign", "company_id": other_company.id}
        )
        with self.assertRaisesRegex(UserError, "Choose a team"):
            as_handler.action_transfer(foreign.id, False, "wrong")
        as_handler.action_transfer(self.team_b.id, self.handler2.id, "billing")
        self.assertEqual(complaint.user_id, self.handler2)
        self.assertEqual(complaint.transfer_count, 1)
        # the transfer log cannot be rewritten afterwards, not even by the
        # new handler who now sees it (the old one no longer sees it at all)
        with self.assertRaisesRegex(UserError, "workflow action"):
            complaint.transfer_ids.with_user(self.handler2).write({"reason": "x"})
        with self.assertRaises(AccessError):
            complaint.transfer_ids.with_user(self.handler).write({"reason": "x"})

    def test_base_57_pause_period_cannot_be_rewritten(self):
        complaint = self._complaint(user=self.handler)
        complaint.with_user(self.handler).action_pause_sla("mediation")
        pause = complaint.sla_pause_ids
        with self.assertRaisesRegex(UserError, "workflow action"):
            pause.with_user(self.handler).write(
                {"start": fields.Datetime.now() - timedelta(days=300)}
            )
        with self.assertRaisesRegex(UserError, "workflow action"):
            self.env["complaint.sla.pause"].with_user(self.handler).create(
                {"complaint_id": complaint.id, "start": "2020-01-01 00:00:00"}
            )

    def test_base_57_extension_is_four_eyes_and_frozen_once_submitted(self):
        complaint = self._complaint()
        complaint.action_accept()
        new_date = complaint.resolution_deadline + timedelta(days=5)
        ext = (
            self.env["complaint.extension"]
            .with_user(self.manager)
            .create(
                {
                    "complaint_id": complaint.id,
                    "requested_deadline": new_date,
                    "reason": "External appraisal",
                }
            )
        )
        ext.action_submit()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            ext.with_user(self.manager).write(
                {"requested_deadline": new_date + timedelta(days=90)}
            )
        with self.assertRaisesRegex(UserError, "workflow action"):
            ext.with_user(self.manager).write({"state": "approved"})
        with self.assertRaisesRegex(AccessError, "four-eyes"):
            ext.with_user(self.manager).action_approve()
        other = new_test_user(
            self.env, "t_manager3", groups="complaint_base.group_complaint_manager"
        )
        ext.with_user(other).action_approve()
        self.assertEqual(ext.state, "approved")
        self.assertEqual(complaint.resolution_deadline, new_date)


@tagged("post_install", "-at_install")
class TestReceiptAndNumbering(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].create({"name": "integrity.test"})
        cls.company.alias_domain_id = domain
        cls.team_a.write(
            {
                "alias_name": "intake",
                "alias_domain_id": domain.id,
                "alias_contact": "everyone",
            }
        )

    def _mail(self, subject, date_header=None):
        headers = (
            "From: Li Lei <lilei@example.com>\r\n"
            "To: intake@integrity.test\r\n"
            f"Subject: {subject}\r\n"
            f"Message-ID: <{subject.replace(' ', '')}-{date_header}@example.com>\r\n"
        )
        if date_header:
            headers += f"Date: {date_header}\r\n"
        raw = headers + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n"
        res_id = self.env["mail.thread"].message_process(None, raw)
        return self.env["complaint.complaint"].browse(res_id)

    def test_base_57_mail_subject_never_becomes_the_number(self):
        first = self._complaint()
        period, serial = first.name[:4], int(first.name[4:])
        next_number = f"{period}{serial + 1:04d}"
        mailed = self._mail(next_number)
        self.assertEqual(mailed.subject, next_number)
        self.assertEqual(mailed.name, next_number, "it simply gets the next number")
        # and every later registration still gets its own number
        later = self._complaint()
        self.assertEqual(later.name, f"{period}{serial + 2:04d}")
        squatter = self._mail(f"{period}9999")
        self.assertNotEqual(squatter.name, f"{period}9999")

    def test_base_57_mail_date_header_does_not_backdate(self):
        before = fields.Datetime.now() - timedelta(seconds=5)
        complaint = self._mail("old mail", "Mon, 01 Jan 2001 10:00:00 +0000")
        self.assertGreaterEqual(complaint.received_at, before)
        self.assertFalse(complaint.is_overdue)
        self.assertFalse(complaint.escalation_level)
        future = self._mail("future mail", "Mon, 01 Jan 2099 10:00:00 +0000")
        self.assertLessEqual(future.received_at, fields.Datetime.now())

    def test_base_57_received_at_never_in_the_future(self):
        tomorrow = fields.Datetime.now() + timedelta(days=3)
        with self.assertRaises(ValidationError):
            self._complaint(user=self.handler, received_at=tomorrow)
        complaint = self._complaint(user=self.handler)
        with self.assertRaises(ValidationError):
            complaint.with_user(self.handler).write({"received_at": tomorrow})

    def test_base_57_backdating_for_handlers_with_reason_within_bound(self):
        two_days_ago = fields.Datetime.now() - timedelta(days=2)
        with self.assertRaises(AccessError):
            self._complaint(user=self.registrar, received_at=two_days_ago)
        with self.assertRaisesRegex(UserError, "say why"):
            self._complaint(user=self.handler, received_at=two_days_ago)
        with self.assertRaisesRegex(UserError, "at most 7 days"):
            self._complaint(
                user=self.handler,
                received_at=fields.Datetime.now() - timedelta(days=30),
                received_at_reason="phone call",
            )
        complaint = self._complaint(
            user=self.handler,
            received_at=two_days_ago,
            received_at_reason="Phone call on Friday, logged on Monday",
        )
        self.assertEqual(complaint.received_at, two_days_ago.replace(microsecond=0))
        self.company.complaint_backdate_days = 60
        self._complaint(
            user=self.handler,
            received_at=fields.Datetime.now() - timedelta(days=30),
            received_at_reason="letter found late",
        )

    def test_base_57_deleting_the_contact_keeps_who_filed_it(self):
        complaint = self._complaint()
        self.assertEqual(complaint.contact_name, self.partner.name)
        with self.assertRaises(UserError):
            with self.cr.savepoint():
                self.partner.unlink()
        self.assertEqual(complaint.partner_id, self.partner)


@tagged("post_install", "-at_install")
class TestCronSurvivesBadRows(ComplaintCase):
    def test_base_58_watcher_logs_retries_and_goes_on(self):
        Complaint = self.env["complaint.complaint"]
        complaints = self._complaint() | self._complaint() | self._complaint()
        bad = complaints[1]
        now = fields.Datetime.now() + timedelta(days=400)
        complaints.sudo().write({"sla_next_check": fields.Datetime.now()})
        original = type(Complaint)._apply_escalation_rules

        def flaky(records, *args, **kwargs):
            if bad in records:
                raise ValueError("corrupt row")
            return original(records, *args, **kwargs)

        with (
            patch.object(type(Complaint), "_apply_escalation_rules", flaky),
            self.assertLogs("odoo.addons.complaint_base", level="ERROR") as logs,
        ):
            Complaint._cron_check_sla(now=now)
        self.assertIn(bad.name, "\n".join(logs.output))
        good = complaints - bad
        self.assertTrue(all(good.mapped("is_overdue")), "the others were handled")
        self.assertFalse(bad.is_overdue, "the bad row's work was rolled back")
        self.assertEqual(bad.sla_check_failures, 1)
        self.assertGreater(bad.sla_next_check, now, "retried later, with a back-off")
        # next time it works, the counter resets
        bad.sudo().write({"sla_next_check": now})
        Complaint._cron_check_sla(now=now)
        self.assertTrue(bad.is_overdue)
        self.assertEqual(bad.sla_check_failures, 0)


@tagged("post_install", "-at_install")
class TestPromisedDate(ComplaintCase):
    def test_dl_6_promise_cannot_be_taken_back_over_rpc(self):
        """BASE-57/DL-6: once the complainant was told the date, a handler
        cannot unset the flag to bring the deadline forward."""
        complaint = self._complaint(user=self.handler)
        complaint.with_user(self.handler).action_mark_deadline_notified()
        self.assertTrue(complaint.deadline_notified)
        with self.assertRaisesRegex(UserError, "workflow action"):
            complaint.with_user(self.handler).write({"deadline_notified": False})
        with self.assertRaises(AccessError):
            complaint.with_user(self.registrar).action_mark_deadline_notified()
