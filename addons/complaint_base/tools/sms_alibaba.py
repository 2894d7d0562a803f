"""Alibaba Cloud SMS (Dysmsapi 2017-05-25) through its official SDK
``alibabacloud-dysmsapi20170525`` (BASE-46).

Small functions around the SDK client, no Odoo import: the models give
them the gateway's settings and get back plain dicts.  Tests replace the
SDK's ``Client`` class; nothing else is mocked.

* ``send``: ``SendSms`` with the sign name, the approved template code and
  its variables (JSON); the ``BizId`` it returns is the message id.
* ``query``: ``QuerySendDetails`` for one number, one day and one BizId
  (the scheduled fallback when no receipt arrived).
* ``parse_receipts``: the ``SmsReport`` HTTP push (a JSON list).

Times from Alibaba are Beijing time (UTC+8, no daylight saving); they are
returned as naive UTC datetimes, as Odoo stores them.
"""

import json
from datetime import datetime, timedelta

from . import phone as phone_tools

DEFAULT_REGION = "cn-hangzhou"
CHINA_OFFSET = timedelta(hours=8)
#: SendStatus of QuerySendDetails
WAITING, FAILED, DELIVERED = 1, 2, 3


def beijing_to_utc(text):
    """``"2026-11-29 10:00:05"`` (Beijing time) -> naive UTC datetime."""
    if not text:
        return None
    try:
        return datetime.strptime(str(text).strip()[:19], "%Y-%m-%d %H:%M:%S") - (
            CHINA_OFFSET
        )
    except ValueError:
        return None


def make_client(access_key_id, access_key_secret, region=None, endpoint=None):
    from alibabacloud_dysmsapi20170525.client import Client
    from alibabacloud_tea_openapi import utils_models

    config = utils_models.Config(
        access_key_id=access_key_id,
        access_key_secret=access_key_secret,
        region_id=region or DEFAULT_REGION,
        endpoint=endpoint or None,
        connect_timeout=5000,
        read_timeout=10000,
    )
    return Client(config)


def provider_number(e164):
    """Alibaba takes mainland numbers without prefix, others with their
    country code (no ``+``)."""
    country, national = phone_tools.national_number(e164)
    return national if country == "86" else country + national


def send(client, sign_name, template_code, e164, params, out_id=None):
    """Send one SMS; returns ``{"accepted", "message_id", "code", "message"}``."""
    from alibabacloud_dysmsapi20170525 import models as ali_models

    request = ali_models.SendSmsRequest(
        phone_numbers=provider_number(e164),
        sign_name=sign_name,
        template_code=template_code,
        template_param=json.dumps(params or {}, ensure_ascii=False),
        out_id=out_id,
    )
    body = client.send_sms(request).body
    accepted = body.code == "OK" and bool(body.biz_id)
    return {
        "accepted": accepted,
        "message_id": body.biz_id if accepted else None,
        "code": body.code,
        "message": body.message,
    }


def query(client, e164, message_id, send_day):
    """Delivery state of one message: a receipt dict (see
    ``parse_receipts``) or ``None`` while the operator has not answered."""
    from alibabacloud_dysmsapi20170525 import models as ali_models

    request = ali_models.QuerySendDetailsRequest(
        phone_number=provider_number(e164),
        biz_id=message_id,
        send_date=send_day.strftime("%Y%m%d"),
        page_size=10,
        current_page=1,
    )
    body = client.query_send_details(request).body
    if body.code != "OK" or not body.sms_send_detail_dtos:
        return None
    for dto in body.sms_send_detail_dtos.sms_send_detail_dto or []:
        if dto.send_status == WAITING:
            continue
        return {
            "message_id": message_id,
            "delivered": dto.send_status == DELIVERED,
            "code": dto.err_code or "",
            "description": dto.err_code or "",
            "time": beijing_to_utc(dto.receive_date or dto.send_date),
        }
    return None


def parse_receipts(payload):
    """The ``SmsReport`` push: a list of reports -> list of receipt dicts
    ``{"message_id", "out_id", "delivered", "code", "description", "time"}``.
    Entries without a message id are ignored."""
    if isinstance(payload, dict):
        payload = [payload]
    receipts = []
    for item in payload or []:
        if not isinstance(item, dict) or not item.get("biz_id"):
            continue
        success = item.get("success")
        if isinstance(success, str):
            success = success.lower() == "true"
        receipts.append(
            {
                "message_id": str(item["biz_id"]),
                "out_id": str(item.get("out_id") or ""),
                "delivered": bool(success),
                "code": str(item.get("err_code") or ""),
                "description": str(item.get("err_msg") or ""),
                "time": beijing_to_utc(item.get("report_time")),
            }
        )
    return receipts


#: what the push expects back
RECEIPT_ACK = {"code": 0, "msg": "成功"}
RECEIPT_NACK = {"code": 1, "msg": "denied"}
