from odoo import api, fields, models


class ComplaintSlaPause(models.Model):
    """Clock pauses of bank complaints (BANK-01b, base BASE-56).

    The 2020 measures stop the clock during external appraisal, testing,
    evaluation and mediation only; the 2012 notice knows no pause.
    """

    _inherit = "complaint.sla.pause"

    reason = fields.Selection(
        selection_add=[
            ("testing", "Testing"),
            ("evaluation", "Evaluation"),
        ],
        ondelete={"testing": "set default", "evaluation": "set default"},
    )

    @api.constrains("reason", "complaint_id")
    def _check_bank_pause_reason(self):
        for pause in self:
            complaint = pause.complaint_id
            if complaint.sector == "banking":
                complaint._bank_check_pause_reason(pause.reason)
