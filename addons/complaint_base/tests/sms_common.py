"""Fixtures of the notice tests: gateways, approved templates, SDK fakes.

Only the SDK client classes are replaced (``alibabacloud_dysmsapi20170525
.client.Client`` and ``tencentcloud.sms.v20210111.sms_client.SmsClient``):
the request objects, the parsing and everything above are the real code.
"""

from contextlib import contextmanager
from types import SimpleNamespace
from unittest.mock import patch

from .common import ComplaintCase

ALIBABA_CLIENT = "alibabacloud_dysmsapi20170525.client.Client"
TENCENT_CLIENT = "tencentcloud.sms.v20210111.sms_client.SmsClient"
ACK_VARIABLES = "number,deadline,contact,phone,link"


def alibaba_reply(code="OK", biz_id="900619746936498440^0", message="OK"):
    return SimpleNamespace(
        body=SimpleNamespace(code=code, biz_id=biz_id, message=message)
    )


def tencent_reply(code="Ok", serial="2645:3712961357164620961231", message="ok"):
    status = SimpleNamespace(Code=code, SerialNo=serial, Message=message)
    return SimpleNamespace(SendStatusSet=[status], RequestId="req-1")


class NoticeCase(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.phone = "400-800-8888"
        cls.ack_sms = cls.env.ref(
            "complaint_base.sms_template_complaint_acknowledgement"
        )
        cls.rating_sms = cls.env.ref("complaint_base.sms_template_complaint_rating")
        cls.alibaba = cls._gateway("alibaba", "SMS_ACK_ZH", "SMS_ACK_EN")
        cls.tencent = cls._gateway("tencent", "100001", "100002", sdk_app_id="1400")
        cls.demo = cls.env["complaint.sms.gateway"].create(
            {"name": "demo: nothing is sent", "provider": "demo"}
        )
        cls.env["res.lang"]._activate_lang("zh_CN")

    @classmethod
    def _gateway(cls, provider, code_zh, code_en, **vals):
        return cls.env["complaint.sms.gateway"].create(
            dict(
                {
                    "name": f"{provider} gateway",
                    "provider": provider,
                    "sign_name": "某某银行",
                    "access_key_id": "key-id",
                    "access_key_secret": "key-secret",
                    "template_ids": [
                        (0, 0, _line(cls.ack_sms, code_zh, "zh_CN", ACK_VARIABLES)),
                        (0, 0, _line(cls.ack_sms, code_en, "en_US", ACK_VARIABLES)),
                        (
                            0,
                            0,
                            _line(cls.rating_sms, code_zh + "R", False, "rating_link"),
                        ),
                    ],
                },
                **vals,
            )
        )

    def _use(self, gateway):
        self.company.complaint_sms_gateway_id = gateway

    @contextmanager
    def alibaba_client(self, **reply):
        with patch(ALIBABA_CLIENT) as client_class:
            client_class.return_value.send_sms.return_value = alibaba_reply(**reply)
            yield client_class.return_value

    @contextmanager
    def tencent_client(self, **reply):
        with patch(TENCENT_CLIENT) as client_class:
            client_class.return_value.SendSms.return_value = tencent_reply(**reply)
            yield client_class.return_value

    def _acknowledge(self, complaint):
        self.env["complaint.complaint"]._cron_send_acknowledgements()
        complaint.invalidate_recordset()
        return complaint

    def _sms_of(self, complaint):
        return (
            self.env["sms.sms"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", "complaint.complaint"),
                    ("mail_message_id.res_id", "=", complaint.id),
                ]
            )
        )

    def _tracker(self, sms):
        return self.env["sms.tracker"].sudo().search([("sms_uuid", "=", sms.uuid)])


def _line(template, code, lang, variables):
    return {
        "sms_template_id": template.id,
        "template_code": code,
        "lang": lang,
        "variables": variables,
    }
