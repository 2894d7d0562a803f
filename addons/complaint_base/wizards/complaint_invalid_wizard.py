from odoo import fields, models


class ComplaintInvalidWizard(models.TransientModel):
    _name = "complaint.invalid.wizard"
    _description = "Rule a Complaint Invalid"

    complaint_id = fields.Many2one("complaint.complaint", required=True)
    reason = fields.Selection(
        selection=lambda self: self.env["complaint.complaint"]
        ._fields["invalid_reason"]
        ._description_selection(self.env),
        required=True,
    )
    note = fields.Text(string="Explanation for the Complainant", required=True)

    def action_confirm(self):
        self.ensure_one()
        self.complaint_id.action_mark_invalid(self.reason, self.note)
        return {"type": "ir.actions.act_window_close"}
