"""Delivery receipts of the SMS gateways and the public rating page.

Receipts (BASE-46): Alibaba Cloud (``SmsReport`` HTTP push) and Tencent
Cloud (status callback) post a JSON list of reports to the address shown
on the gateway (Settings > Complaints > SMS Gateway), which carries the
gateway's secret token: a post without the right token is refused and
changes nothing.  Neither provider signs these pushes, so the token in the
address is the shared secret.  Each report marks the SMS delivered or
failed, with the provider's message id and time, once.

Rating (BASE-47): ``/complaint/rate/<token>`` lets the holder of the link
choose an answer; Odoo's ``/rate/<token>/<n>`` records it.
"""

import json
import logging

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from ..tools import sms_alibaba, sms_tencent

_logger = logging.getLogger(__name__)

PARSERS = {
    "alibaba": (sms_alibaba.parse_receipts, sms_alibaba.RECEIPT_ACK),
    "tencent": (sms_tencent.parse_receipts, sms_tencent.RECEIPT_ACK),
}
NACKS = {"alibaba": sms_alibaba.RECEIPT_NACK, "tencent": sms_tencent.RECEIPT_NACK}
MAX_BODY = 1024 * 1024


def _json(payload, status=200):
    return request.make_response(
        json.dumps(payload, ensure_ascii=False),
        headers=[("Content-Type", "application/json; charset=utf-8")],
        status=status,
    )


class ComplaintSmsReceipt(http.Controller):
    @http.route(
        [
            "/complaint/sms/receipt/alibaba",
            "/complaint/sms/receipt/tencent",
        ],
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def complaint_sms_receipt(self, token=None, **_kw):
        provider = request.httprequest.path.rstrip("/").rsplit("/", 1)[-1]
        Gateway = request.env["complaint.sms.gateway"].sudo()
        gateway = Gateway._find_by_token(provider, token)
        if not gateway:
            _logger.warning("SMS receipt refused: unknown %s gateway token", provider)
            return _json(NACKS[provider], status=403)
        raw = request.httprequest.get_data(cache=False)[:MAX_BODY]
        try:
            payload = json.loads(raw or b"[]")
        except ValueError:
            return _json(NACKS[provider], status=400)
        parse, ack = PARSERS[provider]
        count = gateway._apply_receipts(parse(payload))
        _logger.info("SMS receipts from %s: %s recorded", gateway.name, count)
        return _json(ack)

    @http.route(
        "/complaint/rate/<string:token>", type="http", auth="public", website=True
    )
    def complaint_rate_choose(self, token, **_kw):
        rating = (
            request.env["rating.rating"]
            .sudo()
            .search(
                [
                    ("access_token", "=", token),
                    ("res_model", "=", "complaint.complaint"),
                ],
                limit=1,
            )
        )
        if not rating:
            raise NotFound()
        complaint = request.env["complaint.complaint"].sudo().browse(rating.res_id)
        if not complaint.exists():
            raise NotFound()
        lang = complaint._complaint_lang()
        return (
            request.env["ir.ui.view"]
            .with_context(lang=lang)
            ._render_template(
                "complaint_base.complaint_rating_choose",
                {
                    "token": token,
                    "number": complaint.name,
                    "rated": rating.consumed,
                    "lang": lang,
                },
            )
        )
