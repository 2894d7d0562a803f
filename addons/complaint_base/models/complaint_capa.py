from odoo import fields, models


class ComplaintCapa(models.Model):
    """Corrective or preventive action taken after a complaint (BASE-45)."""

    _name = "complaint.capa"
    _description = "Complaint Corrective / Preventive Action"
    _inherit = [
        "complaint.proof.kept",
        "complaint.workflow.guard",
        "complaint.child.access",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _workflow_fields = {"state": "action_done"}
    _order = "date_deadline, id"

    name = fields.Char(string="Action", required=True, tracking=True)
    complaint_id = fields.Many2one(
        "complaint.complaint", ondelete="cascade", index=True
    )
    action_type = fields.Selection(
        [("corrective", "Corrective"), ("preventive", "Preventive")],
        required=True,
        default="corrective",
    )
    root_cause = fields.Text()
    user_id = fields.Many2one("res.users", string="Owner", tracking=True)
    department_id = fields.Many2one("hr.department")
    date_deadline = fields.Date(string="Deadline", tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        tracking=True,
    )
    effectiveness = fields.Text(string="Effectiveness Check")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def action_done(self):
        self._workflow_write({"state": "done"})
        return True
