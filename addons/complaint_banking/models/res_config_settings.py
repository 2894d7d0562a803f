from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_bank_profile = fields.Selection(
        related="company_id.complaint_bank_profile", readonly=False
    )
    complaint_bank_regulator_id = fields.Many2one(
        related="company_id.complaint_bank_regulator_id", readonly=False
    )
    complaint_bank_mediation_org = fields.Char(
        related="company_id.complaint_bank_mediation_org", readonly=False
    )
