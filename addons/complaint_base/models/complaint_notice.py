import json
import logging

from markupsafe import Markup

from odoo import _, api, models
from odoo.exceptions import UserError

from ..tools import masking
from ..tools import phone as phone_tools

_logger = logging.getLogger(__name__)

DEFAULT_LANG = "zh_CN"


class ComplaintComplaint(models.Model):
    """Notices to the complainant through Odoo's mail and SMS (BASE-46).

    The API other addons use (banking notices, insurance acceptance):

    * ``_complaint_sms_gateway()``: the company's gateway, or nothing;
    * ``_complaint_sms_refusal(sms_template)``: why an SMS cannot go out
      (no gateway, no mobile number, no approved template), or ``False``;
    * ``_complaint_send_sms(sms_template, values=None, raise_refusal=True)``:
      queue the SMS through the gateway, ``{complaint id: sms.sms}``; the
      returned SMS's ``uuid`` finds its ``sms.tracker``, the proof
      (``notice_state`` queued / sent / delivered / failed, provider message
      id, times);
    * ``_complaint_send_mail(mail_template)``: post the e-mail in the
      complainant's language;
    * ``_complaint_notice_values()``: the values templates use (number,
      promised date in the complaint's local time, contact, tracking link).
    """

    _inherit = "complaint.complaint"

    # ------------------------------------------------------------ values
    def _complaint_lang(self):
        """The complainant's language: the contact's, else Chinese."""
        self.ensure_one()
        lang = self.sudo().partner_id.lang or DEFAULT_LANG
        installed = dict(self.env["res.lang"].get_installed())
        if lang in installed:
            return lang
        return DEFAULT_LANG if DEFAULT_LANG in installed else "en_US"

    def _complaint_tracking_url(self):
        """``/my/complaints/<id>?access_token=…``: opens without an account."""
        self.ensure_one()
        rec = self.sudo()
        return rec.get_base_url() + rec._get_share_url(redirect=False)

    def _complaint_contact(self):
        """(name, phone) the complainant can call about this complaint."""
        self.ensure_one()
        rec = self.sudo()
        user = rec.user_id or rec.team_id.leader_id
        name = user.name or rec.team_id.name or rec.company_id.name
        return name or "", rec.company_id.phone or user.partner_id.phone or ""

    def _complaint_notice_values(self):
        """Values of the acknowledgement and notice templates (plain text),
        dates in the complaint's local time."""
        self.ensure_one()
        rec = self.sudo()
        contact, phone = rec._complaint_contact()
        deadline = rec.extension_deadline or rec.resolution_deadline
        return {
            "number": rec.name or "",
            "subject": rec.subject or "",
            "deadline": rec._sla_format_datetime(deadline) if deadline else "",
            "contact": contact,
            "phone": phone,
            "link": rec._complaint_tracking_url(),
            "company": rec.company_id.name or "",
        }

    def _complaint_sms_values(self):
        """Values of the approved SMS templates' variables."""
        return self._complaint_notice_values()

    # ------------------------------------------------------------ phone
    def _phone_get_number_fields(self):
        return ["phone"]

    def _complaint_mobile(self):
        """The complainant's mobile number in E.164, or ``False``."""
        self.ensure_one()
        rec = self.sudo()
        region = rec.company_id.country_id.code or phone_tools.DEFAULT_REGION
        for number in (rec.phone, rec.partner_id.mobile, rec.partner_id.phone):
            e164 = phone_tools.to_e164(number, region)
            if e164 and phone_tools.is_mobile(e164):
                return e164
        return False

    # ------------------------------------------------------------ SMS
    def _complaint_sms_gateway(self):
        self.ensure_one()
        return self.sudo().company_id.complaint_sms_gateway_id

    def _complaint_sms_refusal(self, sms_template):
        """Why an SMS from ``sms_template`` cannot go out, or ``False``."""
        self.ensure_one()
        gateway = self._complaint_sms_gateway()
        if not gateway:
            return _(
                "No SMS gateway is configured for %s: the SMS would not leave "
                "the system, so it is not sent. An administrator chooses the "
                "gateway in Settings > Complaints > SMS Gateway.",
                self.sudo().company_id.name,
            )
        if not self._complaint_mobile():
            return _(
                "Complaint %s has no valid mobile number: the SMS is not sent. "
                "Complete the complainant's phone number.",
                self.name,
            )
        lang = self._complaint_lang()
        if gateway.provider != "demo" and not gateway._template_for(sms_template, lang):
            return _(
                "SMS gateway %(gateway)s has no approved template for "
                "“%(template)s” (%(lang)s): in China an SMS goes out only as an "
                "approved template. Add its template code in Settings > "
                "Complaints > SMS Gateway.",
                gateway=gateway.name,
                template=sms_template.name,
                lang=lang,
            )
        return False

    def _complaint_send_sms(self, sms_template, values=None, raise_refusal=True):
        """Queue an SMS from ``sms_template`` to each complainant through
        the company's gateway; ``values`` add to the template variables.

        A refusal raises a ``UserError`` (or, with ``raise_refusal=False``,
        is logged in the chatter): nothing is ever marked sent without the
        gateway's answer.  Returns ``{complaint id: sms.sms}``."""
        queued = {}
        for rec in self:
            refusal = rec._complaint_sms_refusal(sms_template)
            if refusal:
                if raise_refusal:
                    raise UserError(refusal)
                rec.sudo().message_post(body=refusal, subtype_xmlid="mail.mt_note")
                continue
            queued[rec.id] = rec._complaint_queue_sms(sms_template, values)
        if queued:
            self.env.ref("sms.ir_cron_sms_scheduler_action").sudo()._trigger()
        return queued

    def _complaint_queue_sms(self, sms_template, extra_values=None):
        self.ensure_one()
        rec = self.sudo()
        lang = rec._complaint_lang()
        values = dict(rec.with_context(lang=lang)._complaint_sms_values())
        values.update(extra_values or {})
        body = sms_template._render_field(
            "body", rec.ids, set_lang=lang, add_context={"values": values}
        )[rec.id]
        number = rec._complaint_mobile()
        partner = rec.partner_id
        message = rec.with_context(
            complaint_sms_template_id=sms_template.id, complaint_sms_lang=lang
        )._message_sms(
            body,
            # a message to the customer, not an internal note (which
            # complaint_confidentiality never sends to a customer)
            subtype_id=self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment"),
            partner_ids=partner.ids if partner else [],
            sms_pid_to_number={partner.id: number} if partner else None,
            sms_numbers=None if partner else [number],
            put_in_queue=True,
        )
        sms = self.env["sms.sms"].sudo().search([("mail_message_id", "=", message.id)])
        # queued, not sent yet: the values the body was rendered with and
        # the gateway checked above go with the SMS
        sms.write(
            {
                "complaint_template_params": json.dumps(
                    values, ensure_ascii=False, default=str
                ),
                "complaint_gateway_id": rec._complaint_sms_gateway().id,
            }
        )
        return sms

    def _complaint_on_sms_receipt(self, tracker):
        """A receipt arrived: the chatter says what it proves (BANK-02)."""
        self.ensure_one()
        number = masking.mask_phone(tracker._complaint_number() or "")
        when = self._sla_format_datetime(tracker.delivered_at)
        if tracker.notice_state == "delivered":
            body = _(
                "SMS delivered to %(number)s at %(when)s (receipt of %(gateway)s, "
                "message id %(id)s).",
                number=number,
                when=when,
                gateway=tracker.complaint_gateway_id.name,
                id=tracker.provider_message_id,
            )
        else:
            body = _(
                "SMS to %(number)s NOT delivered (%(reason)s; receipt of "
                "%(gateway)s, message id %(id)s): reach the complainant another way.",
                number=number,
                reason=tracker.failure_reason or tracker.receipt_code or "-",
                gateway=tracker.complaint_gateway_id.name,
                id=tracker.provider_message_id,
            )
        self.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------ e-mail
    def _complaint_email(self):
        self.ensure_one()
        rec = self.sudo()
        return rec.email or rec.partner_id.email or False

    def _complaint_send_mail(self, mail_template):
        """Post ``mail_template`` to the complainant (language from the
        template: the contact's, Chinese by default); the mail queue sends it."""
        messages = self.env["mail.message"]
        # queued: the mail cron sends it after the commit, never inside the
        # registration's or the action's transaction
        for rec in self.sudo().with_context(mail_notify_force_send=False):
            messages |= rec.message_post_with_source(
                mail_template,
                subtype_xmlid="mail.mt_comment",
                message_type="comment",
                author_id=rec.company_id.partner_id.id,
            )
        return messages

    @api.model
    def _complaint_mask_links(self, messages, secret):
        """Keep a secret link (the rating token) out of the chatter: the
        complainant got it, the colleagues reading the chatter need not."""
        for message in messages.sudo():
            if secret and secret in (message.body or ""):
                message.body = Markup(
                    str(message.body).replace(secret, _("[personal link]"))
                )
