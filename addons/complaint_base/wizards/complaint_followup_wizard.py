from odoo import fields, models

from ..models.complaint_complaint import SATISFACTION


class ComplaintFollowupWizard(models.TransientModel):
    _name = "complaint.followup.wizard"
    _description = "Record a Follow-up Visit"

    complaint_id = fields.Many2one("complaint.complaint", required=True)
    method = fields.Selection(
        [
            ("phone", "Phone"),
            ("visit", "Visit"),
            ("sms", "SMS"),
            ("survey", "Survey"),
            ("email", "E-mail"),
        ],
        required=True,
        default="phone",
    )
    satisfaction = fields.Selection(SATISFACTION, required=True)
    acceptance = fields.Selection(
        [
            ("accepted", "Accepts"),
            ("rejected", "Does not accept"),
            ("no_answer", "No answer"),
        ],
        string="Complainant Accepts the Result",
    )
    comment = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        self.complaint_id.action_record_followup(
            self.satisfaction, self.method, self.comment, self.acceptance
        )
        return {"type": "ir.actions.act_window_close"}
