from odoo import fields, models


class ComplaintChannel(models.Model):
    """Where a complaint came in (BASE-01): hotline, e-mail, portal, walk-in..."""

    _name = "complaint.channel"
    _inherit = ["complaint.registry.cached"]
    _description = "Complaint Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable technical code used by integrations and sector rules, "
        "e.g. phone, email, portal, walk_in, letter, regulator.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_regulator = fields.Boolean(
        string="Regulator-forwarded",
        help="Complaints from this channel were forwarded by a regulator.",
    )
    description = fields.Text(translate=True)
    company_id = fields.Many2one("res.company", help="Leave empty to share.")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each channel code must be unique."),
    ]
