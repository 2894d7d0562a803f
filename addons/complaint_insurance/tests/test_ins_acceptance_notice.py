"""INS-10 via BANK-02 (BASE-46): the insurance acceptance notice (accepted,
decision date, contact, tracking link) goes out through complaint_base's
notice machinery: an e-mail to a complainant with an address, an SMS
through the company's gateway to one with a mobile number.  Nothing is
claimed sent that was not queued, and accepting never waits on it.  Only
the SMS SDK client is replaced; no network."""

import json
from unittest.mock import patch

from odoo.addons.complaint_base.tests.sms_common import ALIBABA_CLIENT, alibaba_reply
from odoo.tests import tagged

from .common import InsuranceCase

DECISION = "2026-10-15 23:59"


@tagged("post_install", "-at_install")
class TestInsAcceptanceNotice(InsuranceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.phone = "95500"
        cls.company.complaint_sms_gateway_id = False
        cls.acceptance_sms = cls.env.ref(
            "complaint_insurance.sms_template_ins_acceptance"
        )
        cls.gateway = cls.env["complaint.sms.gateway"].create(
            {
                "name": "Alibaba gateway",
                "provider": "alibaba",
                "sign_name": "某某保险",
                "access_key_id": "key-id",
                "access_key_secret": "key-secret",
                "template_ids": [
                    (
                        0,
                        0,
                        {
                            "sms_template_id": cls.acceptance_sms.id,
                            "template_code": "SMS_INS_ACCEPT",
                            "lang": False,
                            "variables": "company,number,deadline,contact,phone,link",
                        },
                    )
                ],
            }
        )
        cls.phoned_in = cls.env["res.partner"].create(
            {"name": "李娜 Li Na", "mobile": "13698765432", "lang": "en_US"}
        )
        cls.no_contact = cls.env["res.partner"].create(
            {"name": "王芳 Wang Fang", "lang": "en_US"}
        )

    def _accept(self, partner):
        complaint = self._complaint(partner_id=partner.id, user_id=self.handler.id)
        complaint.with_user(self.handler).action_accept()
        self.assertEqual(complaint.state, "accepted")
        return complaint

    def _mails(self, complaint):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", complaint._name), ("res_id", "=", complaint.id)])
        )

    def _sms(self, complaint):
        return (
            self.env["sms.sms"]
            .sudo()
            .search([("mail_message_id.res_id", "=", complaint.id)])
        )

    def _notes(self, complaint, text):
        note = self.env.ref("mail.mt_note")
        return complaint.message_ids.filtered(
            lambda m: m.subtype_id == note and text in (m.body or "")
        )

    def test_ins_10_acceptance_notice_by_email(self):
        """A complainant with an e-mail address gets the acceptance e-mail
        (queued, not sent inside the action): decision date, contact and a
        tracking link that opens without an account."""
        self.partner.phone = False
        complaint = self._accept(self.partner)
        mail = self._mails(complaint)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn(self.partner, mail.recipient_ids)
        self.assertIn("accepted", mail.subject)
        self.assertIn(DECISION, mail.body_html)
        self.assertIn("Handler Li", mail.body_html)
        self.assertIn("95500", mail.body_html)
        self.assertIn(complaint._complaint_tracking_url(), mail.body_html)
        self.assertIn("access_token=", complaint._complaint_tracking_url())
        self.assertFalse(self._sms(complaint))
        self.assertFalse(self._notes(complaint, "NOT sent"))

    def test_ins_10_acceptance_notice_by_sms(self):
        """A complainant who phoned in (mobile only) gets the acceptance SMS
        through the gateway's approved template; it is sent only when the
        gateway accepts it (its message id)."""
        self.company.complaint_sms_gateway_id = self.gateway
        complaint = self._accept(self.phoned_in)
        self.assertFalse(self._mails(complaint))
        sms = self._sms(complaint)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertEqual(sms.complaint_gateway_id, self.gateway)
        self.assertIn(DECISION, sms.body)
        tracker = self.env["sms.tracker"].sudo().search([("sms_uuid", "=", sms.uuid)])
        self.assertEqual(tracker.notice_state, "queued")
        with patch(ALIBABA_CLIENT) as client_class:
            client_class.return_value.send_sms.return_value = alibaba_reply(
                biz_id="BIZ-INS-1"
            )
            sms.send()
        request = client_class.return_value.send_sms.call_args.args[0]
        self.assertEqual(request.template_code, "SMS_INS_ACCEPT")
        self.assertIn("13698765432", request.phone_numbers)
        params = json.loads(request.template_param)
        self.assertEqual(params["number"], complaint.name)
        self.assertEqual(params["deadline"], DECISION)
        self.assertEqual(params["contact"], "Handler Li")
        self.assertEqual(params["link"], complaint._complaint_tracking_url())
        tracker.invalidate_recordset()
        self.assertEqual(tracker.notice_state, "sent")
        self.assertEqual(tracker.provider_message_id, "BIZ-INS-1")
        self.assertFalse(self._notes(complaint, "NOT sent"))

    def test_ins_10_acceptance_notice_sms_refused_without_gateway(self):
        """Mobile only and no gateway: nothing leaves, nothing is claimed;
        the handler reads why and tells the complainant another way."""
        complaint = self._accept(self.phoned_in)
        self.assertFalse(self._sms(complaint))
        self.assertFalse(self._mails(complaint))
        note = self._notes(complaint, "NOT sent")
        self.assertEqual(len(note), 1)
        self.assertIn("No SMS gateway", note.body)
        self.assertIn("phone or letter", note.body)
        self.assertFalse(
            complaint.message_ids.filtered(
                lambda m: m.message_type == "sms" or "accepted your" in (m.body or "")
            )
        )

    def test_ins_10_acceptance_notice_no_contact_data(self):
        """No e-mail, no mobile number (gateway configured): the note says
        the notice was not sent and why."""
        self.company.complaint_sms_gateway_id = self.gateway
        complaint = self._accept(self.no_contact)
        self.assertFalse(self._sms(complaint))
        self.assertFalse(self._mails(complaint))
        note = self._notes(complaint, "NOT sent")
        self.assertEqual(len(note), 1)
        self.assertIn("no valid mobile number", note.body)

    def test_ins_10_acceptance_sms_refusal_noted_beside_email(self):
        """E-mail and mobile, no approved template for the SMS: the e-mail
        goes, the chatter says why the SMS did not."""
        self.gateway.template_ids.unlink()
        self.company.complaint_sms_gateway_id = self.gateway
        complaint = self._accept(self.partner)
        self.assertEqual(len(self._mails(complaint)), 1)
        self.assertFalse(self._sms(complaint))
        self.assertTrue(self._notes(complaint, "Acceptance SMS not sent"))
        self.assertFalse(self._notes(complaint, "NOT sent"))

    def test_ins_10_broken_notice_never_blocks_acceptance(self):
        """A notice that fails to render leaves the complaint accepted and
        tells the handler it was not sent."""
        Complaint = type(self.env["complaint.complaint"])
        with patch.object(
            Complaint, "_complaint_send_mail", side_effect=ValueError("template broken")
        ):
            complaint = self._accept(self.partner)
        self.assertFalse(self._mails(complaint))
        self.assertFalse(self._sms(complaint))
        note = self._notes(complaint, "NOT sent")
        self.assertIn("template broken", note.body)

    def test_ins_10_acceptance_notice_in_chinese(self):
        """A Chinese-speaking complainant reads the e-mail and the SMS in
        Chinese (the contact's language)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["complaint_insurance"], ["zh_CN"], overwrite=True
        )
        self.company.complaint_sms_gateway_id = self.gateway
        self.partner.lang = "zh_CN"
        self.partner.mobile = "13698765432"
        complaint = self._accept(self.partner)
        mail = self._mails(complaint)
        self.assertIn("已受理", mail.subject)
        self.assertIn(f"我们将于 <strong>{DECISION}</strong>", mail.body_html)
        sms = self._sms(complaint)
        self.assertEqual(sms.complaint_lang, "zh_CN")
        self.assertIn(f"已受理，我们将于 {DECISION} 前作出处理决定", sms.body)
