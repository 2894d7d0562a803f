from odoo import _, api, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_complainant(self):
        """BASE-57: who filed a complaint is never lost by deleting the
        contact; archive it, or erase the person through a personal
        information request (PIPL), which anonymises instead."""
        complaints = (
            self.env["complaint.complaint"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", self.ids)], limit=5)
        )
        if complaints:
            raise UserError(
                _(
                    "%(contact)s filed complaints (%(numbers)s): the contact cannot "
                    "be deleted. Archive it, or anonymise it through a personal "
                    "information request.",
                    contact=complaints[0].partner_id.display_name,
                    numbers=", ".join(complaints.mapped("name")),
                )
            )
