from odoo import fields, models


class ComplaintEscalationLog(models.Model):
    """One escalation of one complaint: which rule fired, from which level
    to which (BASE-30).  Unique per complaint and rule: a rule never fires
    twice for the same complaint."""

    _name = "complaint.escalation.log"
    _inherit = ["complaint.child.access", "complaint.proof.kept"]
    _description = "Complaint Escalation Log"
    _order = "date desc, id desc"
    _rec_name = "complaint_id"

    complaint_id = fields.Many2one(
        "complaint.complaint", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    rule_id = fields.Many2one(
        "complaint.escalation.rule", ondelete="set null", index=True
    )
    condition = fields.Selection(
        related="rule_id.condition", store=True, string="Because"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    from_level = fields.Integer()
    to_level = fields.Integer()
    level_id = fields.Many2one("complaint.escalation.level", ondelete="set null")
    crisis_id = fields.Many2one("complaint.crisis", ondelete="set null")
    note = fields.Char()

    _sql_constraints = [
        (
            "complaint_rule_uniq",
            "unique(complaint_id, rule_id)",
            "An escalation rule applies only once to a complaint.",
        ),
    ]
