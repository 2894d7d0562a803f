import logging

from odoo import _, models

_logger = logging.getLogger(__name__)

MAIL_TEMPLATE = "complaint_insurance.mail_template_ins_acceptance"
SMS_TEMPLATE = "complaint_insurance.sms_template_ins_acceptance"


class ComplaintComplaint(models.Model):
    """INS-10 via BANK-02: the acceptance notice (accepted, decision date,
    contact, tracking link) through complaint_base's notice machinery
    (BASE-46): an e-mail when the complainant has an address, an SMS through
    the company's gateway when they have a mobile number.  Nothing is
    claimed sent that was not queued; accepting is never blocked by it."""

    _inherit = "complaint.complaint"

    def _notify_acceptance(self):
        for rec in self:
            try:
                with self.env.cr.savepoint():
                    sent, problems = rec._ins_send_acceptance_notice()
            except Exception as error:  # a broken template never blocks accepting
                _logger.exception("Acceptance notice of complaint %s failed", rec.id)
                sent, problems = False, [str(error)]
            if not sent:
                rec._ins_acceptance_not_sent(problems)

    def _ins_send_acceptance_notice(self):
        """Queue the e-mail and/or SMS: (anything queued, problems)."""
        self.ensure_one()
        sent, problems = False, []
        has_email = bool(self._complaint_email())
        if has_email:
            self._complaint_send_mail(self.env.ref(MAIL_TEMPLATE))
            sent = True
        if self._complaint_mobile() or not has_email:
            sms_template = self.env.ref(SMS_TEMPLATE)
            refusal = self._complaint_sms_refusal(sms_template)
            if refusal:
                problems.append(refusal)
                if has_email:  # the e-mail went out: say why the SMS did not
                    self.message_post(
                        body=_("Acceptance SMS not sent: %s", refusal),
                        subtype_xmlid="mail.mt_note",
                    )
            elif self._complaint_send_sms(sms_template, raise_refusal=False):
                sent = True
        return sent, problems

    def _ins_acceptance_not_sent(self, problems):
        """Neither channel could go out: the handler tells the complainant
        another way (the notice is not claimed sent)."""
        self.ensure_one()
        reasons = " ".join(problems) or _(
            "the complainant left no e-mail address or mobile number."
        )
        self.message_post(
            body=_(
                "The acceptance notice (accepted, decision date, contact) was NOT "
                "sent to the complainant: %s Tell them by phone or letter.",
                reasons,
            ),
            subtype_xmlid="mail.mt_note",
        )
