from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ComplaintTeam(models.Model):
    """A team that handles complaints; its e-mail alias creates complaints."""

    _name = "complaint.team"
    _description = "Complaint Team"
    _inherit = ["mail.alias.mixin", "mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    leader_id = fields.Many2one("res.users", string="Leader", tracking=True)
    member_ids = fields.Many2many(
        "res.users",
        "complaint_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
    )
    department_id = fields.Many2one("hr.department")
    is_arbitration = fields.Boolean(
        string="Arbitration Team",
        help="Receives complaints automatically after the maximum number of "
        "manual transfers and decides the final owner (BASE-23).",
    )
    notify_partner_ids = fields.Many2many(
        "res.partner",
        string="Leaders to Notify on Major Complaints",
        help="Copied when a major complaint is assigned to this team (BASE-31).",
    )
    complaint_ids = fields.One2many("complaint.complaint", "team_id")
    open_complaint_count = fields.Integer(compute="_compute_open_complaint_count")
    color = fields.Integer()

    def _compute_open_complaint_count(self):
        data = self.env["complaint.complaint"]._read_group(
            [("team_id", "in", self.ids), ("state", "not in", ("closed", "invalid"))],
            ["team_id"],
            ["__count"],
        )
        counts = {team.id: count for team, count in data}
        for team in self:
            team.open_complaint_count = counts.get(team.id, 0)

    @api.constrains("is_arbitration", "company_id", "active")
    def _check_one_arbitration_team(self):
        for team in self.filtered("is_arbitration"):
            others = self.search_count(
                [
                    ("is_arbitration", "=", True),
                    ("company_id", "=", team.company_id.id),
                    ("id", "!=", team.id),
                ]
            )
            if others:
                raise ValidationError(
                    _("A company has only one arbitration team (%s).", team.name)
                )

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("complaint.complaint")
        if self.id:
            values["alias_defaults"] = repr(
                {"team_id": self.id, "company_id": self.company_id.id}
            )
        return values

    def action_open_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_base.action_complaint"
        )
        action["domain"] = [("team_id", "=", self.id)]
        action["context"] = {"default_team_id": self.id}
        return action
