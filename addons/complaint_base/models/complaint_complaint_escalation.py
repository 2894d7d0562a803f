from odoo import _, fields, models, tools

from .complaint_complaint_deadlines import SLA_NOTES, SLA_OPEN_STATES


class ComplaintComplaint(models.Model):
    """Escalation of a complaint (BASE-30/32): the rule ladder, the
    levels' people told, the crisis flag."""

    _inherit = "complaint.complaint"

    escalation_level = fields.Integer(
        default=0, copy=False, tracking=True, readonly=True
    )
    is_crisis = fields.Boolean(
        string="Crisis",
        copy=False,
        tracking=True,
        readonly=True,
        help="Crisis case led by senior management (BASE-32).",
    )
    escalation_log_ids = fields.One2many(
        "complaint.escalation.log",
        "complaint_id",
        string="Escalations",
        readonly=True,
    )

    def _escalation_trigger_fields(self):
        """Fields whose change re-evaluates the event escalation rules."""
        return {
            "severity",
            "customer_tier",
            "partner_id",
            "parent_id",
            "media_involved",
            "regulator_involved",
        }

    def _pending_warning_rule_percents(self):
        """Thresholds of the active "time used" rules not yet applied."""
        self.ensure_one()
        warn_rules = [
            (rule_id, percent)
            for rule_id, percent, sector in self._sla_warning_rules(self.company_id.id)
            if sector in (False, self.sector)
        ]
        if not warn_rules:
            return []
        done = set(self.escalation_log_ids.rule_id.ids)
        return [percent for rule_id, percent in warn_rules if rule_id not in done]

    @tools.ormcache("company_id")
    def _sla_warning_rules(self, company_id):
        """``(rule id, threshold, sector)`` of the company's active "time
        used" rules (cached: the rules clear the cache when they change),
        so a registration does not read the rules again."""
        rules = self.env["complaint.escalation.rule"]._get_active_rules(company_id)
        return tuple(
            (rule.id, rule.threshold_percent, rule.sector or False)
            for rule in rules
            if rule.condition == "time_used"
        )

    def _escalate_to_level(self, level, reason):
        """Escalate outside the rule ladder (e.g. a sector's own rule such
        as the insurance upgrade by customer class, INS-04): log it, raise
        the level when ``level`` is higher, give the level's people an
        activity and copy them on the chatter message (BASE-30).  Without
        ``level`` only the message is posted."""
        self.ensure_one()
        body = reason
        if level:
            self.env["complaint.escalation.log"].sudo().create(
                {
                    "complaint_id": self.id,
                    "from_level": self.escalation_level or 0,
                    "to_level": max(level.level, self.escalation_level or 0),
                    "level_id": level.id,
                    "note": reason,
                }
            )
            if level.level > (self.escalation_level or 0):
                self.sudo().with_context(complaint_sla_recompute=True).write(
                    {"escalation_level": level.level}
                )
            body = _(
                "%(reason)s Escalated to level %(level)s (%(name)s).",
                reason=reason,
                level=level.level,
                name=level.name,
            )
        self._notify_escalation(
            body, level, summary=_("Escalated complaint %s", self.name), note=reason
        )

    def _notify_escalation(self, body, level, summary, note=None, subscribe=False):
        """Tell the people of escalation ``level`` (BASE-30): an activity for
        each of its users and a chatter message copied to its partners
        (followers too with ``subscribe``).  Without a level, only a note.
        Works on several complaints at once (the activities are created
        together, the notes logged in one batch); ``summary`` may be a
        function of the complaint."""
        partners = self.env["res.partner"]
        if level:
            partners = level._get_notify_partners()
            users = level._get_notify_users()
            if users and self:
                self._sla_schedule_activities(
                    [
                        (rec, user, summary(rec) if callable(summary) else summary)
                        for rec in self
                        for user in users
                    ],
                    note=body if note is None else note,
                )
        if partners and subscribe:
            self.message_subscribe(partner_ids=partners.ids)
        if partners:
            for rec in self:
                rec.message_post(
                    body=body, partner_ids=partners.ids, subtype_xmlid="mail.mt_comment"
                )
        elif self:
            self._sla_note(dict.fromkeys(self.ids, body))

    def _sla_note(self, bodies):
        """Log notes (``{complaint id: text}``); inside a watcher batch they
        are gathered and logged as one note per complaint at its end."""
        notes = self.env.cr.cache.get(SLA_NOTES)
        if notes is None:
            self._message_log_batch(bodies=bodies)
            return
        for rec_id, body in bodies.items():
            notes.setdefault(rec_id, []).append(body)

    def _sla_schedule_activities(self, items, note=None, date_deadline=None):
        """Create to-do activities in one go: ``items`` is a list of
        ``(complaint, user, summary)``; what ``activity_schedule`` does for
        one, without a query per activity."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": rec.id,
                    "activity_type_id": todo.id,
                    "summary": summary,
                    "note": note or "",
                    "user_id": user.id,
                    "date_deadline": date_deadline(rec) if date_deadline else today,
                }
                for rec, user, summary in items
            ]
        )

    def _apply_escalation_rules(self, timed=True, now=None):
        """Apply the escalation rules whose condition holds (BASE-30/32).

        ``timed``: also the time-based rules (deadline passed, time used);
        the event rules (severity, tier, repeat, media, regulator) are
        checked on every relevant write.  Idempotent: a rule is applied at
        most once per complaint (unique log), and a complaint never climbs
        back to a level it already reached.  The rules are taken in their
        order and each is applied to all the complaints it matches at once
        (``_escalate_by_rule``).
        """
        now = now or fields.Datetime.now()
        Rule = self.env["complaint.escalation.rule"]
        candidates = self.filtered(
            lambda r: r.state in SLA_OPEN_STATES or r.state == "resolved"
        )
        by_company = {}
        for rec in candidates:
            by_company.setdefault(rec.company_id.id, []).append(rec.id)
        for company_id, ids in by_company.items():
            recs = self.browse(ids)
            rules = Rule._get_active_rules(company_id)
            if not timed:
                rules = rules.filtered(lambda r: not r._is_timed())
            if not rules:
                continue
            done = {
                rec.id: set(rec.sudo().escalation_log_ids.rule_id.ids) for rec in recs
            }
            for rule in rules:
                matched = recs.browse(
                    rec.id
                    for rec in recs
                    if rule.id not in done[rec.id] and rule._matches(rec, now=now)
                )
                if matched:
                    matched._escalate_by_rule(rule)
                    for rec in matched:
                        done[rec.id].add(rule.id)
        return True

    def _escalate_by_rule(self, rule):
        """Escalate all of ``self`` by ``rule``, as ``rule._apply`` does for
        one complaint, but with one write, one batch of logs, activities and
        notes.  Rules that reassign the complaint or open a crisis case are
        applied one complaint at a time by the rule itself."""
        if rule.team_id or rule.user_id or rule.open_crisis or len(self) == 1:
            for rec in self:
                rule._apply(rec)
            return
        complaints = self.sudo()
        level = rule.level_id
        logs, raised = [], complaints.browse()
        for rec in complaints:
            from_level = rec.escalation_level or 0
            up = bool(level) and level.level > from_level
            if up:
                raised |= rec
            logs.append(
                {
                    "complaint_id": rec.id,
                    "rule_id": rule.id,
                    "from_level": from_level,
                    "to_level": level.level if up else from_level,
                    "level_id": level.id if up else False,
                    "note": rule.name,
                }
            )
        if raised:
            # no tracking message per complaint: the escalation note below
            # names the level reached
            raised.with_context(complaint_sla_recompute=True, mail_notrack=True).write(
                {"escalation_level": level.level}
            )
        self.env["complaint.escalation.log"].sudo().create(logs)
        for group, group_level in ((raised, level), (complaints - raised, None)):
            if not group:
                continue
            group_level = group_level or level.browse()
            group._notify_escalation(
                rule._escalation_body(group_level),
                group_level if rule.notify else group_level.browse(),
                summary=lambda rec, lvl=group_level: rec.env._(
                    "Escalated complaint %(name)s (level %(level)s)",
                    name=rec.name,
                    level=lvl.level,
                ),
                subscribe=True,
            )
