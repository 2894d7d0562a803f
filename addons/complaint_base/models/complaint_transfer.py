from odoo import fields, models


class ComplaintTransfer(models.Model):
    """One transfer of a complaint to another team or handler (BASE-23)."""

    _name = "complaint.transfer"
    _inherit = ["complaint.workflow.guard", "complaint.child.access"]
    #: BASE-23/57: the transfer log is written by the transfer action only
    _workflow_fields = dict.fromkeys(
        (
            "complaint_id",
            "from_team_id",
            "from_user_id",
            "to_team_id",
            "to_user_id",
            "reason",
            "is_automatic",
        ),
        "action_transfer",
    )
    _description = "Complaint Transfer"
    _order = "create_date desc, id desc"

    complaint_id = fields.Many2one(
        "complaint.complaint", required=True, ondelete="cascade", index=True
    )
    from_team_id = fields.Many2one("complaint.team", string="From Team")
    from_user_id = fields.Many2one("res.users", string="From Handler")
    to_team_id = fields.Many2one("complaint.team", string="To Team", required=True)
    to_user_id = fields.Many2one("res.users", string="To Handler")
    reason = fields.Text(required=True)
    is_automatic = fields.Boolean(
        string="Automatic (Arbitration)",
        help="Sent to the arbitration team after the maximum manual transfers.",
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
