from odoo import _, api, fields, models


class ComplaintComplaint(models.Model):
    """The complaint's mail gateway: an e-mail to a team alias becomes a
    complaint (BASE-02); the complainant is the suggested recipient."""

    _inherit = "complaint.complaint"

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """BASE-02: an e-mail to a team alias becomes a complaint."""
        values = dict(custom_values or {})
        email_from = msg_dict.get("email_from") or ""
        partner = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        channel = self.env["complaint.channel"].search(
            [("code", "=", "email")], limit=1
        )
        values.setdefault("subject", msg_dict.get("subject") or _("E-mail complaint"))
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("channel_id", channel.id)
        values.setdefault("email", email_from and email_from.split("<")[-1].strip(">"))
        if partner:
            values.setdefault("partner_id", partner.id)
        else:
            values.setdefault("contact_name", email_from.split("<")[0].strip(' "'))
        # BASE-57: the Subject is the subject, never the number (mail.thread
        # would put it into ``name``), and the complaint is received when the
        # server gets the message, not at the sender's ``Date:`` header.
        values["name"] = "/"
        values["received_at"] = fields.Datetime.now()
        values.pop("received_at_reason", None)
        return super().message_new(msg_dict, custom_values=values)

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        if self.partner_id:
            self._message_add_suggested_recipient(
                recipients, partner=self.partner_id, reason=_("Complainant")
            )
        elif self.email:
            self._message_add_suggested_recipient(
                recipients, email=self.email, reason=_("Complainant e-mail")
            )
        return recipients
