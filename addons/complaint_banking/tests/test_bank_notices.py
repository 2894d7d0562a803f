"""BANK-02: notices with proof; BANK-08: the decision letter."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import BankCase, end_of_day


@tagged("post_install", "-at_install")
class TestBankNotices(BankCase):
    def test_bank_02_acceptance_email_with_deadline_and_contact(self):
        """BANK-02: accepting tells the customer (e-mail) the deadline and
        the contact; the notice is logged with the e-mail as proof and the
        date counts as promised (DL-6)."""
        complaint = self._complaint()
        self.assertEqual(complaint.bank_notice_channel, "email")
        complaint.with_user(self.handler).action_accept()
        notice = complaint.bank_notice_ids
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.kind, "acceptance")
        self.assertEqual(notice.channel, "email")
        self.assertEqual(notice.state, "sent")
        self.assertTrue(notice.sent_at)
        self.assertEqual(notice.recipient, "lina@example.cn")
        self.assertTrue(notice.mail_message_id)
        self.assertIn(self.customer, notice.mail_message_id.partner_ids)
        self.assertTrue(notice.has_proof)
        self.assertEqual(notice.new_deadline, end_of_day(2026, 10, 8))
        for text in ("2026-10-08", "Handler Zhao", "021-5888 6688", "受理"):
            self.assertIn(text, notice.content)
        self.assertTrue(complaint.deadline_notified)
        self.assertEqual(complaint.bank_acceptance_notified_at, notice.sent_at)

    def test_base_46_sms_refused_without_gateway(self):
        """BASE-46 / BANK-02: with no SMS gateway a customer who only has a
        mobile number is called (phone notice), and an SMS notice is refused
        with a message pointing to Settings: it stays to send, nothing claims
        an SMS left, and the number is not copied in clear."""
        complaint = self._complaint(partner_id=self.sms_customer.id)
        self.assertEqual(complaint.bank_notice_channel, "phone")
        notice = (
            self.env["complaint.bank.notice"]
            .with_user(self.handler)
            .create(
                {"complaint_id": complaint.id, "kind": "acceptance", "channel": "sms"}
            )
        )
        with self.assertRaisesRegex(UserError, "No SMS gateway.*Settings"):
            notice.action_send()
        self.assertEqual(notice.state, "draft")
        self.assertFalse(notice.sent_at)
        self.assertFalse(notice.has_proof)
        chatter = " ".join(complaint.message_ids.mapped("body"))
        self.assertNotIn("9876 5432", chatter)
        self.assertNotIn("SMS to", chatter)

    def test_base_46_sms_channel_on_acceptance_stays_to_send(self):
        """BASE-46: accepting a complaint whose notices go by SMS does not
        claim the SMS left: the notice stays to send, the handler gets an
        activity, the deadline does not count as told."""
        complaint = self._complaint(
            partner_id=self.sms_customer.id, bank_notice_channel="sms"
        )
        complaint.with_user(self.handler).action_accept()
        self.assertEqual(complaint.state, "accepted")
        notice = complaint.bank_notice_ids
        self.assertEqual((notice.channel, notice.state), ("sms", "draft"))
        self.assertFalse(notice.sent_at)
        self.assertFalse(complaint.bank_acceptance_notified_at)
        self.assertFalse(complaint.deadline_notified)
        self.assertEqual(notice.activity_id.user_id, self.handler)
        self.assertIn("No SMS gateway", notice.activity_id.note)
        self.assertNotIn("9876 5432", notice.recipient or "")
        self.assertNotIn("9876 5432", notice.content or "")
        chatter = " ".join(complaint.message_ids.mapped("body"))
        self.assertIn("was not sent", chatter)
        self.assertNotIn("9876 5432", chatter)

    def test_bank_02_phone_notice_needs_call_record(self):
        """BANK-02: a phone notice becomes a call activity and is logged only
        with the call record."""
        complaint = self._complaint(bank_notice_channel="phone")
        complaint.action_accept()
        notice = complaint.bank_notice_ids
        self.assertEqual((notice.channel, notice.state), ("phone", "draft"))
        self.assertTrue(notice.activity_id)
        self.assertEqual(notice.activity_id.user_id, self.handler)
        with self.assertRaisesRegex(UserError, "call record"):
            notice.action_send()
        notice.call_record = "2026-09-18 10:40 called 138 1234 5678, Ms Li answered."
        notice.action_send()
        self.assertEqual(notice.state, "sent")
        self.assertTrue(notice.has_proof)
        self.assertFalse(notice.activity_id.exists())
        with self.assertRaises(ValidationError):
            self.env["complaint.bank.notice"].create(
                {
                    "complaint_id": complaint.id,
                    "kind": "extension",
                    "channel": "phone",
                    "state": "sent",
                }
            )

    def test_bank_02_letter_is_sent_once_confirmed_posted(self):
        """BANK-02 / BASE-46: a letter is printed and attached at once, but
        logged as sent only when the handler confirms it was posted."""
        complaint = self._complaint(bank_notice_channel="letter")
        complaint.with_user(self.handler).action_accept()
        notice = complaint.bank_notice_ids
        self.assertEqual((notice.channel, notice.state), ("letter", "draft"))
        self.assertFalse(complaint.deadline_notified)
        self.assertEqual(len(notice.attachment_ids), 1)
        self.assertIn("世纪大道100号", notice.recipient)
        letter = notice.attachment_ids.raw.decode()
        self.assertIn(complaint.name, letter)
        self.assertIn("2026-10-08", letter)
        self.assertEqual(notice.activity_id.user_id, self.handler)
        notice.with_user(self.handler).action_send()
        self.assertEqual(notice.state, "sent")
        self.assertEqual(notice.user_id, self.handler)
        self.assertTrue(notice.sent_at)
        self.assertTrue(notice.has_proof)
        self.assertFalse(notice.activity_id.exists())
        self.assertTrue(complaint.deadline_notified)

    def test_bank_02_sent_notice_is_proof(self):
        """BANK-02: a handler cannot rewrite a sent notice."""
        complaint = self._complaint()
        complaint.action_accept()
        notice = complaint.bank_notice_ids.with_user(self.handler)
        with self.assertRaisesRegex(UserError, "proof"):
            notice.content = "<p>Something else</p>"

    def test_bank_02_extension_notice_with_new_date_and_reason(self):
        """BANK-02: an approved extension tells the new date and the reason
        (the bank's own logged notice, not the base e-mail)."""
        complaint = self._complaint()
        complaint.action_accept()
        ext = self.env["complaint.extension"].create(
            {
                "complaint_id": complaint.id,
                "requested_deadline": end_of_day(2026, 10, 16),
                "reason": "We wait for the card scheme's chargeback answer.",
            }
        )
        messages_before = len(complaint.message_ids)
        ext.with_user(self.manager).action_approve()
        notice = complaint.bank_notice_ids.filtered(lambda n: n.kind == "extension")
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.extension_id, ext)
        self.assertEqual(notice.new_deadline, end_of_day(2026, 10, 16))
        self.assertIn("2026-10-16", notice.content)
        self.assertIn("chargeback answer", notice.content)
        emails = complaint.message_ids[: len(complaint.message_ids) - messages_before]
        self.assertEqual(
            len(emails.filtered(lambda m: m.message_type == "comment")),
            1,
            "one extension e-mail, not two",
        )

    def test_bank_08_decision_letter_findings_basis_reasons_remedies(self):
        """BANK-08: the decision states findings, basis, reasons and the
        remedies (review within 30 days, mediation, arbitration, litigation)."""
        complaint = self._complaint()
        complaint.action_accept()
        complaint.resolution = "<p>Refund CNY 600.</p>"
        with self.assertRaisesRegex(UserError, "findings"):
            complaint.action_resolve()
        self._decide(complaint)
        notice = complaint.bank_notice_ids.filtered(lambda n: n.kind == "decision")
        self.assertEqual(notice.state, "sent")
        for text in (
            "8 times",
            "Credit card contract art. 7",
            "The waiver condition was met.",
            "CNY 600 is refunded",
            "申请核查",
            "调解",
            "仲裁",
            "诉讼",
            "Mediation",
            "Arbitration",
            "Litigation",
            self.branch.name,
            "上海银行业纠纷调解中心",
        ):
            self.assertIn(text, notice.content)
        self.assertEqual(complaint.bank_decision_notified_at, notice.sent_at)
        self.assertEqual(complaint.bank_review_deadline, notice.review_deadline)
        self.assertGreater(complaint.bank_review_deadline, notice.sent_at)
