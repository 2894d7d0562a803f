from odoo import fields, models


class ComplaintResponsibility(models.Model):
    """Who is responsible for a substantiated complaint (BASE-43)."""

    _name = "complaint.responsibility"
    _inherit = ["complaint.child.access"]
    _description = "Complaint Responsibility"
    _order = "complaint_id, responsibility_type, id"

    complaint_id = fields.Many2one(
        "complaint.complaint", required=True, ondelete="cascade", index=True
    )
    department_id = fields.Many2one("hr.department")
    employee_id = fields.Many2one("hr.employee")
    responsibility_type = fields.Selection(
        [
            ("direct", "Direct"),
            ("main", "Main"),
            ("secondary", "Secondary"),
            ("leadership", "Leadership"),
        ],
        required=True,
        default="direct",
    )
    sanction = fields.Text()
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)

    _sql_constraints = [
        (
            "who_required",
            "CHECK(department_id IS NOT NULL OR employee_id IS NOT NULL)",
            "A responsibility names a department or an employee.",
        ),
    ]
