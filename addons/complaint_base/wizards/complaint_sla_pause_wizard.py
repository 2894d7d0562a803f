from odoo import fields, models


class ComplaintSlaPauseWizard(models.TransientModel):
    """Ask why the SLA clock stops (BASE-56)."""

    _name = "complaint.sla.pause.wizard"
    _description = "Pause the SLA Clock"

    complaint_id = fields.Many2one("complaint.complaint", required=True)
    reason = fields.Selection(
        selection=lambda self: self.env["complaint.sla.pause"]
        ._fields["reason"]
        ._description_selection(self.env),
        required=True,
        default="waiting_complainant",
    )
    note = fields.Char(help="What or whom we are waiting for.")

    def action_confirm(self):
        self.ensure_one()
        self.complaint_id.action_pause_sla(reason=self.reason, note=self.note)
        return {"type": "ir.actions.act_window_close"}
