from odoo import api, models
from odoo.osv import expression

from ..tools import masking

#: the number an SMS notification was sent to
NUMBER = "sms_number"


class MailNotification(models.Model):
    """BASE-55 on a side channel: the SMS notifications of a complaint's
    messages carry the number the notice went to, often the complainant's
    phone of a complaint registered without a contact.  Odoo lets every
    internal user read every notification, so the number is masked, like
    the complaint's phone, for users who do not handle the complaint, on
    every read path (``read``, ``search_read``, ``web_read``, export), and
    searching or grouping notifications by number leaves the complaints'
    out (no lookup of who complained by number)."""

    _inherit = "mail.notification"

    def _complaint_numbers_hidden(self):
        """The ids of ``self`` whose number the user may not see in clear:
        SMS notifications of complaints they do not handle."""
        if self.env.su:
            return set()
        notifications = self.sudo().filtered(
            lambda n: n.sms_number and n.mail_message_id.model == "complaint.complaint"
        )
        if not notifications:
            return set()
        Complaint = self.env["complaint.complaint"]
        complaints = Complaint.browse(
            set(notifications.mail_message_id.mapped("res_id"))
        )
        visible = set(complaints._pi_visible_records()._ids)
        return {
            notification.id
            for notification in notifications
            if notification.mail_message_id.res_id not in visible
        }

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        if NUMBER not in fnames or self.env.su or not result:
            return result
        hidden = self.browse(
            [vals["id"] for vals in result]
        )._complaint_numbers_hidden()
        for vals in result:
            if vals["id"] in hidden and vals.get(NUMBER):
                vals[NUMBER] = masking.mask_phone(vals[NUMBER])
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        columns = [index for index, path in enumerate(fields) if path == [NUMBER]]
        hidden = self._complaint_numbers_hidden() if columns else set()
        if not hidden:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        lines = []
        for masked, ids in masking.runs(self.ids, hidden):
            part = super(MailNotification, self.browse(ids))._export_rows(
                fields, _is_toplevel_call=_is_toplevel_call
            )
            if masked:
                for line in part:
                    for index in columns:
                        line[index] = masking.mask_phone(line[index]) or line[index]
            lines += part
        return lines

    @api.model
    def _search(self, domain, *args, **kwargs):
        if not self.env.su and _mentions_number(domain):
            domain = expression.AND([domain, self._not_complaints()])
        return super()._search(domain, *args, **kwargs)

    @api.model
    def _read_group(self, domain, groupby=(), *args, **kwargs):
        if not self.env.su and any(spec.split(":")[0] == NUMBER for spec in groupby):
            domain = expression.AND([domain, self._not_complaints()])
        return super()._read_group(domain, groupby, *args, **kwargs)

    @api.model
    def _not_complaints(self):
        """Notifications of messages not on a complaint (the messages are
        looked up as the superuser: a complaint the user may not read is
        left out too)."""
        messages = (
            self.env["mail.message"]
            .sudo()
            ._search([("model", "=", "complaint.complaint")])
        )
        return [("mail_message_id", "not in", messages)]


def _mentions_number(domain):
    return any(
        isinstance(leaf, list | tuple) and str(leaf[0]).split(".")[0] == NUMBER
        for leaf in domain or []
    )
