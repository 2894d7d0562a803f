from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ComplaintTeamMember(models.Model):
    """Assignment settings of one member of a team (BASE-14): a cap of open
    complaints and seniority.  Members without a line have no cap and are
    not senior."""

    _name = "complaint.team.member"
    _description = "Complaint Team Member Settings"
    _order = "team_id, user_id"
    _rec_name = "user_id"

    team_id = fields.Many2one(
        "complaint.team", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Member", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="team_id.company_id", store=True)
    max_open_complaints = fields.Integer(
        string="Cap of Open Complaints",
        default=0,
        help="The member receives no more complaints automatically while "
        "they have this many open complaints (all teams). 0: no cap.",
    )
    is_senior = fields.Boolean(
        string="Senior",
        help="May receive the major and regulator-forwarded complaints when "
        "the team reserves them to senior members.",
    )
    open_complaint_count = fields.Integer(
        string="Open Complaints", compute="_compute_load"
    )
    on_leave = fields.Boolean(string="On Leave Now", compute="_compute_load")

    _sql_constraints = [
        (
            "team_user_uniq",
            "unique(team_id, user_id)",
            "A member has one settings line per team.",
        ),
        (
            "cap_positive",
            "CHECK(max_open_complaints >= 0)",
            "The cap of open complaints cannot be negative.",
        ),
    ]

    @api.constrains("team_id", "user_id")
    def _check_member(self):
        for line in self:
            if line.user_id not in line.team_id.member_ids:
                raise ValidationError(
                    _(
                        "%(user)s is not a member of team %(team)s: add them to "
                        "the members first.",
                        user=line.user_id.name,
                        team=line.team_id.name,
                    )
                )

    @api.depends("user_id")
    def _compute_load(self):
        users = self.user_id
        counts = self.env["complaint.complaint"]._assignment_open_counts(users.ids)
        away = self.env["complaint.complaint"]._assignment_users_on_leave(users.ids)
        for line in self:
            line.open_complaint_count = counts.get(line.user_id.id, 0)
            line.on_leave = line.user_id.id in away
