from odoo import fields, models


class ComplaintTransferWizard(models.TransientModel):
    _name = "complaint.transfer.wizard"
    _description = "Transfer a Complaint"

    complaint_id = fields.Many2one("complaint.complaint", required=True)
    transfer_count = fields.Integer(related="complaint_id.transfer_count")
    team_id = fields.Many2one("complaint.team", string="To Team", required=True)
    user_id = fields.Many2one("res.users", string="To Handler")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.complaint_id.action_transfer(self.team_id.id, self.user_id.id, self.reason)
        return {"type": "ir.actions.act_window_close"}
