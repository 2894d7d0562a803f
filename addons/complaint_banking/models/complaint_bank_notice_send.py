import logging

from odoo import _, fields, models
from odoo.addons.complaint_base.tools import deadline as dl
from odoo.addons.complaint_base.tools import masking, receipt
from odoo.exceptions import UserError

from ..tools import profiles

_logger = logging.getLogger(__name__)


class ComplaintBankNoticeSend(models.Model):
    """Content and sending of bank notices (BANK-02), truthful (BASE-46).

    * e-mail: "sent" once Odoo's mail has queued the e-mail to the customer
      (the message is the proof);
    * SMS: refused without a gateway (or a mobile number, or an approved
      template); else queued through Odoo's ``sms`` queue and the company's
      gateway, "sent" when the gateway accepts it (its message id), then
      "delivered" or "not delivered" on the receipt;
    * phone: a "call the customer" activity; "sent" when the user records
      the call (time, who answered and what was said, or a recording);
    * letter: the letter is printed and attached, with an activity "post the
      letter"; "sent" when the user confirms it was posted.

    Notices a complaint action sends by itself (acceptance, extension,
    pause, decision, review result) never block that action: a notice that
    cannot go out stays "to send" with an activity for the handler.
    """

    _inherit = "complaint.bank.notice"

    # ---------------------------------------------------------- content
    def _customer_phone(self):
        """The number the customer is reached at (clear: for a gateway or
        the handler's call, never stored on the notice)."""
        self.ensure_one()
        complaint = self.sudo().complaint_id
        partner = complaint.partner_id
        return complaint.phone or partner.mobile or partner.phone or False

    def _default_recipient(self):
        self.ensure_one()
        complaint = self.complaint_id
        partner = complaint.partner_id
        if self.channel == "email":
            return complaint.email or partner.email or False
        if self.channel in ("sms", "phone"):
            return masking.mask_phone(self._customer_phone()) or False
        address = partner and partner._display_address(without_company=True)
        return (address or "").replace("\n", ", ").strip(", ") or False

    def _short_text(self):
        """Text of an SMS or phone script, in the customer's language."""
        self.ensure_one()
        complaint = self.complaint_id
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        result = ""
        if self.review_id:
            result = dict(
                self.review_id._fields["result"]._description_selection(self.env)
            ).get(self.review_id.result, "")
        params = {
            "company": complaint.company_id.name,
            "number": complaint.name,
            "deadline": self.new_deadline_display or "-",
            "reason": self.reason or "-",
            "contact": self.contact_name or "-",
            "phone": self.contact_phone or "-",
            "review_deadline": self.review_deadline_display or "-",
            "result": result or "-",
            "kind": kinds.get(self.kind, ""),
        }
        if self.kind == "acceptance":
            return _(
                "[%(company)s] We have accepted your complaint %(number)s and will "
                "give you our decision by %(deadline)s. Contact: %(contact)s, "
                "%(phone)s.",
                **params,
            )
        if self.kind == "extension":
            return _(
                "[%(company)s] Complaint %(number)s: the decision period is "
                "extended to %(deadline)s. Reason: %(reason)s. Contact: "
                "%(contact)s, %(phone)s.",
                **params,
            )
        if self.kind == "pause":
            return _(
                "[%(company)s] Complaint %(number)s: %(reason)s is under way; "
                "this time does not count towards the decision period. We will "
                "tell you the new date. Contact: %(contact)s, %(phone)s.",
                **params,
            )
        if self.kind == "decision":
            return _(
                "[%(company)s] Complaint %(number)s is decided; the decision "
                "letter gives the findings, basis and reasons. If you disagree "
                "you may apply for a review by %(review_deadline)s, or turn to "
                "mediation, arbitration or the courts. Contact: %(contact)s, "
                "%(phone)s.",
                **params,
            )
        return _(
            "[%(company)s] The review of complaint %(number)s is decided: "
            "%(result)s. Contact: %(contact)s, %(phone)s.",
            **params,
        )

    def _template(self):
        self.ensure_one()
        return self.env.ref(
            f"complaint_banking.mail_template_bank_notice_{self.kind}",
            raise_if_not_found=False,
        )

    def _render_content(self):
        """Fill subject and content from the kind's template (e-mail,
        letter) or the short text (SMS, phone script), unless typed."""
        self.ensure_one()
        lang = self.complaint_id.partner_id.lang or self.env.lang
        notice = self.with_context(lang=lang)
        vals = {}
        if self.channel in ("email", "letter") and self._template():
            template = notice._template()
            if not self.subject:
                vals["subject"] = template._render_field("subject", self.ids)[self.id]
            if not self.content or self.content == "<p><br></p>":
                vals["content"] = template._render_field(
                    "body_html", self.ids, compute_lang=True
                )[self.id]
        elif not self.content or self.content == "<p><br></p>":
            vals["content"] = notice._short_text()
        if not self.subject and "subject" not in vals:
            vals["subject"] = self.display_name
        if vals:
            self.write(vals)

    # ------------------------------------------------------------ sending
    def _send_or_schedule(self):
        """Notices a complaint action sends by itself: e-mail (and SMS once a
        gateway exists) go out now; a phone notice becomes a call activity,
        a letter is printed with a "post it" activity.  A notice that cannot
        go out stays to send, with an activity for the handler."""
        for notice in self:
            if notice.channel == "phone":
                notice._schedule_call()
            elif notice.channel == "letter":
                notice._prepare_letter()
            else:
                try:
                    with self.env.cr.savepoint():
                        notice._send()
                except UserError as error:
                    notice._notice_not_sent(error.args[0])
        return True

    def _handler(self):
        self.ensure_one()
        return self.complaint_id.user_id or self.env.user

    def _schedule_call(self):
        """Phone notices: the handler calls and then records the call."""
        for notice in self:
            notice._render_content()
            activity = notice.complaint_id.activity_schedule(
                "mail.mail_activity_data_call",
                user_id=notice._handler().id,
                summary=_("Call the customer: %s", notice.display_name),
                note=notice.content,
            )
            notice._workflow_write({"activity_id": activity.id})
        return True

    def _prepare_letter(self):
        """Letters: print the letter, then the handler posts it and
        confirms (the notice is not sent before)."""
        for notice in self:
            if not notice.recipient:
                notice.write({"recipient": notice._default_recipient()})
            notice._fill_review_deadline(fields.Datetime.now())
            notice._render_content()
            notice._attach_letter()
            activity = notice.complaint_id.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=notice._handler().id,
                summary=_("Post the letter: %s", notice.display_name),
                note=_(
                    "The letter is attached to the notice: post it to %s, then "
                    "confirm it as posted on the notice.",
                    notice.recipient or "-",
                ),
            )
            notice._workflow_write({"activity_id": activity.id})
        return True

    def _notice_not_sent(self, reason):
        """A notice a complaint action could not send: stays to send, the
        handler is told why and what to do."""
        self.ensure_one()
        complaint = self.complaint_id
        _logger.info("Bank notice %s was not sent: %s", self.id, reason)
        complaint.message_post(
            body=_(
                "%(notice)s was not sent: %(reason)s",
                notice=self.display_name,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        activity = complaint.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self._handler().id,
            summary=_("Notify the customer: %s", self.display_name),
            note=reason,
        )
        self._workflow_write({"activity_id": activity.id})

    def action_send(self):
        """Send the notice (e-mail), confirm a letter as posted or record
        the call (phone); SMS notices are refused without a gateway."""
        self._check_sender()
        self._send()
        return True

    def _send(self):
        now = fields.Datetime.now()
        for notice in self:
            if notice.state != "draft":
                raise UserError(_("%s was already sent.", notice.display_name))
            if notice.channel == "sms":
                notice._check_sms_sendable()
            notice._check_call_time(now)
            if not notice.recipient:
                notice.write({"recipient": notice._default_recipient()})
            moment = now
            if notice.channel == "phone" and notice.call_at:
                moment = notice.call_at
            vals = {"user_id": self.env.user.id}
            if notice.channel != "sms":
                vals["sent_at"] = moment
            notice._workflow_write(vals)
            notice._fill_review_deadline(moment)
            notice._render_content()
            getattr(notice, f"_send_{notice.channel}")()
            if notice.channel != "sms":  # an SMS is sent when the gateway accepts it
                notice._mark_told("sent")
        return True

    def _mark_told(self, state, moment=None):
        """The event that proves the notice happened: log it as told."""
        self.ensure_one()
        vals = {"state": state}
        if moment:
            vals["sent_at"] = moment
        self._workflow_write(vals)
        self._close_activity()
        self._apply_to_complaint()

    def _fill_review_deadline(self, moment):
        """Decision letters tell the last day to apply for a review."""
        self.ensure_one()
        if self.kind == "decision" and not self.review_deadline:
            amount, unit = profiles.REVIEW_APPLICATION_PERIOD
            deadline = dl.compute_deadline(
                moment, amount, unit, self.complaint_id._get_sla_calendar()
            )
            self._workflow_write({"review_deadline": deadline})

    def _check_call_time(self, now):
        if self.channel != "phone" or not self.call_at:
            return
        received = self.complaint_id.sudo().received_at
        problem = receipt.event_time_problem(self.call_at, received, now)
        if problem == "future":
            raise UserError(
                _(
                    "The call time of %s is in the future: record the call after "
                    "it took place.",
                    self.display_name,
                )
            )
        if problem == "before_receipt":
            # BANK-02: a notice tells about a complaint that exists
            raise UserError(
                _(
                    "The call time of %s is earlier than the complaint's receipt: "
                    "no notice is given before the complaint reached us.",
                    self.display_name,
                )
            )

    def _close_activity(self):
        activity = self.activity_id.exists()
        if activity:
            feedback = self.call_record if self.channel == "phone" else False
            activity.action_feedback(feedback=feedback or _("Notice sent."))

    def _apply_to_complaint(self):
        """What the complaint learns from a sent notice."""
        self.ensure_one()
        complaint = self.complaint_id.sudo()
        if self.kind == "acceptance":
            complaint.write(
                {"deadline_notified": True, "bank_acceptance_notified_at": self.sent_at}
            )
        elif self.kind == "extension" and self.new_deadline:
            complaint.write({"deadline_notified": True})
        elif self.kind == "decision":
            complaint.write({"bank_decision_notified_at": self.sent_at})
        elif self.kind == "review_result" and self.review_id:
            self.review_id.sudo().result_notified_at = self.sent_at

    def _unapply_from_complaint(self):
        """A notice that turned out not to reach the customer no longer
        counts as the moment they were told."""
        self.ensure_one()
        complaint = self.complaint_id.sudo()
        if self.kind == "acceptance" and (
            complaint.bank_acceptance_notified_at == self.sent_at
        ):
            complaint.write(
                {"deadline_notified": False, "bank_acceptance_notified_at": False}
            )
        elif self.kind == "decision" and (
            complaint.bank_decision_notified_at == self.sent_at
        ):
            complaint.write({"bank_decision_notified_at": False})
        elif self.kind == "review_result" and self.review_id:
            review = self.review_id.sudo()
            if review.result_notified_at == self.sent_at:
                review.result_notified_at = False
