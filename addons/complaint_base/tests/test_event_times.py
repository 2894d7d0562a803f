from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import receipt
from .common import ComplaintCase


class TestEventTimes(ComplaintCase):
    """BASE-27/57: the first contact and the reply stop the first-response
    clock, so their recorded times hold the same rules over RPC as in the
    form: a handler records them while the complaint is open, between its
    receipt and now."""

    def _status(self, complaint, kind="first_response"):
        return complaint.sla_status_ids.filtered(lambda s: s.target_kind == kind)

    def _accepted(self, **vals):
        complaint = self._complaint(user_id=self.handler.id, **vals)
        complaint.with_user(self.handler).action_accept()
        return complaint

    def test_base_27_pure_event_time_rules(self):
        now = fields.Datetime.now()
        received = now - timedelta(days=2)
        self.assertIsNone(receipt.event_time_problem(now, received, now))
        self.assertEqual(
            receipt.event_time_problem(now + timedelta(hours=1), received, now),
            "future",
        )
        self.assertEqual(
            receipt.event_time_problem(received - timedelta(hours=1), received, now),
            "before_receipt",
        )

    def test_base_57_registrar_cannot_record_or_clear_a_contact(self):
        complaint = self._accepted()
        complaint.with_user(self.handler).action_contact_complainant()
        contacted = complaint.contacted_at
        as_registrar = complaint.with_user(self.registrar)
        for value in (fields.Datetime.now(), False):
            with self.assertRaises(AccessError):
                as_registrar.write({"contacted_at": value})
        with self.assertRaises(AccessError):
            as_registrar.write({"reply_at": fields.Datetime.now()})
        self.assertEqual(complaint.contacted_at, contacted)

    def test_base_57_registrar_cannot_register_a_contact(self):
        Complaint = self.env["complaint.complaint"].with_user(self.registrar)
        vals = {
            "subject": "Rude clerk",
            "partner_id": self.partner.id,
            "channel_id": self.phone.id,
            "category_id": self.cat_l3.id,
        }
        with self.assertRaises(AccessError):
            Complaint.create(dict(vals, contacted_at=fields.Datetime.now()))
        # what a form sends for an empty field is no event
        self.assertTrue(Complaint.create(dict(vals, contacted_at=False)))

    def test_base_27_closed_complaint_keeps_its_failed_target(self):
        """The attack: on a resolved complaint whose first response was
        missed, rewriting the contact time would turn the failure into a
        met target."""
        complaint = self._accepted(
            received_at=fields.Datetime.now() - timedelta(days=20),
            received_at_reason="Letter scanned late",
        )
        complaint.write({"resolution": "<p>We apologised.</p>"})
        complaint.with_user(self.handler).action_resolve()
        status = self._status(complaint)
        before = (status.status, status.reached_at)
        early = complaint.received_at + timedelta(minutes=5)
        for user in (self.registrar, self.handler):
            with self.assertRaises(UserError):
                complaint.with_user(user).write({"contacted_at": early})
            with self.assertRaises(UserError):
                complaint.with_user(user).write({"reply_at": early})
        self.assertEqual((status.status, status.reached_at), before)

    def test_base_57_contact_time_between_receipt_and_now(self):
        complaint = self._accepted()
        as_handler = complaint.with_user(self.handler)
        now = fields.Datetime.now()
        with self.assertRaises(ValidationError):
            as_handler.write({"contacted_at": now + timedelta(days=1)})
        with self.assertRaises(ValidationError):
            as_handler.write(
                {"contacted_at": complaint.received_at - timedelta(days=30)}
            )
        as_handler.write({"contacted_at": now})
        self.assertEqual(complaint.contacted_at, now)
