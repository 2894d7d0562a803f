"""Tencent Cloud SMS (API 2021-01-11) through its official SDK
``tencentcloud-sdk-python-sms`` (BASE-46).

Small functions around the SDK's ``SmsClient``, no Odoo import.  Tests
replace ``SmsClient``; nothing else is mocked.

* ``send``: ``SendSms`` with the SDK app id, the sign name, the approved
  template id and its variables (an ordered list); the ``SerialNo`` it
  returns is the message id.
* ``pull``: ``PullSmsSendStatus``, the receipts not yet fetched (the
  scheduled fallback when the status callback did not arrive).
* ``parse_receipts``: the status callback (a JSON list).
"""

from datetime import datetime, timezone

from .sms_alibaba import beijing_to_utc

DEFAULT_REGION = "ap-guangzhou"


def make_client(secret_id, secret_key, region=None, endpoint=None):
    from tencentcloud.common import credential
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile
    from tencentcloud.sms.v20210111 import sms_client

    http_profile = HttpProfile(reqTimeout=10)
    if endpoint:
        http_profile.endpoint = endpoint
    return sms_client.SmsClient(
        credential.Credential(secret_id, secret_key),
        region or DEFAULT_REGION,
        ClientProfile(httpProfile=http_profile),
    )


def send(client, app_id, sign_name, template_id, e164, params, session=None):
    """Send one SMS; returns ``{"accepted", "message_id", "code", "message"}``."""
    from tencentcloud.sms.v20210111 import models as tc_models

    request = tc_models.SendSmsRequest()
    request.SmsSdkAppId = app_id
    request.SignName = sign_name
    request.TemplateId = template_id
    request.TemplateParamSet = [str(value) for value in params or []]
    request.PhoneNumberSet = [e164]
    request.SessionContext = session or ""
    response = client.SendSms(request)
    status = (response.SendStatusSet or [None])[0]
    if status is None:
        return {"accepted": False, "message_id": None, "code": "", "message": ""}
    accepted = status.Code == "Ok" and bool(status.SerialNo)
    return {
        "accepted": accepted,
        "message_id": status.SerialNo if accepted else None,
        "code": status.Code,
        "message": status.Message,
    }


def _from_timestamp(value):
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), timezone.utc).replace(tzinfo=None)
    except (TypeError, ValueError, OverflowError):
        return None


def pull(client, app_id, limit=100):
    """Receipts not fetched yet (each is returned once by Tencent)."""
    from tencentcloud.sms.v20210111 import models as tc_models

    request = tc_models.PullSmsSendStatusRequest()
    request.SmsSdkAppId = app_id
    request.Limit = limit
    response = client.PullSmsSendStatus(request)
    return [
        {
            "message_id": status.SerialNo,
            "out_id": status.SessionContext or "",
            "delivered": status.ReportStatus == "SUCCESS",
            "code": status.ReportStatus or "",
            "description": status.Description or "",
            "time": _from_timestamp(status.UserReceiveTime),
        }
        for status in response.PullSmsSendStatusSet or []
        if status.SerialNo
    ]


def parse_receipts(payload):
    """The status callback: a list of reports -> receipt dicts."""
    if isinstance(payload, dict):
        payload = [payload]
    receipts = []
    for item in payload or []:
        if not isinstance(item, dict) or not item.get("sid"):
            continue
        receipts.append(
            {
                "message_id": str(item["sid"]),
                "out_id": "",
                "delivered": str(item.get("report_status", "")).upper() == "SUCCESS",
                "code": str(item.get("errmsg") or ""),
                "description": str(item.get("description") or ""),
                "time": beijing_to_utc(item.get("user_receive_time")),
            }
        )
    return receipts


#: what the callback expects back
RECEIPT_ACK = {"result": 0, "errmsg": "OK"}
RECEIPT_NACK = {"result": 1, "errmsg": "denied"}
