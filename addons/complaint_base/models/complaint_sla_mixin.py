import logging
import threading
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import deadline as dl
from ..tools.cron_retry import retry_delay

_logger = logging.getLogger(__name__)

#: kind of target -> complaint field (sector addons extend _sla_deadline_field)
BASE_DEADLINE_FIELDS = {
    "acknowledge": "ack_deadline",
    "first_response": "first_response_deadline",
    "resolution": "resolution_deadline",
    "followup": "followup_deadline",
}
#: states in which the resolution clock runs
SLA_OPEN_STATES = ("new", "accepted", "in_progress")
#: key of the per-recomputation policy memo in ``cr.cache``
SLA_POLICY_MEMO = "complaint_sla_policy_memo"
#: ids handled per transaction by the scheduled actions
CRON_BATCH_SIZE = 500
#: key in ``cr.cache`` of the notes a watcher batch logs together
SLA_NOTES = "complaint_sla_notes"


def _in_test_mode():
    return getattr(threading.current_thread(), "testing", False)


class ComplaintSlaMixin(models.AbstractModel):
    """Deadlines, clock pauses and escalation of a complaint (issue: SLA).

    Kept apart from ``complaint.complaint`` so the SLA engine can be read on
    its own.  The pure arithmetic lives in ``tools/deadline.py``; this mixin
    only turns records into a :class:`~..tools.deadline.WorkCalendar` and
    targets, and stores the results in plain (non-computed) fields.

    Hooks for sector addons (override and call ``super()``):
    ``_sla_trigger_fields``, ``_get_sla_calendar``, ``_get_sla_targets``,
    ``_sla_deadline_field``, ``_recompute_sla_deadlines``,
    ``_get_extension_cap``.  The watcher is ``_cron_check_sla``.
    """

    _name = "complaint.sla.mixin"
    _description = "Complaint SLA Mixin"

    sla_policy_id = fields.Many2one(
        "complaint.sla.policy",
        string="SLA Policy",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The most specific policy that applies to this complaint.",
    )
    ack_deadline = fields.Datetime(
        string="Acknowledge By", index=True, copy=False, readonly=True
    )
    first_response_deadline = fields.Datetime(
        string="First Response By", index=True, copy=False, readonly=True
    )
    resolution_deadline = fields.Datetime(
        string="Resolve By", index=True, copy=False, tracking=True, readonly=True
    )
    followup_deadline = fields.Datetime(
        string="Follow-up By", index=True, copy=False, readonly=True
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        index=True,
        copy=False,
        readonly=True,
        help="The resolution deadline passed while the complaint was open.",
    )
    escalation_level = fields.Integer(
        default=0, copy=False, tracking=True, readonly=True
    )
    sla_paused = fields.Boolean(string="Clock Paused", copy=False, readonly=True)
    deadline_notified = fields.Boolean(
        string="Deadline Told to Complainant",
        copy=False,
        readonly=True,
        help="The complainant was told the resolution date: from then on a "
        "recomputation never brings it forward (DL-6).",
    )
    extension_deadline = fields.Datetime(
        string="Extended To",
        copy=False,
        readonly=True,
        help="Resolution date of the last approved extension.",
    )
    paused_seconds = fields.Float(
        string="Paused Time (s)",
        copy=False,
        readonly=True,
        help="Total duration of the finished clock pauses, in seconds.",
    )
    paused_hours = fields.Float(
        string="Paused Time (h)", compute="_compute_paused_hours"
    )
    sla_warning_sent = fields.Boolean(
        string="SLA Warning Sent", copy=False, readonly=True
    )
    sla_next_check = fields.Datetime(
        string="Next SLA Check",
        copy=False,
        readonly=True,
        help="When the SLA watcher must look at this complaint again (warning "
        "threshold or deadline); empty when nothing is pending.",
    )
    sla_check_failures = fields.Integer(
        string="Failed SLA Checks",
        copy=False,
        readonly=True,
        help="Consecutive failed checks of the SLA watcher; the complaint is "
        "looked at again after a growing delay (BASE-58).",
    )
    followup_reminded = fields.Boolean(
        string="Follow-up Reminder Sent", copy=False, readonly=True
    )
    is_crisis = fields.Boolean(
        string="Crisis",
        copy=False,
        tracking=True,
        readonly=True,
        help="Crisis case led by senior management (BASE-32).",
    )
    sla_pause_ids = fields.One2many(
        "complaint.sla.pause", "complaint_id", string="Clock Pauses", readonly=True
    )
    extension_ids = fields.One2many(
        "complaint.extension", "complaint_id", string="Extensions", readonly=True
    )
    extension_count = fields.Integer(compute="_compute_extension_count")
    last_extension_id = fields.Many2one(
        "complaint.extension",
        compute="_compute_extension_count",
        string="Last Approved Extension",
    )
    escalation_log_ids = fields.One2many(
        "complaint.escalation.log",
        "complaint_id",
        string="Escalations",
        readonly=True,
    )

    def _auto_init(self):
        res = super()._auto_init()
        if self._abstract:
            return res
        # The watcher and the follow-up crons only read due rows: partial
        # indexes keep their cost proportional to what is due.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON %s (sla_next_check) "
                "WHERE sla_next_check IS NOT NULL",
                SQL.identifier(f"{self._table}_sla_next_check_due_idx"),
                SQL.identifier(self._table),
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON %s (followup_deadline) "
                "WHERE followup_done_at IS NULL AND state IN ('resolved', 'review')",
                SQL.identifier(f"{self._table}_followup_due_idx"),
                SQL.identifier(self._table),
            )
        )
        return res

    # ------------------------------------------------------------ computes
    def _compute_paused_hours(self):
        for rec in self:
            rec.paused_hours = (rec.paused_seconds or 0.0) / 3600.0

    def _compute_extension_count(self):
        for rec in self:
            rec.extension_count = len(rec.extension_ids)
            approved = rec.extension_ids.filtered(lambda e: e.state == "approved")
            rec.last_extension_id = approved.sorted(
                lambda e: (e.approved_at or e.create_date, e.id)
            )[-1:]

    # ============================================================== hooks
    def _sla_trigger_fields(self):
        """Fields whose change recomputes the deadlines (DL-6)."""
        return {
            "received_at",
            "category_id",
            "severity",
            "channel_id",
            "sector",
            "company_id",
            "customer_tier",
            "partner_id",
            "state",
            "resolved_at",
            "accepted_at",
        }

    def _get_sla_calendar(self):
        """The working calendar of the complaint's company (cached)."""
        company = self[:1].company_id or self.env.company
        return company._get_complaint_calendar()

    def _sla_deadline_field(self, kind):
        """Complaint field that stores the deadline of target ``kind``."""
        return BASE_DEADLINE_FIELDS.get(kind)

    def _sla_deadline_kinds(self):
        """Every kind of target (base and sector ``selection_add``), so that a
        deadline whose target disappeared is cleared."""
        kinds = self.env["complaint.sla.target"]._fields["kind"].get_values(self.env)
        return list(dict.fromkeys([*BASE_DEADLINE_FIELDS, *kinds]))

    def _sla_policy_key(self):
        """The complaint values a policy's conditions look at: complaints
        with the same key get the same policy (see ``_match_score``)."""
        self.ensure_one()
        return (
            self.company_id.id,
            self.sector,
            self.category_id.id,
            self.severity,
            self.channel_id.id,
            self.customer_tier,
        )

    def _get_sla_policy(self):
        """The most specific policy; during a recomputation the result is
        remembered per ``_sla_policy_key`` so a batch pays one lookup per
        distinct key."""
        self.ensure_one()
        memo = self.env.cr.cache.get(SLA_POLICY_MEMO)
        if memo is None:
            return self.env["complaint.sla.policy"]._find_for_complaint(self)
        key = self._sla_policy_key()
        if key not in memo:
            memo[key] = self.env["complaint.sla.policy"]._find_for_complaint(self)
        return memo[key]

    def _get_sla_targets(self):
        """``{kind: {"amount", "unit", "start"}}`` of the best policy."""
        self.ensure_one()
        policy = self._get_sla_policy()
        return {
            target.kind: target._as_target(self) for target in policy.sudo().target_ids
        }

    def _get_sla_pauses(self, start):
        """Finished pauses that started at or after ``start`` (the start of
        a target's clock): ``(seconds, working days, calendar days)``."""
        self.ensure_one()
        seconds, days, calendar_days = 0.0, 0, 0
        calendar = None
        for pause in self.sla_pause_ids:
            if not pause.end or pause.start < start:
                continue
            seconds += pause.duration_seconds
            if calendar is None:
                calendar = self._get_sla_calendar()
            first = calendar.to_local(pause.start).date()
            last = calendar.to_local(pause.end).date()
            days += calendar.working_days_between(first, last)
            calendar_days += (last - first).days
        return seconds, max(days, 0), max(calendar_days, 0)

    def _add_sla_pause(self, deadline, unit, start, calendar, amount=None):
        """Push ``deadline`` by the paused time counted in the target's own
        unit (BASE-56): working days for working-day targets, calendar days
        for calendar-day targets (the paused days do not count, then DL-3
        rolls the last day to a working day), the exact seconds for clock
        units.  ``amount`` is the target's amount (needed for calendar days,
        so that the roll to a working day happens once, at the end)."""
        seconds, days, calendar_days = self._get_sla_pauses(start)
        if unit == "working_days":
            return dl.add_pause(deadline, paused_working_days=days, calendar=calendar)
        if unit == "calendar_days":
            if not calendar_days or amount is None:
                return deadline
            return dl.compute_deadline(start, amount + calendar_days, unit, calendar)
        return dl.add_pause(deadline, paused_seconds=seconds)

    def _compute_sla_values(self):
        """Values of the SLA fields for one complaint (nothing written)."""
        self.ensure_one()
        calendar = self._get_sla_calendar()
        policy = self._get_sla_policy()
        targets = self._get_sla_targets()
        vals = {"sla_policy_id": policy.id or False}
        kinds = list(dict.fromkeys(self._sla_deadline_kinds() + list(targets)))
        for kind in kinds:
            fname = self._sla_deadline_field(kind)
            if not fname or fname not in self._fields:
                continue
            target = targets.get(kind)
            value = False
            if target and target.get("start"):
                start = fields.Datetime.to_datetime(target["start"])
                value = dl.compute_deadline(
                    start, target["amount"], target["unit"], calendar
                )
                value = self._add_sla_pause(
                    value, target["unit"], start, calendar, amount=target["amount"]
                )
            if kind == "resolution":
                if self.extension_deadline and (
                    not value or self.extension_deadline > value
                ):
                    value = self.extension_deadline
                old = self.resolution_deadline
                if self.deadline_notified and old and (not value or value < old):
                    value = old  # DL-6: never shorten a promised date
            vals[fname] = value
        vals["paused_seconds"] = sum(
            p.duration_seconds for p in self.sla_pause_ids if p.end
        )
        return vals

    def _recompute_sla_deadlines(self):
        """Recompute every deadline (DL-6) and write only what changed.

        Complaints whose changes are identical (a batch registered together
        under the same policy) are written together, in one UPDATE.
        """
        now = fields.Datetime.now()
        groups = {}
        own_memo = SLA_POLICY_MEMO not in self.env.cr.cache
        if own_memo:
            self.env.cr.cache[SLA_POLICY_MEMO] = {}
        try:
            self._recompute_sla_deadlines_collect(now, groups)
        finally:
            if own_memo:
                self.env.cr.cache.pop(SLA_POLICY_MEMO, None)
        for key, recs in groups.items():
            recs.with_context(complaint_sla_recompute=True).sudo().write(dict(key))
        return True

    def _recompute_sla_deadlines_collect(self, now, groups):
        """Compute each complaint's changed SLA values into ``groups``
        (changed values -> complaints)."""
        for rec in self:
            vals = rec._compute_sla_values()
            new_resolution = vals.get("resolution_deadline", rec.resolution_deadline)
            if rec.is_overdue and new_resolution and new_resolution > now:
                # the deadline moved into the future (extension, new target)
                vals["is_overdue"] = False
                vals["sla_warning_sent"] = False
            rec_vals = {**vals}
            rec_vals["sla_next_check"] = rec._sla_next_check_value(rec_vals, now=now)
            changed = {
                key: value
                for key, value in rec_vals.items()
                if rec._sla_value_differs(key, value)
            }
            if changed:
                key = tuple(sorted(changed.items()))
                groups[key] = groups.get(key, self.browse()) | rec

    def _sla_value_differs(self, fname, value):
        current = self[fname]
        if isinstance(current, models.BaseModel):
            return current.id != (value or False)
        return (current or False) != (value or False)

    def _notify_extension_approved(self, extension):
        """Tell the complainant the new date and the reason (BASE-26).

        Base: the bilingual e-mail template, or a note asking the handler to
        phone or write when there is no e-mail address.  Sector addons with
        their own notices (banking, BANK-02) override this.
        """
        self.ensure_one()
        template = self.env.ref(
            "complaint_base.mail_template_complaint_extension",
            raise_if_not_found=False,
        )
        if template and (self.partner_id or self.email):
            self.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
            return
        self.message_post(
            body=_(
                "Extension approved: resolve by %(new)s. Reason: "
                "%(reason)s. No e-mail address: tell the complainant by "
                "phone or letter.",
                new=self._sla_format_datetime(extension.requested_deadline),
                reason=extension.reason,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _get_extension_cap(self):
        """``(amount, unit)``: longest total resolution time, counted from
        receipt, that extensions may reach; ``None``: no cap.  Banking
        overrides this per regulation profile."""
        self.ensure_one()
        policy = self.sla_policy_id or self._get_sla_policy()
        return policy._get_extension_cap() if policy else None

    def _format_extension_cap(self):
        """The cap as an officer reads it, e.g. "60 working days"."""
        self.ensure_one()
        cap = self._get_extension_cap()
        if not cap:
            return ""
        amount, unit = cap
        units = dict(
            self.env["complaint.sla.target"]
            ._fields["unit"]
            ._description_selection(self.env)
        )
        if isinstance(amount, float) and amount.is_integer():
            amount = int(amount)
        return f"{amount} {units.get(unit, unit)}"

    def _get_extension_limit_deadline(self):
        """Latest resolution date extensions may reach (naive UTC) or
        ``None``."""
        self.ensure_one()
        cap = self._get_extension_cap()
        if not cap:
            return None
        amount, unit = cap
        calendar = self._get_sla_calendar()
        limit = dl.compute_deadline(self.received_at, amount, unit, calendar)
        return self._add_sla_pause(
            limit, unit, self.received_at, calendar, amount=amount
        )

    # ====================================================== create / write
    def _sla_create_values(self):
        """SLA values of new complaints (``self``: in-memory records built
        from the create values), one dict per record, to be stored by the
        INSERT itself: a model using this mixin calls it from its create
        (``complaint.complaint`` does it in ``_workflow_create_values``), so
        that registering a complaint never writes it a second time."""
        now = fields.Datetime.now()
        own_memo = SLA_POLICY_MEMO not in self.env.cr.cache
        if own_memo:
            self.env.cr.cache[SLA_POLICY_MEMO] = {}
        try:
            result = []
            for rec in self:
                vals = rec._compute_sla_values()
                vals["sla_next_check"] = rec._sla_next_check_value(vals, now=now)
                result.append(vals)
            return result
        finally:
            if own_memo:
                self.env.cr.cache.pop(SLA_POLICY_MEMO, None)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not self._abstract:
            # the deadlines came with the values (_sla_create_values); the
            # event rules (severity, tier, repeat, media, regulator) need the
            # record's id for their log: most registrations match none
            records._apply_escalation_rules(timed=False)
        return records

    def write(self, vals):
        res = super().write(vals)
        # the engine's own writes skip the recomputation; the flag is only
        # honoured as superuser, since any RPC caller controls the context
        if self.env.context.get("complaint_sla_recompute") and self.env.su:
            return res
        if self._sla_trigger_fields() & set(vals):
            self._recompute_sla_deadlines()
        if self._escalation_trigger_fields() & set(vals):
            self._apply_escalation_rules(timed=False)
        return res

    # ========================================================= SLA timing
    def _sla_warning_threshold(self):
        """Percentage of the resolution time after which the handler is
        warned (company setting, default 80)."""
        self.ensure_one()
        return self.company_id.complaint_sla_warning_threshold or 80

    def _sla_time_used_at(self, percent, deadline=None):
        """Moment at which ``percent`` % of the resolution time is used."""
        self.ensure_one()
        deadline = deadline or self.resolution_deadline
        if not deadline or not self.received_at:
            return None
        span = deadline - self.received_at
        moment = self.received_at + span * (percent / 100.0)
        return moment.replace(microsecond=0)

    def _sla_time_used_percent(self, now=None):
        self.ensure_one()
        now = now or fields.Datetime.now()
        if not self.resolution_deadline or not self.received_at:
            return 0.0
        # the deadline already includes the pauses: the share is measured on
        # the same span as _sla_time_used_at
        total = (self.resolution_deadline - self.received_at).total_seconds()
        if total <= 0:
            return 100.0
        used = (now - self.received_at).total_seconds()
        return max(0.0, used * 100.0 / total)

    def _sla_next_check_value(self, vals=None, now=None):
        """Next moment the watcher must look at this complaint: the warning
        threshold or the resolution deadline, whichever comes first and is
        still pending; ``False`` when nothing is pending (closed, paused)."""
        self.ensure_one()
        vals = vals or {}

        def get(name):
            return vals[name] if name in vals else self[name]

        if get("state") not in SLA_OPEN_STATES or get("sla_paused"):
            return False
        deadline = get("resolution_deadline")
        if not deadline:
            return False
        candidates = []
        if not get("is_overdue"):
            candidates.append(deadline)
        if not get("sla_warning_sent"):
            warn = self._sla_time_used_at(self._sla_warning_threshold(), deadline)
            if warn:
                candidates.append(warn)
        for percent in self._pending_warning_rule_percents():
            at = self._sla_time_used_at(percent, deadline)
            if at:
                candidates.append(at)
        return min(candidates) if candidates else False

    # =========================================================== pausing
    def action_pause_sla(self, reason="waiting_complainant", note=False):
        """BASE-56: stop the SLA clock (waiting for the complainant, an
        external appraisal, mediation...)."""
        if isinstance(reason, dict):  # called from a button with a context
            reason = "waiting_complainant"
        self._check_group("complaint_base.group_complaint_handler")
        Pause = self.env["complaint.sla.pause"].sudo()
        now = fields.Datetime.now()
        for rec in self:
            if rec.sla_paused:
                raise UserError(
                    _("The clock of complaint %s is already paused.", rec.name)
                )
            if rec.state not in SLA_OPEN_STATES:
                raise UserError(
                    _(
                        "Complaint %s is no longer open: its clock cannot be "
                        "paused.",
                        rec.name,
                    )
                )
            Pause.create(
                {"complaint_id": rec.id, "reason": reason, "start": now, "note": note}
            )
            rec.check_access("write")
            rec.sudo().with_context(complaint_sla_recompute=True).write(
                {"sla_paused": True, "sla_next_check": False}
            )
            reason_label = dict(
                Pause._fields["reason"]._description_selection(self.env)
            )
            rec.message_post(
                body=_(
                    "SLA clock paused: %(reason)s.", reason=reason_label.get(reason)
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_resume_sla(self):
        """BASE-56: restart the clock; the deadlines move by the paused time."""
        self._check_group("complaint_base.group_complaint_handler")
        now = fields.Datetime.now()
        for rec in self:
            pause = rec.sla_pause_ids.filtered(lambda p: not p.end)
            if not rec.sla_paused or not pause:
                raise UserError(_("The clock of complaint %s is not paused.", rec.name))
            rec.check_access("write")
            pause.sudo().write({"end": now})
            rec.sudo().with_context(complaint_sla_recompute=True).write(
                {"sla_paused": False}
            )
            rec.sudo()._recompute_sla_deadlines()
            rec.message_post(
                body=_(
                    "SLA clock resumed after %(hours).1f hours; resolution "
                    "deadline now %(deadline)s.",
                    hours=sum(pause.mapped("duration_seconds")) / 3600.0,
                    deadline=rec._sla_format_datetime(rec.resolution_deadline),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_mark_deadline_notified(self):
        """DL-6: the handler told the complainant the resolution date (by
        phone, letter...): from now on it is never brought forward.  Only
        ever set, never unset: a promise cannot be taken back."""
        self._check_group("complaint_base.group_complaint_handler")
        self.filtered(lambda r: not r.deadline_notified)._workflow_write(
            {"deadline_notified": True}
        )
        return True

    def action_open_pause_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Pause the SLA Clock"),
            "res_model": "complaint.sla.pause.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_open_extension_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Request an Extension"),
            "res_model": "complaint.extension",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "complaint_base.complaint_extension_view_form_wizard"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_view_extensions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Extensions"),
            "res_model": "complaint.extension",
            "view_mode": "list,form",
            "domain": [("complaint_id", "=", self.id)],
            "context": {"default_complaint_id": self.id},
        }

    def _sla_format_datetime(self, value):
        """A UTC datetime as the complaint's local wall clock, for messages."""
        if not value:
            return "-"
        calendar = self._get_sla_calendar()
        return calendar.to_local(value).strftime("%Y-%m-%d %H:%M")

    # ========================================================= escalation
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

    # ========================================================== watchers
    def _sla_due_ids(self, now, limit=CRON_BATCH_SIZE):
        """Ids of the complaints whose next SLA check is due (uses the
        partial index on ``sla_next_check``)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE sla_next_check IS NOT NULL "
                "AND sla_next_check <= %s ORDER BY sla_next_check, id LIMIT %s "
                "FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                now,
                limit,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _cron_each(self, method, label):
        """Run ``method`` on each record in its own savepoint (BASE-58): a
        record that fails is logged with its number and skipped for this
        run (the next run tries again); the others go on.  Returns the
        records that failed."""
        failed = self.browse()
        for rec in self:
            try:
                with self.env.cr.savepoint():
                    method(rec)
            except Exception:
                _logger.exception(
                    "%s: complaint %s (id %s) failed; retried at the next run",
                    label,
                    rec.name,
                    rec.id,
                )
                failed |= rec
        return failed

    def _sla_commit(self):
        """Commit a finished batch (not in tests: they run in one
        transaction)."""
        if not _in_test_mode():
            self.env.cr.commit()  # pylint: disable=invalid-commit

    @api.model
    def _cron_check_sla(self, batch_size=CRON_BATCH_SIZE, now=None):
        """SLA watcher (scheduled action).

        Reads only the due rows (``sla_next_check <= now``, partial index),
        in batches of ``batch_size`` locked with ``FOR UPDATE SKIP LOCKED``
        and committed one by one; each complaint gets its warning (threshold
        reached), its overdue flag (deadline passed) and its escalation
        rules, then its next check time.  Running it twice does nothing the
        second time.
        """
        now = now or fields.Datetime.now()
        processed = 0
        seen = set()
        while True:
            ids = [i for i in self._sla_due_ids(now, batch_size) if i not in seen]
            if not ids:
                break
            seen.update(ids)
            self.browse(ids).sudo()._sla_check_batch(now)
            processed += len(ids)
            self.env["ir.cron"]._notify_progress(done=processed, remaining=0)
            self._sla_commit()
        return processed

    def _sla_check_batch(self, now):
        """Check a batch of due complaints (BASE-58): all together first, in
        one savepoint (``_sla_check_records``: one UPDATE of flags and next
        checks, notes and activities created in batches).  When that fails,
        each complaint is checked alone in its own savepoint: the bad one is
        logged with its number and looked at again later (back-off), the
        rest of the batch goes on."""
        try:
            with self.env.cr.savepoint():
                self._sla_check_records(now)
            return
        except Exception:
            _logger.warning(
                "SLA watcher: %s complaints could not be checked together; "
                "checking them one by one",
                len(self),
                exc_info=True,
            )
        for rec in self:
            try:
                with self.env.cr.savepoint():
                    rec._sla_check_records(now)
            except Exception:
                _logger.exception(
                    "SLA watcher: complaint %s (id %s) failed; retried later",
                    rec.name,
                    rec.id,
                )
                rec._sla_check_failed(now)

    def _sla_check_failed(self, now):
        """Put a failed complaint back in the queue after a growing delay
        (5 min, 10 min, 20 min... at most a day), in plain SQL so that the
        cause of the failure cannot fail this too."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET sla_check_failures = COALESCE(sla_check_failures, 0) + 1"
                " WHERE id = %s RETURNING sla_check_failures",
                SQL.identifier(self._table),
                self.id,
            )
        )
        failures = self.env.cr.fetchone()[0]
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET sla_next_check = %s WHERE id = %s",
                SQL.identifier(self._table),
                now + retry_delay(failures),
                self.id,
            )
        )
        self.invalidate_recordset(["sla_next_check", "sla_check_failures"])

    def _sla_check_records(self, now):
        """Warning, overdue flag, escalation rules and next check time of
        the due complaints ``self``: the warnings and overdue notes are
        logged in batches, the flags and next check times written in one
        UPDATE at the end."""
        active = self.filtered(
            lambda r: r.state in SLA_OPEN_STATES and not r.sla_paused
        )
        warn = active.filtered(
            lambda r: not r.sla_warning_sent
            and r.resolution_deadline
            and r.resolution_deadline > now
            and r._sla_time_used_percent(now) >= r._sla_warning_threshold()
        )
        overdue = active.filtered(
            lambda r: r.resolution_deadline
            and r.resolution_deadline <= now
            and not r.is_overdue
        )
        own_notes = SLA_NOTES not in self.env.cr.cache
        if own_notes:
            self.env.cr.cache[SLA_NOTES] = {}
        try:
            self._sla_check_flags(now, active, warn, overdue)
        finally:
            notes = self.env.cr.cache.pop(SLA_NOTES, {}) if own_notes else {}
        if notes:
            self.browse(notes)._message_log_batch(
                bodies={
                    rec_id: Markup("<br/>").join(parts)
                    for rec_id, parts in notes.items()
                }
            )

    def _sla_check_flags(self, now, active, warn, overdue):
        """Notes, escalation rules, then flags and next checks in one
        UPDATE (see ``_sla_check_records``)."""
        flags = {rec.id: {} for rec in self}
        if warn:
            warn._sla_send_warning()
        if overdue:
            overdue._sla_note(
                {
                    rec.id: rec.env._(
                        "Resolution deadline %s passed: the complaint is overdue.",
                        rec._sla_format_datetime(rec.resolution_deadline),
                    )
                    for rec in overdue
                }
            )
        for rec in warn:
            flags[rec.id]["sla_warning_sent"] = True
        for rec in overdue:
            flags[rec.id].update(is_overdue=True, sla_warning_sent=True)
        active._apply_escalation_rules(timed=True, now=now)
        rows = []
        for rec in self:
            vals = flags[rec.id]
            if rec in active:
                next_check = rec._sla_next_check_value(vals, now=now)
                if next_check and next_check <= now:
                    # a warning rule whose threshold is reached but which did
                    # not apply (e.g. its other conditions fail): look again
                    # at the deadline only
                    overdue_now = vals.get("is_overdue", rec.is_overdue)
                    deadline = rec.resolution_deadline
                    next_check = (
                        deadline if not overdue_now and deadline > now else False
                    )
            else:
                next_check = False
            rows.append(
                {
                    "is_overdue": vals.get("is_overdue", rec.is_overdue),
                    "sla_warning_sent": vals.get(
                        "sla_warning_sent", rec.sla_warning_sent
                    ),
                    "sla_next_check": next_check or None,
                    "sla_check_failures": 0,
                }
            )
        if not rows:
            return
        names = [*rows[0], "write_date", "write_uid"]
        self.flush_recordset()
        self._write_multi(rows)  # one UPDATE for the whole batch
        self.invalidate_recordset(names)
        self.modified(names)

    def _sla_send_warning(self):
        """Warn the handlers that most of the resolution time is used: an
        activity for the handler (or the team leader) and a note, for all
        of ``self`` at once."""
        items = []
        for rec in self:
            user = rec.user_id or rec.team_id.leader_id
            if user:
                items.append(
                    (
                        rec,
                        user,
                        _(
                            "Complaint %(name)s: resolve by %(deadline)s",
                            name=rec.name,
                            deadline=rec._sla_format_datetime(rec.resolution_deadline),
                        ),
                    )
                )
        if items:
            self._sla_schedule_activities(
                items, date_deadline=lambda rec: rec.resolution_deadline.date()
            )
        self._sla_note(
            {
                rec.id: rec.env._(
                    "SLA warning: %(percent)s%% of the resolution time is used; "
                    "resolve by %(deadline)s.",
                    percent=rec._sla_warning_threshold(),
                    deadline=rec._sla_format_datetime(rec.resolution_deadline),
                )
                for rec in self
            }
        )

    @api.model
    def _cron_followup_reminder(self, batch_size=CRON_BATCH_SIZE, now=None):
        """BASE-41: remind the handler when the follow-up visit is late."""
        now = now or fields.Datetime.now()
        processed = 0
        failed = []
        while True:
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE followup_done_at IS NULL "
                    "AND state IN ('resolved', 'review') "
                    "AND followup_deadline <= %s AND NOT COALESCE(followup_reminded, "
                    "false) AND id != ALL(%s) ORDER BY followup_deadline, id LIMIT %s "
                    "FOR UPDATE SKIP LOCKED",
                    SQL.identifier(self._table),
                    now,
                    failed or [0],
                    batch_size,
                )
            )
            ids = [row[0] for row in self.env.cr.fetchall()]
            if not ids:
                break
            bad = (
                self.browse(ids)
                .sudo()
                ._cron_each(lambda rec: rec._followup_remind(), "Follow-up reminder")
            )
            failed += bad.ids
            processed += len(ids) - len(bad)
            self._sla_commit()
        return processed

    def _followup_remind(self):
        self.ensure_one()
        user = self.user_id or self.team_id.leader_id
        if user:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(self),
                user_id=user.id,
                summary=_("Follow-up visit of %s is late", self.name),
                note=_(
                    "The follow-up visit was due by %s. Call the "
                    "complainant and record the answer.",
                    self._sla_format_datetime(self.followup_deadline),
                ),
            )
        self.with_context(complaint_sla_recompute=True).write(
            {"followup_reminded": True}
        )

    @api.model
    def _cron_autoclose_no_answer(self, batch_size=CRON_BATCH_SIZE, now=None):
        """Close resolved complaints whose follow-up got no answer.

        A complaint resolved, with its follow-up deadline passed for more
        than the company's "auto-close after" days and no follow-up
        recorded, is set to "no answer" and closed by
        :meth:`_close_no_answer`.  Companies with 0 days never auto-close.
        """
        now = now or fields.Datetime.now()
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("complaint_autoclose_days", ">", 0)])
        )
        processed = 0
        failed = []
        for company in companies:
            limit_date = now - timedelta(days=company.complaint_autoclose_days)
            days = company.complaint_autoclose_days
            while True:
                self.env.flush_all()
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE followup_done_at IS NULL "
                        "AND state IN ('resolved', 'review') AND company_id = %s "
                        "AND followup_deadline <= %s AND id != ALL(%s) "
                        "ORDER BY followup_deadline, id LIMIT %s FOR UPDATE SKIP LOCKED",
                        SQL.identifier(self._table),
                        company.id,
                        limit_date,
                        failed or [0],
                        batch_size,
                    )
                )
                ids = [row[0] for row in self.env.cr.fetchall()]
                if not ids:
                    break
                bad = (
                    self.browse(ids)
                    .sudo()
                    ._cron_each(
                        lambda rec, days=days: rec._close_no_answer(days), "Auto-close"
                    )
                )
                failed += bad.ids
                processed += len(ids) - len(bad)
                self._sla_commit()
        return processed

    def _close_no_answer(self, days):
        """Close without a reviewer: the scheduled action's own path.

        ``action_close`` requires the Reviewer group and a follow-up; here
        the complainant never answered the follow-up, so the complaint is
        closed with ``complainant_acceptance = 'no_answer'`` and a chatter
        note explaining why.  Only the auto-close cron calls this method.
        """
        now = fields.Datetime.now()
        for rec in self.sudo():
            rec.write(
                {
                    "complainant_acceptance": "no_answer",
                    "state": "closed",
                    "closed_at": now,
                }
            )
            rec.message_post(
                body=_(
                    "Closed automatically: the complainant did not answer the "
                    "follow-up within %s days after the follow-up date.",
                    days,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
