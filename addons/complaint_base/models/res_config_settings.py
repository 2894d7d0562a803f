from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_country_id = fields.Many2one(
        related="company_id.complaint_country_id", readonly=False
    )
    complaint_subdivision = fields.Char(
        related="company_id.complaint_subdivision", readonly=False
    )
    complaint_tz = fields.Selection(related="company_id.complaint_tz", readonly=False)
    complaint_sla_warning_threshold = fields.Integer(
        related="company_id.complaint_sla_warning_threshold", readonly=False
    )
    complaint_autoclose_days = fields.Integer(
        related="company_id.complaint_autoclose_days", readonly=False
    )
    complaint_backdate_days = fields.Integer(
        related="company_id.complaint_backdate_days", readonly=False
    )
    # BASE-46: the SMS gateway that replaces Odoo's IAP for the company
    complaint_sms_gateway_id = fields.Many2one(
        related="company_id.complaint_sms_gateway_id", readonly=False
    )
