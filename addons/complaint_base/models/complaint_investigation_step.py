from odoo import fields, models


class ComplaintInvestigationStep(models.Model):
    """A step of the investigation plan with its owner and time point (BASE-24).

    Evidence (documents, site survey photos, signed interview records, data
    extracts) is attached to the step.
    """

    _name = "complaint.investigation.step"
    _inherit = ["complaint.child.access"]
    _description = "Complaint Investigation Step"
    _order = "sequence, date_deadline, id"

    complaint_id = fields.Many2one(
        "complaint.complaint", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Step", required=True)
    user_id = fields.Many2one("res.users", string="Owner")
    date_deadline = fields.Date(string="Time Point")
    evidence_type = fields.Selection(
        [
            ("document", "Documents"),
            ("site", "Site survey"),
            ("interview", "Interview (signed record)"),
            ("data", "Data"),
            ("other", "Other"),
        ]
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence")
    result = fields.Text()
    done = fields.Boolean()
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
