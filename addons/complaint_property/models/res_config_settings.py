from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_arrival_minutes = fields.Integer(
        related="company_id.property_arrival_minutes", readonly=False
    )
