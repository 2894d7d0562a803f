from odoo import api, fields, models


class ComplaintEscalationLevel(models.Model):
    """A rung of the escalation ladder (BASE-30): front line, department
    manager, customer service centre, senior management / crisis team."""

    _name = "complaint.escalation.level"
    _description = "Complaint Escalation Level"
    _order = "level, id"

    name = fields.Char(required=True, translate=True)
    level = fields.Integer(
        string="Level Number",
        required=True,
        default=1,
        help="1 is the first rung above the front line; a complaint only "
        "climbs to higher numbers.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty for every company."
    )
    team_id = fields.Many2one(
        "complaint.team",
        string="Team",
        help="Team in charge at this level; its leader is notified too.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "complaint_escalation_level_user_rel",
        "level_id",
        "user_id",
        string="Users to Notify",
        help="They receive an activity and a message when a complaint "
        "reaches this level.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "complaint_escalation_level_partner_rel",
        "level_id",
        "partner_id",
        string="Contacts to Notify",
        help="They receive a message (e-mail) when a complaint reaches this level.",
    )
    is_senior_management = fields.Boolean(
        string="Senior Management",
        help="Leads the crisis cases (BASE-32).",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        (
            "level_company_uniq",
            "unique NULLS NOT DISTINCT (level, company_id)",
            "Each level number can only be used once per company.",
        ),
        ("level_positive", "CHECK(level > 0)", "A level number starts at 1."),
    ]

    @api.depends("name", "level")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = f"{rec.level}. {rec.name or ''}"

    def _get_notify_users(self):
        """Users who get an activity when a complaint reaches this level."""
        self.ensure_one()
        users = self.user_ids | self.team_id.leader_id
        return users.filtered(lambda u: u.active and not u.share)

    def _get_notify_partners(self):
        self.ensure_one()
        return self.partner_ids | self._get_notify_users().partner_id
