from odoo import _, models
from odoo.exceptions import UserError


class ComplaintComplaint(models.Model):
    """What the regulator must hear of stays on record (BANK-03, BANK-04,
    BASE-57): a complaint forwarded by the regulator is not unmarked once
    it came through the regulator's channel or is being handled (its result
    is owed to the forwarding office before closing), and a mass complaint
    already reported to the regulator is not unflagged."""

    _inherit = "complaint.complaint"

    def write(self, vals):
        if not self.env.su:
            self._bank_check_regulator_flags(vals)
        return super().write(vals)

    def _bank_check_regulator_flags(self, vals):
        banking = self._sector_records("banking")
        if "regulator_forwarded" in vals and not vals["regulator_forwarded"]:
            for rec in banking.filtered("regulator_forwarded"):
                if rec.channel_id.is_regulator or rec.state != "new":
                    raise UserError(
                        _(
                            "Complaint %s was forwarded by the regulator: it stays "
                            "marked as forwarded, and its result is reported to the "
                            "forwarding office before it is closed (BANK-03).",
                            rec.name,
                        )
                    )
        if "is_mass" in vals and not vals["is_mass"]:
            for rec in banking.filtered("is_mass"):
                reports = rec.sudo().bank_regulator_report_ids
                if reports.filtered(lambda r: r.kind == "mass_complaint"):
                    raise UserError(
                        _(
                            "Complaint %s was reported to the regulator as a mass "
                            "complaint: it stays flagged (BANK-04).",
                            rec.name,
                        )
                    )
