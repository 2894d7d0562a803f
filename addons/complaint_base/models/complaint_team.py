from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import deadline as dl

#: states of a complaint still being handled (team overview counts)
OVERVIEW_OPEN_STATES = ("new", "accepted", "in_progress")


class ComplaintTeam(models.Model):
    """A team that handles complaints; its e-mail alias creates complaints."""

    _name = "complaint.team"
    _description = "Complaint Team"
    _inherit = ["mail.alias.mixin", "mail.thread", "complaint.registry.cached"]
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

    # ------------------------------------------------ assignment (BASE-14)
    assignment_method = fields.Selection(
        [
            ("manual", "Manual"),
            ("round_robin", "Round Robin"),
            ("balanced", "Balanced (fewest open complaints)"),
        ],
        default="manual",
        required=True,
        tracking=True,
        help="How a complaint routed to this team without a handler gets one, "
        "at registration and on transfer. Round robin: the member who "
        "received one least recently. Balanced: the member with the fewest "
        "open complaints. Members on leave, at their cap or complained "
        "about are skipped.",
    )
    senior_only_major = fields.Boolean(
        string="Major Complaints to Senior Members",
        help="Major and regulator-forwarded complaints are assigned to the "
        "members marked senior only.",
    )
    member_setting_ids = fields.One2many(
        "complaint.team.member",
        "team_id",
        string="Member Settings",
        help="Optional per-member cap of open complaints and seniority.",
    )

    # ------------------------------------------------- overview (BASE-14)
    unassigned_count = fields.Integer(compute="_compute_overview_counts")
    due_today_count = fields.Integer(compute="_compute_overview_counts")
    overdue_count = fields.Integer(compute="_compute_overview_counts")
    major_count = fields.Integer(compute="_compute_overview_counts")

    def _compute_open_complaint_count(self):
        data = self.env["complaint.complaint"]._read_group(
            [
                ("team_id", "in", self.ids),
                ("state", "not in", ("closed", "invalid", "withdrawn", "merged")),
            ],
            ["team_id"],
            ["__count"],
        )
        counts = {team.id: count for team, count in data}
        for team in self:
            team.open_complaint_count = counts.get(team.id, 0)

    # ============================================================ overview
    def _overview_today_bounds(self):
        """Naive UTC bounds ``[start, end]`` of today in the team company's
        complaint time zone (DL-1)."""
        calendar = (self[:1].company_id or self.env.company)._get_complaint_calendar()
        today = calendar.to_local(fields.Datetime.now()).date()
        start = dl.end_of_local_day(today - timedelta(days=1), calendar.tz)
        return start + timedelta(seconds=1), dl.end_of_local_day(today, calendar.tz)

    def _overview_domains(self):
        """Filter name -> domain of the team overview's counts and lists."""
        now = fields.Datetime.now()
        end = self._overview_today_bounds()[1]
        open_ = [("state", "in", OVERVIEW_OPEN_STATES)]
        return {
            "unassigned": open_ + [("user_id", "=", False)],
            # still to do today: the deadline has not passed yet
            "due_today": open_
            + [
                ("resolution_deadline", ">=", now),
                ("resolution_deadline", "<=", end),
            ],
            "overdue": open_
            + [
                "|",
                ("is_overdue", "=", True),
                "&",
                ("sla_paused", "=", False),
                ("resolution_deadline", "<", now),
            ],
            "major": open_ + [("severity", "=", "major")],
        }

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_overview_counts(self):
        """Counts of the complaints the user may read (record rules apply)."""
        Complaint = self.env["complaint.complaint"]
        counts = {}
        domains = self[:1]._overview_domains() if self.ids else {}
        for key, domain in domains.items():
            data = Complaint._read_group(
                [("team_id", "in", self.ids)] + domain, ["team_id"], ["__count"]
            )
            counts[key] = {team.id: count for team, count in data}
        for team in self:
            team.unassigned_count = counts.get("unassigned", {}).get(team.id, 0)
            team.due_today_count = counts.get("due_today", {}).get(team.id, 0)
            team.overdue_count = counts.get("overdue", {}).get(team.id, 0)
            team.major_count = counts.get("major", {}).get(team.id, 0)

    def action_open_overview_list(self, which="unassigned"):
        """Open the team's complaints of one overview count."""
        self.ensure_one()
        if isinstance(which, dict):  # called from a button: the context
            which = which.get("overview_filter") or "unassigned"
        domains = self._overview_domains()
        if which not in domains:
            which = "unassigned"
        titles = {
            "unassigned": _("%s: unassigned", self.name),
            "due_today": _("%s: due today", self.name),
            "overdue": _("%s: overdue", self.name),
            "major": _("%s: major", self.name),
        }
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_base.action_complaint"
        )
        action.update(
            {
                "name": titles[which],
                "domain": [("team_id", "=", self.id)] + domains[which],
                "context": {"default_team_id": self.id},
            }
        )
        return action

    def action_open_unassigned(self):
        return self.action_open_overview_list("unassigned")

    def action_open_due_today(self):
        return self.action_open_overview_list("due_today")

    def action_open_overdue(self):
        return self.action_open_overview_list("overdue")

    def action_open_major(self):
        return self.action_open_overview_list("major")

    # ========================================================== assignment
    def _assignment_settings(self):
        """``(caps, seniors)`` of the team: ``{user_id: cap}`` (0: no cap)
        and the set of senior member ids."""
        self.ensure_one()
        settings = self.sudo().member_setting_ids
        caps = {s.user_id.id: s.max_open_complaints for s in settings}
        seniors = {s.user_id.id for s in settings if s.is_senior}
        return caps, seniors

    def _assignment_members(self, company):
        """Active internal members of the team who work for ``company``."""
        self.ensure_one()
        return self.sudo().member_ids.filtered(
            lambda u: u.active and not u.share and company in u.company_ids
        )

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
