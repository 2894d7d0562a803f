import json
import logging
from collections import defaultdict

from odoo import _, api, fields, models

from ..tools import phone as phone_tools

_logger = logging.getLogger(__name__)

NOTICE_STATES = [
    ("queued", "Queued"),
    ("sent", "Sent (gateway accepted)"),
    ("delivered", "Delivered"),
    ("failed", "Failed"),
]
#: context keys set by server code that queues a notice SMS
CTX_TEMPLATE = "complaint_sms_template_id"
CTX_LANG = "complaint_sms_lang"


class SmsSms(models.Model):
    """Odoo's SMS queue, routed to the company's China gateway (BASE-46).

    When a company has a gateway (Settings > Complaints), its SMS go to it
    instead of Odoo's IAP: the approved template and its variables are
    recorded with the SMS when it is queued, and ``_send`` hands it to the
    gateway.  Without a gateway Odoo's own sending is unchanged."""

    _inherit = "sms.sms"

    complaint_gateway_id = fields.Many2one("complaint.sms.gateway", readonly=True)
    complaint_sms_template_id = fields.Many2one(
        "sms.template", string="Approved Template Of", readonly=True
    )
    complaint_lang = fields.Char(string="Template Language", readonly=True)
    complaint_template_params = fields.Text(string="Template Variables", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        context = self.env.context
        if context.get(CTX_TEMPLATE):
            # the context only says which approved template this is: its
            # variables are the record's own values (a caller's context
            # cannot fill an approved template with its own text); server
            # code that adds values writes them once the SMS is queued
            for vals in vals_list:
                vals.setdefault(CTX_TEMPLATE, context[CTX_TEMPLATE])
                vals.setdefault(
                    "complaint_lang",
                    context.get(CTX_LANG) or self._complaint_lang_of_message(vals),
                )
                vals.setdefault(
                    "complaint_template_params",
                    json.dumps(
                        self._complaint_values_of_message(vals),
                        ensure_ascii=False,
                        default=str,
                    ),
                )
        return super().create(vals_list)

    @api.model
    def _complaint_values_of_message(self, vals):
        """Template variables of the record the SMS is about (composer)."""
        message = self.env["mail.message"].sudo().browse(vals.get("mail_message_id"))
        if not (message.model and message.res_id):
            return {}
        record = self.env[message.model].sudo().browse(message.res_id)
        if hasattr(record, "_complaint_sms_values"):
            return record._complaint_sms_values()
        return {}

    @api.model
    def _complaint_lang_of_message(self, vals):
        message = self.env["mail.message"].sudo().browse(vals.get("mail_message_id"))
        if message.model and message.res_id and message.model in self.env:
            record = self.env[message.model].sudo().browse(message.res_id)
            if hasattr(record, "_complaint_lang"):
                return record._complaint_lang()
        return False

    # ------------------------------------------------------------ routing
    def _complaint_gateway(self):
        """The gateway for this SMS: the one recorded when it was queued,
        else the gateway of the company of the record it is about."""
        self.ensure_one()
        if self.complaint_gateway_id.active:
            return self.complaint_gateway_id
        message = self.mail_message_id
        company = self.env.company
        if message.model and message.res_id and message.model in self.env:
            record = self.env[message.model].sudo().browse(message.res_id).exists()
            if record and "company_id" in record._fields and record.company_id:
                company = record.company_id
        return company.sudo().complaint_sms_gateway_id

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        routed = defaultdict(lambda: self.browse())
        for sms in self:
            routed[sms._complaint_gateway()] |= sms
        others = routed.pop(self.env["complaint.sms.gateway"], self.browse())
        for gateway, batch in routed.items():
            gateway.sudo()._send_sms(
                batch.sudo(), unlink_failed=unlink_failed, unlink_sent=unlink_sent
            )
        if others:
            return super(SmsSms, others)._send(
                unlink_failed=unlink_failed,
                unlink_sent=unlink_sent,
                raise_exception=raise_exception,
            )
        return None

    # ------------------------------------------------------------ outcome
    def _complaint_template_line(self, gateway):
        self.ensure_one()
        return gateway._template_for(
            self.complaint_sms_template_id, self.complaint_lang or False
        )

    def _complaint_check_sendable(self, gateway):
        """``(failure_type, reason)`` when the gateway cannot send this SMS."""
        self.ensure_one()
        if not phone_tools.to_e164(self.number, gateway._region_code()):
            return (
                "sms_number_format",
                _("%s is not a valid mobile number.", self.number or "-"),
            )
        if not (gateway.sudo().access_key_id and gateway.sudo().access_key_secret):
            return (
                "sms_acc",
                _(
                    "SMS gateway %s has no credentials: an administrator enters "
                    "them in Settings > Complaints > SMS Gateway.",
                    gateway.name,
                ),
            )
        if not self._complaint_template_line(gateway):
            return (
                "sms_registration_needed",
                _(
                    "In China an SMS goes out only as a template approved by the "
                    "provider, and gateway %s has none for this message. Add the "
                    "template code in Settings > Complaints > SMS Gateway, or "
                    "send a template that has one.",
                    gateway.name,
                ),
            )
        return None

    def _complaint_tracker(self):
        self.ensure_one()
        Tracker = self.env["sms.tracker"].sudo()
        return Tracker.search([("sms_uuid", "=", self.uuid)], limit=1) or (
            Tracker.create({"sms_uuid": self.uuid})
        )

    def _complaint_mark_sent(self, gateway, message_id, unlink=True):
        """The gateway accepted the SMS: "sent", with its message id."""
        self.ensure_one()
        tracker = self._complaint_tracker()
        tracker._action_update_from_sms_state("pending")
        tracker.write(
            {
                "complaint_gateway_id": gateway.id,
                "provider_message_id": message_id,
                "notice_state": "sent",
                "sent_at": fields.Datetime.now(),
                "failure_reason": False,
            }
        )
        self.write(
            {
                "state": "pending",
                "failure_type": False,
                "to_delete": bool(unlink),
                "complaint_gateway_id": gateway.id,
            }
        )

    def _complaint_mark_failed(self, gateway, failure_type, reason, unlink=False):
        """Nothing left: "error", with the reason (never "sent")."""
        self.ensure_one()
        tracker = self._complaint_tracker()
        tracker._action_update_from_sms_state(
            "error", failure_type=failure_type, failure_reason=reason
        )
        tracker.write(
            {
                "complaint_gateway_id": gateway.id,
                "notice_state": "failed",
                "failure_reason": reason,
            }
        )
        self.write(
            {
                "state": "error",
                "failure_type": failure_type,
                "to_delete": bool(unlink),
                "complaint_gateway_id": gateway.id,
            }
        )


class SmsTracker(models.Model):
    """The lasting proof of one SMS (the ``sms.sms`` row is deleted once
    sent): gateway, provider message id, when it was accepted, delivered or
    failed, and the receipt's code (BASE-46, BANK-02)."""

    _inherit = "sms.tracker"

    complaint_gateway_id = fields.Many2one(
        "complaint.sms.gateway", string="Gateway", readonly=True, index="btree_not_null"
    )
    provider_message_id = fields.Char(
        string="Provider Message ID", readonly=True, index="btree_not_null"
    )
    notice_state = fields.Selection(
        NOTICE_STATES, default="queued", required=True, readonly=True
    )
    sent_at = fields.Datetime(string="Accepted At", readonly=True)
    delivered_at = fields.Datetime(
        string="Receipt Time", readonly=True, help="Time given by the receipt."
    )
    receipt_at = fields.Datetime(string="Receipt Recorded At", readonly=True)
    receipt_code = fields.Char(readonly=True)
    failure_reason = fields.Char(readonly=True)

    def _complaint_number(self):
        self.ensure_one()
        number = self.mail_notification_id.sms_number
        if not number:
            sms = self.env["sms.sms"].sudo().search([("uuid", "=", self.sms_uuid)])
            number = sms[:1].number
        return number

    def _complaint_record(self):
        """The document the SMS was about (a complaint...), sudo."""
        self.ensure_one()
        message = self.mail_notification_id.mail_message_id
        if message.model and message.res_id and message.model in self.env:
            return self.env[message.model].sudo().browse(message.res_id).exists()
        return None

    def _complaint_record_receipt(self, receipt):
        """A receipt arrived (push or pull): delivered or failed, once."""
        self.ensure_one()
        now = fields.Datetime.now()
        vals = {
            "receipt_at": now,
            "delivered_at": receipt.get("time") or now,
            "receipt_code": (receipt.get("code") or "")[:64],
        }
        if receipt.get("delivered"):
            self._action_update_from_sms_state("sent")
            vals["notice_state"] = "delivered"
            sms_vals = {"state": "sent"}
        else:
            self._update_sms_notifications(
                "exception",
                failure_type="sms_not_delivered",
                failure_reason=receipt.get("description") or receipt.get("code"),
            )
            vals["notice_state"] = "failed"
            vals["failure_reason"] = (
                receipt.get("description") or receipt.get("code") or ""
            )[:256]
            sms_vals = {"state": "error", "failure_type": "unknown"}
        self.write(vals)
        sms = self.env["sms.sms"].sudo().search([("uuid", "=", self.sms_uuid)])
        if sms:
            sms.write(sms_vals)
        record = self._complaint_record()
        if record and hasattr(record, "_complaint_on_sms_receipt"):
            record._complaint_on_sms_receipt(self)
