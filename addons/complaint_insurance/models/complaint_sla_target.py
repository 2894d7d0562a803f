from odoo import fields, models


class ComplaintSlaTarget(models.Model):
    """Insurance kinds of SLA targets, watched like the base ones
    (``complaint.sla.status``, BASE-27): the 12378 report to the audit
    department (INS-02) and the decision of a review (INS-10)."""

    _inherit = "complaint.sla.target"

    kind = fields.Selection(
        selection_add=[
            ("audit_report", "Report to Audit (12378)"),
            ("recheck", "Review Decision"),
        ],
        ondelete={"audit_report": "cascade", "recheck": "cascade"},
    )
