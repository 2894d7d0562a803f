from odoo import _, api, models
from odoo.exceptions import UserError

from ..tools.commands import linked_ids

COMPLAINT = "complaint.complaint"


class MailMessage(models.Model):
    """BASE-54: a message on a confidential complaint never names the
    people it concerns as recipients, whichever way it is created or
    edited: a recipient may read the message (and the complaint's name it
    carries).  ``message_post`` filters them already; a message created or
    edited directly is refused."""

    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._confidential_check_recipients(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and {"partner_ids", "model", "res_id"} & set(vals):
            self._confidential_check_recipients(
                [
                    {
                        "model": vals.get("model", message.model),
                        "res_id": vals.get("res_id", message.res_id),
                        "partner_ids": vals.get(
                            "partner_ids", [(6, 0, message.partner_ids.ids)]
                        ),
                    }
                    for message in self.sudo()
                ]
            )
        return super().write(vals)

    def _confidential_check_recipients(self, vals_list):
        wanted = {}
        for vals in vals_list:
            if vals.get("model") == COMPLAINT and vals.get("res_id"):
                partners = linked_ids(vals.get("partner_ids"))
                if partners:
                    wanted.setdefault(vals["res_id"], set()).update(partners)
        if not wanted:
            return
        complaints = self.env[COMPLAINT].sudo().browse(list(wanted)).exists()
        for complaint in complaints.filtered("is_confidential"):
            excluded = set(complaint._confidential_excluded_partners().ids)
            if wanted[complaint.id] & excluded:
                raise UserError(
                    _(
                        "Complaint %s is confidential and concerns a recipient "
                        "you chose: address the message to someone else.",
                        complaint.name,
                    )
                )
