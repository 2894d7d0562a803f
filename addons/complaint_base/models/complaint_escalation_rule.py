from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError

#: conditions evaluated by the SLA watcher (time-based)
TIMED_CONDITIONS = ("deadline_passed", "time_used")


class ComplaintEscalationRule(models.Model):
    """When a complaint climbs the escalation ladder, and what happens then
    (BASE-30, BASE-32).

    A rule has one condition (deadline passed, share of the resolution time
    used, major severity, customer tier, repeat complaint, media or
    regulator involvement) and one or more actions: raise the complaint to
    a level (its people get an activity and a message), reassign it to a
    team / handler, open a crisis case led by senior management.

    Time-based conditions are checked by the SLA watcher; the others when
    the complaint is created or the relevant field changes.  A rule applies
    at most once per complaint (unique escalation log) and a complaint never
    goes back down or climbs twice to the same level.
    """

    _name = "complaint.escalation.rule"
    _inherit = ["complaint.registry.cached"]
    _description = "Complaint Escalation Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty for every company."
    )
    condition = fields.Selection(
        [
            ("deadline_passed", "Resolution deadline passed"),
            ("time_used", "Share of the resolution time used"),
            ("severity_major", "Major complaint"),
            ("customer_tier", "Customer tier"),
            ("repeat", "Repeat complaint"),
            ("media", "Media involvement"),
            ("regulator", "Regulator involvement"),
        ],
        required=True,
        default="deadline_passed",
    )
    threshold_percent = fields.Integer(
        string="Time Used (%)",
        default=80,
        help="For the condition 'Share of the resolution time used': the "
        "rule fires when this percentage of the time is used.",
    )
    customer_tier = fields.Selection(
        selection=lambda self: self.env["res.partner"]
        ._fields["complaint_customer_tier"]
        ._description_selection(self.env),
        string="Tier",
    )
    sector = fields.Selection(
        selection=lambda self: self.env["complaint.complaint"]
        ._fields["sector"]
        ._description_selection(self.env),
        help="Leave empty for every sector.",
    )
    level_id = fields.Many2one(
        "complaint.escalation.level",
        string="Raise to Level",
        ondelete="restrict",
    )
    team_id = fields.Many2one("complaint.team", string="Reassign to Team")
    user_id = fields.Many2one("res.users", string="Reassign to Handler")
    notify = fields.Boolean(
        string="Notify the Level",
        default=True,
        help="Activity and message to the people of the level.",
    )
    open_crisis = fields.Boolean(
        string="Open a Crisis Case",
        help="Mark the complaint as a crisis led by senior management (BASE-32).",
    )

    _sql_constraints = [
        (
            "threshold_range",
            "CHECK(threshold_percent > 0 AND threshold_percent <= 100)",
            "The time-used threshold is a percentage between 1 and 100.",
        ),
    ]

    @api.constrains("condition", "customer_tier")
    def _check_condition(self):
        for rule in self:
            if rule.condition == "customer_tier" and not rule.customer_tier:
                raise ValidationError(
                    _("Choose the customer tier that triggers rule “%s”.", rule.name)
                )

    @api.constrains("condition", "level_id", "team_id", "user_id", "open_crisis")
    def _check_action(self):
        for rule in self:
            if not (rule.level_id or rule.team_id or rule.user_id or rule.open_crisis):
                raise ValidationError(
                    _(
                        "Rule “%s” does nothing: choose a level, a team or handler "
                        "to reassign to, or open a crisis case.",
                        rule.name,
                    )
                )

    # ---------------------------------------------------------- caching
    # (a change clears the cache: ``complaint.registry.cached``)
    @api.model
    def _get_active_rules(self, company_id):
        """Active rules of a company (and the global ones), cached."""
        return self.sudo().browse(self._active_rule_ids(company_id))

    @tools.ormcache("company_id")
    def _active_rule_ids(self, company_id):
        return tuple(
            self.sudo()
            .with_context(active_test=True)
            .search([("company_id", "in", [False, company_id or False])])
            .ids
        )

    # -------------------------------------------------------- evaluation
    def _is_timed(self):
        self.ensure_one()
        return self.condition in TIMED_CONDITIONS

    def _matches(self, complaint, now=None):
        """True when the rule's condition holds for ``complaint``."""
        self.ensure_one()
        if self.sector and self.sector != complaint.sector:
            return False
        now = now or fields.Datetime.now()
        condition = self.condition
        open_ = complaint.state in ("new", "accepted", "in_progress")
        if condition == "deadline_passed":
            return bool(
                open_
                and not complaint.sla_paused
                and complaint.resolution_deadline
                and complaint.resolution_deadline <= now
            )
        if condition == "time_used":
            return bool(
                open_
                and not complaint.sla_paused
                and complaint.resolution_deadline
                and complaint.resolution_deadline > now
                and complaint._sla_time_used_percent(now) >= self.threshold_percent
            )
        if condition == "severity_major":
            return complaint.severity == "major"
        if condition == "customer_tier":
            return bool(self.customer_tier) and complaint.customer_tier == (
                self.customer_tier
            )
        if condition == "repeat":
            return bool(complaint.parent_id)
        if condition == "media":
            return bool(complaint.media_involved)
        if condition == "regulator":
            return bool(complaint.regulator_involved)
        return False

    def _condition_label(self):
        self.ensure_one()
        labels = dict(self._fields["condition"]._description_selection(self.env))
        return labels.get(self.condition, "")

    def _apply(self, complaint):
        """Escalate ``complaint`` by this rule; return the log (or nothing
        when the rule already applied)."""
        self.ensure_one()
        complaint = complaint.sudo()
        Log = self.env["complaint.escalation.log"].sudo()
        if self in complaint.escalation_log_ids.rule_id:
            return Log  # applied before (also guarded by a unique constraint)
        from_level = complaint.escalation_level or 0
        level = self.level_id
        raised = bool(level) and level.level > from_level
        to_level = level.level if raised else from_level
        vals = {}
        if raised:
            vals["escalation_level"] = to_level
        if self.team_id and complaint.team_id != self.team_id:
            vals["team_id"] = self.team_id.id
        if self.user_id and complaint.user_id != self.user_id:
            vals["user_id"] = self.user_id.id
        crisis = self.env["complaint.crisis"]
        if self.open_crisis and not complaint.is_crisis:
            crisis = self._open_crisis(complaint)
            vals["is_crisis"] = True
        if vals:
            complaint.with_context(complaint_sla_recompute=True).write(vals)
        log = Log.create(
            {
                "complaint_id": complaint.id,
                "rule_id": self.id,
                "from_level": from_level,
                "to_level": to_level,
                "level_id": level.id if raised else False,
                "crisis_id": crisis.id or False,
                "note": self.name,
            }
        )
        self._post_escalation(complaint, level if raised else level.browse(), crisis)
        return log

    def _escalation_body(self, level):
        """Chatter text of this rule's escalation to ``level`` (or of the
        rule applied without raising the level)."""
        self.ensure_one()
        if level:
            return _(
                "Escalated to level %(level)s (%(name)s) by rule “%(rule)s”: "
                "%(condition)s.",
                level=level.level,
                name=level.name,
                rule=self.name,
                condition=self._condition_label(),
            )
        return _(
            "Escalation rule “%(rule)s” applied: %(condition)s.",
            rule=self.name,
            condition=self._condition_label(),
        )

    def _post_escalation(self, complaint, level, crisis):
        """Chatter message, activities and mail to the level's people."""
        self.ensure_one()
        body = self._escalation_body(level)
        if crisis:
            body += " " + _("Crisis case %s opened.", crisis.name)
        complaint._notify_escalation(
            body,
            level if self.notify else level.browse(),
            summary=_(
                "Escalated complaint %(name)s (level %(level)s)",
                name=complaint.name,
                level=level.level,
            ),
            subscribe=True,
        )

    def _open_crisis(self, complaint):
        """BASE-32: crisis case led by the senior management level."""
        self.ensure_one()
        Level = self.env["complaint.escalation.level"].sudo()
        senior = (
            self.level_id
            if self.level_id.is_senior_management
            else Level.search(
                [
                    ("is_senior_management", "=", True),
                    ("company_id", "in", [False, complaint.company_id.id]),
                ],
                order="level desc",
                limit=1,
            )
        )
        users = senior._get_notify_users() if senior else self.env["res.users"]
        crisis = (
            self.env["complaint.crisis"]
            .sudo()
            .create(
                {
                    "name": _("Crisis: %s", complaint.display_name),
                    "complaint_id": complaint.id,
                    "level_id": senior.id or False,
                    "leader_id": users[:1].id or False,
                }
            )
        )
        for user in users:
            complaint.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=_("Lead the crisis case of complaint %s", complaint.name),
                note=_(
                    "Media exposure: senior management leads this complaint as a "
                    "crisis case."
                ),
            )
        return crisis
