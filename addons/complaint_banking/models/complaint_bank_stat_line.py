from odoo import fields, models

DIMENSIONS = [
    ("business_type", "Business Type"),
    ("cause", "Cause"),
    ("channel", "Business Channel"),
]


class ComplaintBankStatLine(models.Model):
    """One figure of a half-year report: complaints of one JR/T code.

    Written by the report's ``action_compute`` only (BASE-57); a line
    follows its report's company (multi-company rule).
    """

    _name = "complaint.bank.stat.line"
    _description = "Bank Complaint Statistics Line"
    _inherit = ["complaint.workflow.guard"]
    _workflow_fields = dict.fromkeys(
        (
            "report_id",
            "dimension",
            "code_id",
            "complaint_count",
            "decided_count",
            "on_time_count",
            "share",
        ),
        "action_compute",
    )
    _order = "report_id, dimension, complaint_count desc, id"

    report_id = fields.Many2one(
        "complaint.bank.stat.report", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    dimension = fields.Selection(DIMENSIONS, required=True)
    code_id = fields.Many2one(
        "complaint.bank.code",
        string="Code",
        ondelete="restrict",
        help="Empty: complaints not classified yet.",
    )
    complaint_count = fields.Integer(string="Complaints")
    decided_count = fields.Integer(string="Decided")
    on_time_count = fields.Integer(string="Decided on Time")
    share = fields.Float(string="Share (%)", digits=(5, 1))
