"""BASE-46 / BANK-02: a bank notice by SMS goes through the company's
gateway (Odoo's ``sms`` queue): queued, "sent" only when the gateway
accepted it (its message id is the proof), delivered or not on the receipt.
Only the SDK client is replaced; no network."""

import json
from unittest.mock import patch

from odoo.addons.complaint_base.tests.sms_common import ALIBABA_CLIENT, alibaba_reply
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BankCase, local

VARIABLES = "company,number,deadline,contact,phone"


@tagged("post_install", "-at_install")
class TestBankSms(BankCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.acceptance_sms = cls.env.ref(
            "complaint_banking.sms_template_bank_notice_acceptance"
        )
        cls.gateway = cls.env["complaint.sms.gateway"].create(
            {
                "name": "Alibaba gateway",
                "provider": "alibaba",
                "sign_name": "某某银行",
                "access_key_id": "key-id",
                "access_key_secret": "key-secret",
                "template_ids": [
                    (
                        0,
                        0,
                        {
                            "sms_template_id": cls.acceptance_sms.id,
                            "template_code": "SMS_BANK_ACCEPT",
                            "lang": False,
                            "variables": VARIABLES,
                        },
                    )
                ],
            }
        )
        cls.company.complaint_sms_gateway_id = cls.gateway
        cls.sms_customer.mobile = "13698765432"

    def _accepted(self):
        complaint = self._complaint(partner_id=self.sms_customer.id)
        self.assertEqual(complaint.bank_notice_channel, "sms")
        complaint.with_user(self.handler).action_accept()
        notice = complaint.bank_notice_ids
        self.assertEqual((notice.channel, notice.state), ("sms", "queued"))
        return complaint, notice

    def _sms(self, notice):
        return self.env["sms.sms"].sudo().search([("uuid", "=", notice.sms_uuid)])

    def _send(self, notice, **reply):
        with patch(ALIBABA_CLIENT) as client_class:
            client_class.return_value.send_sms.return_value = alibaba_reply(**reply)
            self._sms(notice).send()
        return client_class.return_value

    def test_base_46_bank_sms_queued_sent_then_delivered(self):
        """BASE-46: accepting queues the SMS (not yet told); the gateway's
        acceptance makes it sent, with its message id, and the customer
        counts as told; the receipt makes it delivered."""
        complaint, notice = self._accepted()
        self.assertFalse(notice.sent_at)
        self.assertFalse(complaint.bank_acceptance_notified_at)
        self.assertFalse(notice.has_proof)
        client = self._send(notice, biz_id="BIZ-9")
        request = client.send_sms.call_args.args[0]
        self.assertEqual(request.template_code, "SMS_BANK_ACCEPT")
        params = json.loads(request.template_param)
        self.assertEqual(params["number"], complaint.name)
        self.assertEqual(params["phone"], "021-5888 6688")
        self.assertEqual(params["deadline"], "2026-10-08 23:59")
        notice.invalidate_recordset()
        self.assertEqual(notice.state, "sent")
        self.assertEqual(notice.sms_message_id, "BIZ-9")
        self.assertTrue(notice.has_proof)
        self.assertEqual(complaint.bank_acceptance_notified_at, notice.sent_at)
        self.assertTrue(complaint.deadline_notified)
        self.gateway._apply_receipts(
            [
                {
                    "message_id": "BIZ-9",
                    "delivered": True,
                    "time": local(2026, 9, 18, 10, 5),
                    "code": "DELIVERED",
                }
            ]
        )
        notice.invalidate_recordset()
        self.assertEqual(notice.state, "delivered")
        self.assertEqual(notice.sms_delivered_at, local(2026, 9, 18, 10, 5))
        self.assertNotIn("9876", notice.recipient or "")

    def test_base_46_bank_sms_not_delivered_is_not_told(self):
        """BASE-46: a receipt saying the SMS did not arrive undoes "told":
        the notice is not delivered and the handler reaches the customer
        another way."""
        complaint, notice = self._accepted()
        self._send(notice, biz_id="BIZ-10")
        self.gateway._apply_receipts(
            [{"message_id": "BIZ-10", "delivered": False, "code": "MOBILE_OFF"}]
        )
        notice.invalidate_recordset()
        self.assertEqual(notice.state, "failed")
        self.assertFalse(complaint.bank_acceptance_notified_at)
        self.assertFalse(complaint.deadline_notified)
        self.assertEqual(notice.activity_id.user_id, self.handler)
        self.assertIn("did not reach", notice.activity_id.note)

    def test_base_46_bank_sms_refused_by_the_gateway(self):
        """BASE-46: the gateway refuses the SMS: never sent."""
        complaint, notice = self._accepted()
        self._send(notice, code="isv.MOBILE_NUMBER_ILLEGAL", message="bad number")
        notice.invalidate_recordset()
        self.assertEqual(notice.state, "failed")
        self.assertFalse(notice.sent_at)
        self.assertFalse(complaint.bank_acceptance_notified_at)

    def test_base_46_bank_sms_without_approved_template_refused(self):
        """BASE-46: in China an SMS goes out only as an approved template:
        without one, the notice is refused and stays to send."""
        complaint = self._complaint(partner_id=self.sms_customer.id)
        notice = (
            self.env["complaint.bank.notice"]
            .with_user(self.handler)
            .create(
                {"complaint_id": complaint.id, "kind": "extension", "channel": "sms"}
            )
        )
        with self.assertRaises(UserError) as caught:
            notice.action_send()
        self.assertIn("approved template", str(caught.exception))
        self.assertEqual(notice.state, "draft")
        self.assertFalse(notice.sms_uuid)

    def test_bank_02_queued_sms_notice_is_frozen(self):
        """BANK-02: once handed to the gateway the notice is not rewritten."""
        _complaint, notice = self._accepted()
        with self.assertRaises(UserError):
            notice.with_user(self.manager).write({"content": "<p>Other</p>"})
