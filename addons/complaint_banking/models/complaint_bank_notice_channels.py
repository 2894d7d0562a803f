from odoo import _, models
from odoo.exceptions import UserError

from ..tools import integrity


class ComplaintBankNoticeChannels(models.Model):
    """How a bank notice goes out on each channel (BANK-02, BASE-46):
    e-mail through Odoo's mail (the queued message is the proof), a printed
    letter confirmed posted, a phone call with its record.  SMS lives in
    ``complaint_bank_notice_sms.py``."""

    _inherit = "complaint.bank.notice"

    def _send_email(self):
        complaint = self.complaint_id
        partners = complaint.partner_id.filtered("email")
        address = self.recipient or complaint.email
        if not partners and address:
            found = complaint._mail_find_partner_from_emails(
                [address], records=complaint, force_create=True
            )
            partners = self.env["res.partner"].concat(*[p for p in found if p])
            partners = partners.filtered("email")
        if not partners:
            raise UserError(
                _(
                    "Complaint %s has no e-mail address: notify by phone or letter "
                    "instead.",
                    complaint.name,
                )
            )
        message = complaint.message_post(
            body=self.content,
            subject=self.subject,
            partner_ids=partners.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        notifications = message.sudo().notification_ids.filtered(
            lambda n: n.notification_type == "email" and n.res_partner_id in partners
        )
        if not integrity.mail_was_queued(notifications.mapped("notification_status")):
            raise UserError(
                _(
                    "Odoo's mail could not queue the e-mail of %(notice)s to "
                    "%(address)s: check the address, or notify by phone or letter.",
                    notice=self.display_name,
                    address=", ".join(partners.mapped("email")),
                )
            )
        self._workflow_write({"mail_message_id": message.id})

    def _attach_letter(self):
        self.ensure_one()
        report = self.env.ref("complaint_banking.action_report_bank_notice")
        content, fmt = self.env["ir.actions.report"]._render_qweb_pdf(report, self.ids)
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.display_name}.{fmt}",
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf" if fmt == "pdf" else "text/html",
            }
        )
        self.write({"attachment_ids": [(4, attachment.id)]})
        return attachment

    def _send_letter(self):
        """The user confirms the letter was posted."""
        if not self.attachment_ids:
            self._attach_letter()
        self.complaint_id.message_post(
            body=_(
                "Letter posted to %(address)s: %(kind)s (confirmed by %(user)s).",
                address=self.recipient or "-",
                kind=self.display_name,
                user=self.env.user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _send_phone(self):
        if not (self.call_record or "").strip() and not self.attachment_ids:
            raise UserError(
                _(
                    "Write the call record (who answered, what was said) or "
                    "attach the recording before logging the phone notice."
                )
            )
        self.complaint_id.message_post(
            body=_(
                "Phone notice (%(kind)s) to %(number)s: %(record)s",
                kind=self.display_name,
                number=self.recipient or "-",
                record=self.call_record or _("recording attached"),
            ),
            subtype_xmlid="mail.mt_note",
        )
