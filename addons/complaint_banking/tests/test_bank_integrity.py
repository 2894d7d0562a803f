"""BASE-57 / BANK-02 / BASE-46: the workflow fields of the bank records
change only through their actions, a sent notice is proof, and no notice
claims a delivery that did not happen.  Every forbidden write is tried as
the lowest group that may write the model, as an RPC call would."""

import contextlib
from datetime import timedelta
from unittest.mock import patch

from odoo.addons.base.models.ir_mail_server import IrMailServer
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BankCase, local

GUARD = "workflow action"


@tagged("post_install", "-at_install")
class TestBankIntegrity(BankCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls._complaint()
        cls.complaint.with_user(cls.handler).action_accept()
        cls.sent = cls.complaint.bank_notice_ids

    @contextlib.contextmanager
    def refused(self, pattern, exception=UserError):
        """The block raises ``exception`` with ``pattern`` in its message;
        what it wrote is rolled back."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    def _notice(self, context=None, **vals):
        values = {"complaint_id": self.complaint.id, "kind": "extension", **vals}
        Notice = self.env["complaint.bank.notice"].with_user(self.handler)
        return Notice.with_context(**(context or {})).create(values)

    # ------------------------------------------------------------ notices
    def test_base_57_handler_cannot_create_a_sent_notice(self):
        """BASE-57 / BANK-02: a notice is not created already sent, dated,
        signed by someone else or with a forged e-mail as proof."""
        forged = {
            "state": "sent",
            "sent_at": "2026-09-18 03:00:00",
            "user_id": self.manager.id,
            "mail_message_id": self.sent.mail_message_id.id,
            "review_deadline": "2026-12-31 15:59:59",
            "activity_id": self.complaint.activity_ids[:1].id or 1,
        }
        for name, value in forged.items():
            with self.subTest(field=name), self.refused(GUARD):
                self._notice(channel="letter", **{name: value})
        notice = self._notice(context={"default_state": "sent"}, channel="letter")
        self.assertEqual(notice.state, "draft")

    def test_base_57_handler_cannot_mark_a_notice_sent(self):
        """BASE-57: state, time and sender of a notice are the sending
        action's: a handler's write is refused and names ``action_send``."""
        notice = self._notice(channel="letter")
        for name, value in (("state", "sent"), ("sent_at", "2026-09-18 03:00:00")):
            with self.subTest(field=name), self.refused(f"{GUARD}.*action_send"):
                notice.write({name: value})
        self.assertEqual(notice.state, "draft")

    def test_bank_02_sent_notice_cannot_be_reset_or_rewritten(self):
        """BANK-02: once sent, not even a complaint manager puts a notice
        back to draft, rewrites its content, channel, recipient or proof,
        adds or removes an attachment, or deletes it."""
        self.assertEqual(self.sent.state, "sent")
        notice = self.sent.with_user(self.manager)
        attempts = {
            "state": "draft",
            "content": "<p>We never promised a date.</p>",
            "channel": "letter",
            "recipient": "someone@example.cn",
            "call_record": "Nobody answered.",
            "attachment_ids": [(6, 0, [])],
        }
        for name, value in attempts.items():
            with self.subTest(field=name), self.refused("proof", AccessError):
                notice.write({name: value})
        with self.refused("proof", AccessError):
            notice.unlink()
        with self.refused("proof", AccessError):
            self.env["ir.attachment"].with_user(self.manager).create(
                {
                    "name": "receipt.txt",
                    "raw": b"forged receipt",
                    "res_model": "complaint.bank.notice",
                    "res_id": self.sent.id,
                }
            )
        self.assertEqual(self.sent.state, "sent")
        self.assertIn("2026-10-08", self.sent.content)

    def test_base_46_email_notice_not_sent_when_mail_fails(self):
        """BASE-46: an e-mail notice is sent only when Odoo's mail queued
        the e-mail; when the mail server refuses it, the notice stays to
        send and the handler is told."""
        notice = self._notice(channel="email").with_context(mail_notify_force_send=True)
        with (
            patch.object(IrMailServer, "connect", side_effect=OSError("SMTP down")),
            self.refused("could not queue"),
        ):
            notice.action_send()
        self.assertEqual(notice.state, "draft")
        self.assertFalse(notice.sent_at)
        self.assertFalse(notice.mail_message_id)

    def test_base_46_email_notice_needs_an_address(self):
        """BASE-46: no e-mail address, no e-mail notice."""
        complaint = self._complaint(partner_id=self.sms_customer.id)
        notice = (
            self.env["complaint.bank.notice"]
            .with_user(self.handler)
            .create(
                {"complaint_id": complaint.id, "kind": "acceptance", "channel": "email"}
            )
        )
        with self.refused("no e-mail address"):
            notice.action_send()
        self.assertEqual(notice.state, "draft")

    def test_base_46_phone_notice_records_the_call_not_the_click(self):
        """BASE-46 / BANK-02: a phone notice is logged with the time of the
        call (never in the future), who recorded it and the call record."""
        notice = self._notice(channel="phone", call_record="Ms Li answered.")
        notice.call_at = "2099-01-01 00:00:00"
        with self.refused("in the future"):
            notice.action_send()
        self.assertEqual(notice.state, "draft")
        # nor before the complaint reached the bank (a backdated notice)
        notice.call_at = self.complaint.received_at - timedelta(days=30)
        with self.refused("earlier than the complaint's receipt"):
            notice.action_send()
        self.assertEqual(notice.state, "draft")
        notice.call_at = local(2026, 9, 18, 11, 0)
        notice.action_send()
        self.assertEqual(notice.state, "sent")
        self.assertEqual(notice.sent_at, local(2026, 9, 18, 11, 0))
        self.assertEqual(notice.user_id, self.handler)
        self.assertTrue(notice.recipient)
        self.assertNotIn("1234 5678", notice.recipient)

    def test_base_57_registrar_cannot_send_or_open_notices(self):
        """BASE-57: the notice and review buttons are for handlers; their
        methods check the group themselves (RPC)."""
        complaint = self.complaint.with_user(self.registrar)
        for method in ("action_bank_new_notice", "action_bank_apply_review"):
            with self.subTest(method=method), self.refused("handlers", AccessError):
                getattr(complaint, method)()
        notice = self._notice(channel="letter")
        with self.refused("handlers", AccessError):
            notice.with_user(self.registrar).action_send()
        self.assertEqual(notice.state, "draft")

    # ----------------------------------------------------------- complaint
    def test_base_57_bank_complaint_notice_dates_are_the_notices(self):
        """BASE-57: when the customer was told of the acceptance and of the
        decision (which opens the review window), and whether a repeat is
        merged, are not written by hand."""
        complaint = self.complaint.with_user(self.handler)
        forged = {
            "bank_acceptance_notified_at": "2026-09-18 02:00:00",
            "bank_decision_notified_at": "2026-09-18 02:00:00",
            "bank_review_deadline": "2099-01-01 00:00:00",
            "bank_is_merged": True,
        }
        for name, value in forged.items():
            with self.subTest(field=name), self.refused(GUARD):
                complaint.write({name: value})
        with self.refused(GUARD):
            self._complaint(
                user=self.handler,
                received=False,
                bank_decision_notified_at="2026-09-18 02:00:00",
            )

    # ---------------------------------------------------------- extension
    def test_base_57_extension_superior_approval_is_four_eyes(self):
        """BASE-57 / BANK-01b: the senior manager who requested an
        extension beyond 30 days does not approve it himself; another
        authorised approver does, and the level is the action's."""
        ext = (
            self.env["complaint.extension"]
            .with_user(self.branch_manager)
            .create(
                {
                    "complaint_id": self.complaint.id,
                    "requested_deadline": local(2026, 11, 10, 15, 59),
                    "reason": "The receiving bank must trace the transfer.",
                }
            )
        )
        with self.refused("four-eyes", AccessError):
            ext.with_user(self.branch_manager).action_approve()
        self.assertEqual(ext.state, "draft")
        with self.refused(GUARD):
            ext.with_user(self.manager).write({"approval_level": "superior"})
        ext.with_user(self.head_manager).action_approve()
        self.assertEqual(ext.state, "approved")
        self.assertEqual(ext.approval_level, "head_office")

    def test_base_57_extension_within_30_days_is_four_eyes_too(self):
        """BASE-57: a manager does not approve his own extension request."""
        ext = (
            self.env["complaint.extension"]
            .with_user(self.manager)
            .create(
                {
                    "complaint_id": self.complaint.id,
                    "requested_deadline": local(2026, 10, 16, 15, 59),
                    "reason": "Waiting for the card scheme.",
                }
            )
        )
        with self.refused("four-eyes", AccessError):
            ext.with_user(self.manager).action_approve()
        ext.with_user(self.head_manager).action_approve()
        self.assertEqual(ext.approval_level, "institution")
