import hmac
import json
import logging
import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import phone as phone_tools
from ..tools import sms_alibaba, sms_params, sms_tencent

_logger = logging.getLogger(__name__)

PROVIDERS = [
    ("alibaba", "Alibaba Cloud SMS"),
    ("tencent", "Tencent Cloud SMS"),
    ("demo", "Demo: nothing is sent"),
]
ADMIN = "base.group_system"
#: receipts are pulled for messages sent in the last days only
PULL_DAYS = 3
PULL_BATCH = 100
#: provider error codes -> Odoo's SMS failure types (others: "unknown")
PROVIDER_FAILURES = {
    "isv.MOBILE_NUMBER_ILLEGAL": "sms_number_format",
    "isv.AMOUNT_NOT_ENOUGH": "sms_credit",
    "isv.SMS_TEMPLATE_ILLEGAL": "sms_registration_needed",
    "isv.SMS_SIGNATURE_ILLEGAL": "sms_registration_needed",
    "InvalidParameterValue.IncorrectPhoneNumber": "sms_number_format",
    "FailedOperation.InsufficientBalanceInSmsPackage": "sms_credit",
    "FailedOperation.TemplateIncorrectOrUnapproved": "sms_registration_needed",
    "FailedOperation.SignatureIncorrectOrUnapproved": "sms_registration_needed",
}


class ComplaintSmsGateway(models.Model):
    """The SMS gateway that sends a company's SMS instead of Odoo's IAP
    (BASE-46): Alibaba Cloud or Tencent Cloud, with the sign name and the
    approved templates China requires.  Credentials are visible to
    administrators only.  A "demo" gateway sends nothing: its messages stay
    queued, never claimed as sent."""

    _name = "complaint.sms.gateway"
    _description = "SMS Gateway"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    provider = fields.Selection(PROVIDERS, required=True, default="alibaba")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    sign_name = fields.Char(
        string="Sign Name",
        help="The approved signature (签名) shown at the start of every SMS, "
        "e.g. 【某某银行】 without the brackets.",
    )
    access_key_id = fields.Char(
        string="Access Key ID / SecretId", groups=ADMIN, copy=False
    )
    access_key_secret = fields.Char(
        string="Access Key Secret / SecretKey", groups=ADMIN, copy=False
    )
    sdk_app_id = fields.Char(
        string="SMS SDK App ID", help="Tencent Cloud: the SmsSdkAppId."
    )
    region = fields.Char(
        help="Alibaba Cloud: cn-hangzhou when empty; Tencent Cloud: ap-guangzhou."
    )
    endpoint = fields.Char(
        help="Only for a private or finance cloud: the API host to call "
        "instead of the public one."
    )
    receipt_token = fields.Char(
        groups=ADMIN,
        copy=False,
        default=lambda self: secrets.token_urlsafe(24),
        help="Secret part of the receipt address given to the provider: a "
        "receipt without it is refused.",
    )
    receipt_url = fields.Char(
        string="Receipt Address", compute="_compute_receipt_url", groups=ADMIN
    )
    template_ids = fields.One2many(
        "complaint.sms.gateway.template", "gateway_id", string="Approved Templates"
    )
    last_pull_at = fields.Datetime(string="Last Status Pull", readonly=True)

    @api.depends("provider", "receipt_token")
    def _compute_receipt_url(self):
        for gateway in self:
            base = gateway.get_base_url()
            gateway.receipt_url = (
                f"{base}/complaint/sms/receipt/{gateway.provider}"
                f"?token={gateway.receipt_token}"
                if gateway.provider in ("alibaba", "tencent")
                else False
            )

    @api.constrains("provider", "sign_name", "sdk_app_id")
    def _check_provider_settings(self):
        for gateway in self.filtered(lambda g: g.provider != "demo"):
            if not gateway.sign_name:
                raise ValidationError(
                    _("Gateway %s: give the approved sign name.", gateway.name)
                )
            if gateway.provider == "tencent" and not gateway.sdk_app_id:
                raise ValidationError(
                    _("Gateway %s: give Tencent Cloud's SMS SDK App ID.", gateway.name)
                )

    # ------------------------------------------------------------ helpers
    def _region_code(self):
        country = self.company_id.country_id.code
        return country or phone_tools.DEFAULT_REGION

    def _template_for(self, sms_template, lang):
        """The approved template line of ``sms_template`` in ``lang`` (or
        one without language)."""
        self.ensure_one()
        lines = self.template_ids.filtered(lambda t: t.sms_template_id == sms_template)
        return (
            lines.filtered(lambda t: t.lang == lang)[:1]
            or (lines.filtered(lambda t: not t.lang)[:1])
        )

    def _client(self):
        self.ensure_one()
        gateway = self.sudo()
        if gateway.provider == "alibaba":
            return sms_alibaba.make_client(
                gateway.access_key_id,
                gateway.access_key_secret,
                gateway.region,
                gateway.endpoint,
            )
        return sms_tencent.make_client(
            gateway.access_key_id,
            gateway.access_key_secret,
            gateway.region,
            gateway.endpoint,
        )

    def _provider_send(self, client, line, e164, values, uuid):
        if self.provider == "alibaba":
            return sms_alibaba.send(
                client,
                self.sign_name,
                line.template_code,
                e164,
                sms_params.named_params(line.variables, values),
                out_id=uuid,
            )
        return sms_tencent.send(
            client,
            self.sdk_app_id,
            self.sign_name,
            line.template_code,
            e164,
            sms_params.ordered_params(line.variables, values),
            session=uuid,
        )

    # ------------------------------------------------------------ sending
    def _send_sms(self, sms_records, unlink_failed=False, unlink_sent=True):
        """Send ``sms_records`` (``sms.sms``, sudo) through this gateway.

        Each SMS ends "sent" (the provider accepted it and gave its message
        id), "error" (with the reason) or, on the demo gateway, stays
        queued: nothing claims a delivery that did not happen."""
        self.ensure_one()
        if self.provider == "demo":
            _logger.info("Demo SMS gateway: %s SMS left queued", len(sms_records))
            return
        client = None
        for sms in sms_records:
            problem = sms._complaint_check_sendable(self)
            if problem:
                sms._complaint_mark_failed(self, *problem, unlink=unlink_failed)
                continue
            try:
                client = client or self._client()
                result = self._provider_send(
                    client,
                    sms._complaint_template_line(self),
                    phone_tools.to_e164(sms.number, self._region_code()),
                    json.loads(sms.complaint_template_params or "{}"),
                    sms.uuid,
                )
            except Exception as error:  # SDK and network errors
                _logger.info("SMS %s not sent by %s: %s", sms.id, self.name, error)
                reason = getattr(error, "message", None) or str(error)
                sms._complaint_mark_failed(self, "sms_server", reason, unlink_failed)
                continue
            if result["accepted"]:
                sms._complaint_mark_sent(self, result["message_id"], unlink_sent)
            else:
                failure = PROVIDER_FAILURES.get(result["code"], "unknown")
                reason = f"{result['code']}: {result['message'] or ''}"
                sms._complaint_mark_failed(self, failure, reason, unlink_failed)
        sms_records.mail_message_id._notify_message_notification_update()

    # ------------------------------------------------------------ receipts
    @api.model
    def _find_by_token(self, provider, token):
        """The gateway whose receipt token is ``token`` (constant time)."""
        if not token:
            return self.browse()
        for gateway in self.sudo().search([("provider", "=", provider)]):
            if gateway.receipt_token and hmac.compare_digest(
                gateway.receipt_token.encode(), str(token).encode()
            ):
                return gateway
        return self.browse()

    def _apply_receipts(self, receipts):
        """Record delivery receipts: the tracker of each message becomes
        delivered or failed, once.  Returns how many were recorded."""
        self.ensure_one()
        ids = [r["message_id"] for r in receipts if r.get("message_id")]
        if not ids:
            return 0
        trackers = (
            self.env["sms.tracker"]
            .sudo()
            .search(
                [
                    ("complaint_gateway_id", "=", self.id),
                    ("provider_message_id", "in", ids),
                ]
            )
        )
        by_id = {t.provider_message_id: t for t in trackers}
        done = 0
        for receipt in receipts:
            tracker = by_id.get(receipt.get("message_id"))
            if tracker and tracker.notice_state == "sent":
                tracker._complaint_record_receipt(receipt)
                done += 1
        return done

    @api.model
    def _cron_pull_status(self):
        """Fallback when a receipt did not arrive: ask the provider."""
        for gateway in self.sudo().search([("provider", "in", ("alibaba", "tencent"))]):
            try:
                with self.env.cr.savepoint():
                    gateway._pull_status()
                    gateway.last_pull_at = fields.Datetime.now()
            except Exception:  # one gateway must not stop the others
                _logger.exception("SMS status pull failed for gateway %s", gateway.id)

    def _pull_status(self):
        self.ensure_one()
        client = self._client()
        if self.provider == "tencent":
            for _round in range(10):
                receipts = sms_tencent.pull(client, self.sdk_app_id, PULL_BATCH)
                self._apply_receipts(receipts)
                if len(receipts) < PULL_BATCH:
                    break
            return
        since = fields.Datetime.now() - timedelta(days=PULL_DAYS)
        trackers = (
            self.env["sms.tracker"]
            .sudo()
            .search(
                [
                    ("complaint_gateway_id", "=", self.id),
                    ("notice_state", "=", "sent"),
                    ("sent_at", ">=", since),
                ],
                order="sent_at",
                limit=PULL_BATCH,
            )
        )
        for tracker in trackers:
            number = phone_tools.to_e164(tracker._complaint_number(), "CN")
            if not number:
                continue
            receipt = sms_alibaba.query(
                client,
                number,
                tracker.provider_message_id,
                (tracker.sent_at + sms_alibaba.CHINA_OFFSET).date(),
            )
            if receipt:
                self._apply_receipts([receipt])

    # ------------------------------------------------------------ demo
    @api.model
    def _setup_demo_gateway(self):
        """Demo databases: the main company sends SMS through a gateway
        that says what it is ("demo: nothing is sent"), so notices show
        their true state (queued) instead of a refusal or a fake "sent"."""
        if not self.env.ref("base.module_base").demo:
            return
        company = self.env.ref("base.main_company")
        if company.complaint_sms_gateway_id:
            return
        gateway = self.sudo().create(
            {
                "name": "demo: nothing is sent",
                "provider": "demo",
                "company_id": company.id,
            }
        )
        company.complaint_sms_gateway_id = gateway


class ComplaintSmsGatewayTemplate(models.Model):
    """An SMS template approved by the provider: its code and variables."""

    _name = "complaint.sms.gateway.template"
    _description = "Approved SMS Template"
    _order = "gateway_id, sms_template_id, lang"

    gateway_id = fields.Many2one(
        "complaint.sms.gateway", required=True, ondelete="cascade", index=True
    )
    sms_template_id = fields.Many2one(
        "sms.template",
        string="Odoo Template",
        required=True,
        ondelete="cascade",
        help="The Odoo SMS template whose text the approved template repeats.",
    )
    lang = fields.Selection(
        selection="_get_languages",
        string="Language",
        help="Language of the approved text; empty: any language.",
    )
    template_code = fields.Char(
        string="Template Code",
        required=True,
        help="Alibaba Cloud: TemplateCode (SMS_123456789); Tencent Cloud: "
        "the template ID.",
    )
    variables = fields.Char(
        help="Variables of the approved template, in order, separated by "
        "commas: number, subject, deadline, contact, phone, link, "
        "rating_link, company (or provider_name=name).",
    )

    @api.model
    def _get_languages(self):
        return self.env["res.lang"].get_installed()

    @api.constrains("variables")
    def _check_variables(self):
        for line in self:
            try:
                sms_params.parse_variables(line.variables)
            except ValueError as error:
                raise ValidationError(
                    _(
                        "Template %(code)s: “%(item)s” is not a variable name.",
                        code=line.template_code,
                        item=error.args[0],
                    )
                ) from error
