from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ComplaintBankNoticeSms(models.Model):
    """Bank notices by SMS (BASE-46, BANK-02) through the company's gateway
    of complaint_base and Odoo's ``sms`` queue: queued, "sent" when the
    gateway accepts the SMS (its message id is the proof), then delivered or
    not delivered on the receipt.  Refused without a gateway, a mobile
    number or an approved template."""

    _inherit = "complaint.bank.notice"

    def _sms_template(self):
        self.ensure_one()
        return self.env.ref(f"complaint_banking.sms_template_bank_notice_{self.kind}")

    def _check_sms_sendable(self):
        """BASE-46: no gateway, no mobile number or no approved template:
        the SMS notice is refused (it stays to send), never claimed sent."""
        self.ensure_one()
        refusal = self.complaint_id._complaint_sms_refusal(self._sms_template())
        if refusal:
            raise UserError(refusal)

    def _sms_values(self):
        """Variables of the approved template: the notice's own dates,
        reason and contact, in the customer's language."""
        self.ensure_one()
        notice = self.with_context(lang=self.complaint_id._complaint_lang())
        values = dict(notice.complaint_id._complaint_sms_values())
        values.update(
            {
                "deadline": notice.new_deadline_display or values.get("deadline"),
                "reason": notice.reason or "",
                "review_deadline": notice.review_deadline_display or "",
                "result": notice.review_result_label or "",
                "contact": notice.contact_name or "",
                "phone": notice.contact_phone or "",
            }
        )
        return values

    def _send_sms(self):
        """Queue the SMS through the company's gateway (Odoo's ``sms``
        queue): "queued" now, "sent" when the gateway accepts it."""
        complaint = self.complaint_id
        queued = complaint._complaint_send_sms(
            self._sms_template(), values=self._sms_values()
        )
        sms = queued.get(complaint.id)
        self._workflow_write({"state": "queued", "sms_uuid": sms[:1].uuid})

    @api.model
    def _sms_update(self, uuid):
        """The gateway answered for the SMS ``uuid`` (accepted, refused) or
        its receipt arrived (delivered, not delivered): the notice says so."""
        if not uuid:
            return
        notices = self.sudo().search([("sms_uuid", "=", uuid)])
        for notice in notices:
            tracker = notice.sms_tracker_id
            outcome = tracker.notice_state
            if outcome in ("sent", "delivered") and notice.state == "queued":
                notice._mark_told(outcome, tracker.sent_at or fields.Datetime.now())
            elif outcome == "delivered" and notice.state == "sent":
                notice._workflow_write({"state": "delivered"})
            elif outcome == "failed" and notice.state != "failed":
                notice._sms_not_delivered(tracker)

    def _sms_not_delivered(self, tracker):
        """The SMS did not reach the customer: the notice says so, the
        complaint no longer counts them as told, the handler acts."""
        self.ensure_one()
        told = self.state in ("sent", "delivered")
        self._workflow_write({"state": "failed"})
        if told:
            self._unapply_from_complaint()
        reason = tracker.failure_reason or tracker.receipt_code or "-"
        self._notice_not_sent(
            _(
                "the SMS did not reach the customer (%s): notify them by phone, "
                "letter or e-mail.",
                reason,
            )
        )
