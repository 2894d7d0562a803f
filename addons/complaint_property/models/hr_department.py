from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    is_maintenance_team = fields.Boolean(
        string="Maintenance Team",
        help="Engineering / maintenance team (工程维修组) that receives repair "
        "work orders; its manager approves repair plans over 3 days (PROP-04).",
    )
