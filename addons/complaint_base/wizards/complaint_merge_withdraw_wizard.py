from odoo import api, fields, models


class ComplaintWithdrawWizard(models.TransientModel):
    """Record the complainant's withdrawal (BASE-16)."""

    _name = "complaint.withdraw.wizard"
    _description = "Withdraw a Complaint"

    complaint_id = fields.Many2one("complaint.complaint", required=True)
    reason = fields.Text(string="Why the Complainant Withdraws", required=True)
    requested_at = fields.Datetime(
        string="Request Received",
        required=True,
        default=fields.Datetime.now,
        help="When the complainant asked to withdraw: the case ends that day.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.complaint_id.action_withdraw(self.reason, self.requested_at)
        return {"type": "ir.actions.act_window_close"}


class ComplaintMergeWizard(models.TransientModel):
    """Merge a repeat into the complaint being handled (BASE-15)."""

    _name = "complaint.merge.wizard"
    _description = "Merge a Complaint"

    complaint_id = fields.Many2one("complaint.complaint", required=True)
    company_id = fields.Many2one(related="complaint_id.company_id")
    target_id = fields.Many2one(
        "complaint.complaint",
        string="Merge Into",
        required=True,
        domain="[('id', '!=', complaint_id), ('company_id', '=', company_id), "
        "('state', 'in', ('new', 'accepted', 'in_progress'))]",
        compute="_compute_target_id",
        store=True,
        readonly=False,
    )

    @api.depends("complaint_id")
    def _compute_target_id(self):
        for wizard in self:
            parent = wizard.complaint_id.parent_id
            if parent.state in ("new", "accepted", "in_progress"):
                wizard.target_id = parent
            else:
                wizard.target_id = wizard.target_id

    def action_confirm(self):
        self.ensure_one()
        self.complaint_id.action_merge_into(self.target_id)
        return {"type": "ir.actions.act_window_close"}
