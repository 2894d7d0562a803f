from odoo import _, fields, models
from odoo.exceptions import AccessError


class ComplaintCrisis(models.Model):
    """Crisis case led by senior management (BASE-32), opened by an
    escalation rule when media exposure (or another crisis condition)
    hits a complaint."""

    _name = "complaint.crisis"
    _description = "Complaint Crisis Case"
    _inherit = [
        "complaint.proof.kept",
        "complaint.workflow.guard",
        "complaint.child.access",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _workflow_fields = {
        "state": "action_close",
        "date_close": "action_close",
        "complaint_id": "escalation",
    }
    _order = "date_open desc, id desc"

    name = fields.Char(required=True, translate=False)
    complaint_id = fields.Many2one(
        "complaint.complaint", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    level_id = fields.Many2one(
        "complaint.escalation.level", string="Led By Level", ondelete="set null"
    )
    leader_id = fields.Many2one("res.users", string="Crisis Leader", tracking=True)
    date_open = fields.Datetime(
        string="Opened", required=True, default=fields.Datetime.now
    )
    date_close = fields.Datetime(string="Closed", readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
    )
    note = fields.Html(string="Crisis Plan")

    def action_close(self):
        if not self.env.user.has_group("complaint_base.group_complaint_reviewer"):
            raise AccessError(
                _("Only a reviewer or a manager can close a crisis case.")
            )
        self._workflow_write({"state": "closed", "date_close": fields.Datetime.now()})
        return True
