from odoo import fields, models

from ..tools import profiles

PROFILE_SELECTION = [
    (profiles.CBRC_2012, "CBRC 2012 notice: 15 / 60 working days"),
    (profiles.CBIRC_2020, "CBIRC 2020 No. 3 measures: 15 / 30 / 60 days"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    complaint_bank_profile = fields.Selection(
        PROFILE_SELECTION,
        string="Bank Complaint Regulation",
        required=True,
        default=profiles.DEFAULT_PROFILE,
        help="Time limits of bank consumer complaints (BANK-01). CBRC 2012: "
        "decide within 15 working days, extend to at most 60 working days. "
        "CBIRC 2020 No. 3 (in force since 2020-03-01): 15 calendar days, 30 for "
        "complex cases, 60 with the approval of the superior institution; "
        "appraisal, testing, evaluation and mediation stop the clock.",
    )
    complaint_bank_regulator_id = fields.Many2one(
        "res.partner",
        string="Banking Regulator Office",
        help="Office that receives the reports on mass complaints (BANK-04) "
        "when the complaint does not name another one.",
    )
    complaint_bank_mediation_org = fields.Char(
        string="Mediation Organisation",
        help="Named in decision letters as the mediation remedy (BANK-08), "
        "e.g. the local banking dispute mediation centre.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "complaint_bank_profile" in vals:
            # DL-6: deadlines follow the rule; promised dates are never
            # shortened (the SLA engine keeps them).
            complaints = (
                self.env["complaint.complaint"]
                .sudo()
                .search(
                    [
                        ("company_id", "in", self.ids),
                        ("sector", "=", "banking"),
                        ("state", "in", ("new", "accepted", "in_progress")),
                    ]
                )
            )
            complaints._recompute_sla_deadlines()
        return res
