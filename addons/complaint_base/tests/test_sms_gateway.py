import json
from types import SimpleNamespace
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..tools import phone as phone_tools
from ..tools import sms_alibaba, sms_params
from .sms_common import ALIBABA_CLIENT, TENCENT_CLIENT, NoticeCase


@tagged("post_install", "-at_install")
class TestSmsGateway(NoticeCase):
    """BASE-46: an SMS goes through a real gateway; it is "sent" only when
    the gateway accepted it (its message id) and "delivered" only on the
    receipt."""

    def _queued_ack(self, gateway, **vals):
        self._use(gateway)
        complaint = self._acknowledge(self._complaint(**vals))
        sms = self._sms_of(complaint)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        return complaint, sms

    # ------------------------------------------------------------ refusal
    def test_base_46_no_gateway_refuses_the_sms_and_points_to_settings(self):
        self.company.complaint_sms_gateway_id = False
        complaint = self._complaint()
        with self.assertRaisesRegex(UserError, "Settings > Complaints > SMS Gateway"):
            complaint._complaint_send_sms(self.ack_sms)
        self.assertFalse(self._sms_of(complaint))
        self._acknowledge(complaint)
        self.assertFalse(self._sms_of(complaint), "no SMS pretends to leave")
        self.assertIn("No SMS gateway", complaint.ack_sms_problem)
        self.assertFalse(complaint.ack_sms_state)
        self.assertIn(
            "Acknowledgement SMS not sent",
            "".join(complaint.message_ids.mapped("body")),
        )

    def test_base_46_no_approved_template_is_refused(self):
        self.alibaba.template_ids.filtered(
            lambda t: t.sms_template_id == self.ack_sms
        ).unlink()
        self._use(self.alibaba)
        with self.assertRaisesRegex(UserError, "no approved template"):
            self._complaint()._complaint_send_sms(self.ack_sms)

    def test_base_46_free_text_sms_is_not_sent_through_a_china_gateway(self):
        """The composer's free text has no approved template: error, never
        "sent"."""
        self._use(self.alibaba)
        complaint = self._complaint()
        complaint._message_sms("Hello", sms_numbers=["+8613800138000"])
        sms = self._sms_of(complaint).filtered(lambda s: s.body == "Hello")
        with self.alibaba_client() as client:
            sms.send()
        client.send_sms.assert_not_called()
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_registration_needed")

    def test_base_46_caller_context_cannot_fill_an_approved_template(self):
        self._use(self.alibaba)
        complaint = self._complaint()
        complaint.with_user(self.handler).with_context(
            complaint_sms_template_id=self.ack_sms.id,
            complaint_sms_values={"link": "http://phishing.example"},
        ).message_post(
            body="x",
            message_type="sms",
            sms_numbers=["+8613800138000"],
            subtype_xmlid="mail.mt_comment",
        )
        sms = self._sms_of(complaint)
        self.assertEqual(len(sms), 1)
        params = json.loads(sms.complaint_template_params)
        self.assertNotIn("phishing", params["link"])
        self.assertIn(f"/my/complaints/{complaint.id}?access_token=", params["link"])

    def test_base_46_composer_with_a_template_sends_the_approved_one(self):
        self._use(self.alibaba)
        self.partner.lang = "zh_CN"
        complaint = self._complaint()
        composer = self._sms_composer(
            self.handler, complaint, {}, default_template_id=self.ack_sms.id
        )
        with self.alibaba_client(biz_id="BIZ-C") as client:
            composer._action_send_sms()  # the composer sends at once
        sms = self._sms_of(complaint)
        self.assertEqual(sms.complaint_sms_template_id, self.ack_sms)
        self.assertEqual(sms.state, "pending")
        request = client.send_sms.call_args.args[0]
        self.assertEqual(request.template_code, "SMS_ACK_ZH")
        self.assertEqual(json.loads(request.template_param)["number"], complaint.name)
        self.assertEqual(self._tracker(sms).provider_message_id, "BIZ-C")

    # ------------------------------------------------------------ Alibaba
    def test_base_46_alibaba_accepts_with_message_id(self):
        complaint, sms = self._queued_ack(self.alibaba)
        with self.alibaba_client(biz_id="BIZ-1") as client:
            sms.send()
        request = client.send_sms.call_args.args[0]
        self.assertEqual(request.phone_numbers, "13800138000")
        self.assertEqual(request.sign_name, "某某银行")
        self.assertEqual(request.template_code, "SMS_ACK_EN")
        params = json.loads(request.template_param)
        self.assertEqual(params["number"], complaint.name)
        self.assertIn(f"/my/complaints/{complaint.id}?access_token=", params["link"])
        self.assertEqual(request.out_id, sms.uuid)
        tracker = self._tracker(sms)
        self.assertEqual(tracker.notice_state, "sent")
        self.assertEqual(tracker.provider_message_id, "BIZ-1")
        self.assertEqual(tracker.mail_notification_id.notification_status, "pending")
        self.assertEqual(complaint.ack_sms_state, "sent")
        self.assertIn("BIZ-1", complaint.ack_sms_info)

    def test_base_46_chinese_complainant_gets_the_chinese_template(self):
        self.partner.lang = "zh_CN"
        _complaint, sms = self._queued_ack(self.alibaba)
        with self.alibaba_client() as client:
            sms.send()
        self.assertEqual(client.send_sms.call_args.args[0].template_code, "SMS_ACK_ZH")

    def test_base_46_provider_refusal_is_a_failure_not_a_send(self):
        complaint, sms = self._queued_ack(self.alibaba)
        with self.alibaba_client(code="isv.MOBILE_NUMBER_ILLEGAL", biz_id=None):
            sms.send()
        tracker = self._tracker(sms)
        self.assertEqual(tracker.notice_state, "failed")
        self.assertFalse(tracker.provider_message_id)
        self.assertEqual(sms.failure_type, "sms_number_format")
        self.assertEqual(complaint.ack_sms_state, "failed")

    def test_base_46_network_error_is_a_failure(self):
        _complaint, sms = self._queued_ack(self.alibaba)
        with patch(ALIBABA_CLIENT) as client_class:
            client_class.return_value.send_sms.side_effect = OSError("timeout")
            sms.send()
        self.assertEqual(sms.state, "error")
        self.assertEqual(self._tracker(sms).notice_state, "failed")

    def test_base_46_alibaba_pull_records_the_delivery(self):
        complaint, sms = self._queued_ack(self.alibaba)
        with self.alibaba_client(biz_id="BIZ-2"):
            sms.send()
        dto = SimpleNamespace(
            send_status=sms_alibaba.DELIVERED,
            err_code="DELIVERED",
            receive_date="2026-11-29 10:00:05",
            send_date="2026-11-29 10:00:01",
        )
        body = SimpleNamespace(
            code="OK",
            sms_send_detail_dtos=SimpleNamespace(sms_send_detail_dto=[dto]),
        )
        with patch(ALIBABA_CLIENT) as client_class:
            client_class.return_value.query_send_details.return_value = SimpleNamespace(
                body=body
            )
            self.env["complaint.sms.gateway"]._cron_pull_status()
        query = client_class.return_value.query_send_details.call_args.args[0]
        self.assertEqual((query.biz_id, query.phone_number), ("BIZ-2", "13800138000"))
        tracker = self._tracker(sms)
        self.assertEqual(tracker.notice_state, "delivered")
        self.assertEqual(str(tracker.delivered_at), "2026-11-29 02:00:05")
        self.assertEqual(tracker.mail_notification_id.notification_status, "sent")
        self.assertIn("SMS delivered", complaint.message_ids[0].body)

    # ------------------------------------------------------------ Tencent
    def test_base_46_tencent_accepts_with_serial_number(self):
        complaint, sms = self._queued_ack(self.tencent)
        with self.tencent_client(serial="SN-1") as client:
            sms.send()
        request = client.SendSms.call_args.args[0]
        self.assertEqual(request.PhoneNumberSet, ["+8613800138000"])
        self.assertEqual(request.SmsSdkAppId, "1400")
        self.assertEqual(request.TemplateId, "100002")
        self.assertEqual(request.TemplateParamSet[0], complaint.name)
        self.assertEqual(len(request.TemplateParamSet), 5)
        self.assertEqual(self._tracker(sms).provider_message_id, "SN-1")

    def test_base_46_tencent_pull_records_a_failure(self):
        complaint, sms = self._queued_ack(self.tencent)
        with self.tencent_client(serial="SN-2"):
            sms.send()
        status = SimpleNamespace(
            SerialNo="SN-2",
            SessionContext="",
            ReportStatus="FAIL",
            Description="用户关机",
            UserReceiveTime=1795000000,
        )
        with patch(TENCENT_CLIENT) as client_class:
            client_class.return_value.PullSmsSendStatus.return_value = SimpleNamespace(
                PullSmsSendStatusSet=[status]
            )
            self.env["complaint.sms.gateway"]._cron_pull_status()
        tracker = self._tracker(sms)
        self.assertEqual(tracker.notice_state, "failed")
        self.assertEqual(tracker.failure_reason, "用户关机")
        self.assertEqual(complaint.ack_sms_state, "failed")
        self.assertIn("NOT delivered", complaint.message_ids[0].body)

    # ------------------------------------------------------------ demo
    def test_base_46_demo_gateway_never_claims_a_send(self):
        complaint, sms = self._queued_ack(self.demo)
        with self.alibaba_client() as client, self.tencent_client() as tclient:
            sms.send()
        client.send_sms.assert_not_called()
        tclient.SendSms.assert_not_called()
        self.assertEqual(sms.state, "outgoing")
        self.assertEqual(self._tracker(sms).notice_state, "queued")
        self.assertEqual(complaint.ack_sms_state, "queued")

    # ------------------------------------------------------------ settings
    def test_base_46_credentials_are_for_administrators_only(self):
        self._use(self.alibaba)
        gateway = self.alibaba.with_user(self.manager)
        self.assertEqual(gateway.name, "alibaba gateway")
        with self.assertRaises(AccessError):
            gateway.read(["access_key_secret"])
        with self.assertRaises(AccessError):
            gateway.write({"sign_name": "x"})
        self.assertNotIn("receipt_token", gateway.fields_get())

    def test_base_46_numbers_normalised_to_e164(self):
        for raw in ("138 0013 8000", "+86 138-0013-8000", "0086 13800138000"):
            self.assertEqual(phone_tools.to_e164(raw), "+8613800138000")
        self.assertFalse(phone_tools.to_e164("12345"))
        self.assertTrue(phone_tools.is_mobile("+8613800138000"))
        self.assertFalse(phone_tools.is_mobile(phone_tools.to_e164("010 6552 9988")))

    def test_base_46_template_variables(self):
        values = {"number": "26110001", "link": "https://x/" + "y" * 60}
        self.assertEqual(
            sms_params.named_params("code=number, link", values),
            {"code": "26110001", "link": values["link"]},
        )
        self.assertEqual(
            sms_params.ordered_params("number,deadline", values), ["26110001", "-"]
        )
        with self.assertRaises(ValueError):
            sms_params.parse_variables("number, bad name")
