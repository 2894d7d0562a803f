from odoo import fields, models
from odoo.tools import SQL

from ..tools import deadline as dl
from .complaint_sla_target import as_target

#: kind of target -> complaint field (sector addons extend _sla_deadline_field)
BASE_DEADLINE_FIELDS = {
    "acknowledge": "ack_deadline",
    "first_response": "first_response_deadline",
    "resolution": "resolution_deadline",
    "followup": "followup_deadline",
}
#: states in which the resolution clock runs
SLA_OPEN_STATES = ("new", "accepted", "in_progress")
#: key of the per-recomputation memo of policies (and targets) in ``cr.cache``
SLA_POLICY_MEMO = "complaint_sla_policy_memo"
#: key in ``cr.cache`` of the notes a watcher batch logs together
SLA_NOTES = "complaint_sla_notes"


class ComplaintComplaint(models.Model):
    """SLA deadlines of a complaint (DL-1..6, BASE-26/56).

    The pure arithmetic lives in ``tools/deadline.py``; this file only turns
    records into a :class:`~..tools.deadline.WorkCalendar` and targets, and
    stores the results in plain (non-computed) fields.  The clock pauses,
    extensions, escalation and the watcher have their own files.

    Hooks for sector addons (override and call ``super()``):
    ``_sla_trigger_fields``, ``_get_sla_calendar``, ``_get_sla_targets``,
    ``_sla_deadline_field``, ``_sla_deadline_kinds``,
    ``_recompute_sla_deadlines``, ``_get_extension_cap``."""

    _inherit = "complaint.complaint"

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
    deadline_notified = fields.Boolean(
        string="Deadline Told to Complainant",
        copy=False,
        readonly=True,
        help="The complainant was told the resolution date: from then on a "
        "recomputation never brings it forward (DL-6).",
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

    def _auto_init(self):
        res = super()._auto_init()
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

    # ============================================================= hooks

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
        if not policy:
            return {}
        memo = self.env.cr.cache.get(SLA_POLICY_MEMO)
        if memo is None:
            rows = policy._target_rows(policy.id)
        else:  # a batch: one cache lookup per policy
            rows = memo.get(("targets", policy.id))
            if rows is None:
                rows = memo[("targets", policy.id)] = policy._target_rows(policy.id)
        return {
            kind: as_target(amount, unit, start_event, self)
            for kind, amount, unit, start_event in rows
        }

    # ======================================================= computation

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
                # (read only when notified: a new complaint's is empty)
                old = self.deadline_notified and self.resolution_deadline
                if old and (not value or value < old):
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

    def _sla_create_values(self):
        """SLA values of new complaints (``self``: in-memory records built
        from the create values), one dict per record, to be stored by the
        INSERT itself: the registration pass calls it
        (``_prepare_registration``), so that registering a complaint never
        writes it a second time."""
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

    def write(self, vals):
        """Recompute the deadlines (DL-6) and apply the event escalation
        rules when a field they depend on changes."""
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

    # ======================================================== SLA timing

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

    def action_mark_deadline_notified(self):
        """DL-6: the handler told the complainant the resolution date (by
        phone, letter...): from now on it is never brought forward.  Only
        ever set, never unset: a promise cannot be taken back."""
        self._check_group("complaint_base.group_complaint_handler")
        self.filtered(lambda r: not r.deadline_notified)._workflow_write(
            {"deadline_notified": True}
        )
        return True

    def _sla_format_datetime(self, value):
        """A UTC datetime as the complaint's local wall clock, for messages."""
        if not value:
            return "-"
        calendar = self._get_sla_calendar()
        return calendar.to_local(value).strftime("%Y-%m-%d %H:%M")
