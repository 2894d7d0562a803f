from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, split_every

from ..tools import sla_status as st
from .complaint_sla_target import target_start

#: target kind -> complaint fields whose (earliest) moment reaches it
STATUS_EVENT_FIELDS = {
    "acknowledge": ("accepted_at",),
    "first_response": ("contacted_at", "reply_at"),
    "resolution": ("resolved_at",),
    "followup": ("followup_done_at",),
}
#: states in which an unreached target no longer applies
ENDED_STATES = ("closed", "invalid")
#: states that leave the SLA statistics altogether (BASE-15/16)
EXCLUDED_STATES = ("withdrawn", "merged")
#: targets whose warning the complaint's own watcher already sends
WARNED_ELSEWHERE = ("resolution",)
#: the upgrade creates the statuses of the complaints still open or
#: received within this many days (the SLA report's usual horizon)
BACKFILL_DAYS = 400
#: key in ``cr.cache`` of the complaints whose statuses were synced in the
#: transaction (the others, just created, have none: no search for them)
SYNCED = "complaint_sla_status_synced"


class ComplaintComplaint(models.Model):
    """Keeps one ``complaint.sla.status`` per SLA target (BASE-27).

    Hooks for sector addons: ``_sla_status_event_fields(kind)`` (the
    complaint fields whose moment reaches a target; a kind without event
    fields is not watched, since it could never be met) and
    ``_sla_status_kinds()``.  The deadline of a kind comes from the
    existing ``_sla_deadline_field(kind)`` / ``_sla_deadline_kinds()``.
    """

    _inherit = "complaint.complaint"

    sla_status_ids = fields.One2many(
        "complaint.sla.status", "complaint_id", string="SLA Targets", readonly=True
    )

    # ============================================================== hooks
    def _sla_status_event_fields(self, kind):
        """Complaint fields whose earliest moment reaches target ``kind``."""
        return STATUS_EVENT_FIELDS.get(kind, ())

    def _sla_status_kinds(self):
        """Watched kinds: a deadline field and at least one event."""
        kinds = []
        for kind in self._sla_deadline_kinds():
            fname = self._sla_deadline_field(kind)
            events = self._sla_status_event_fields(kind)
            if (
                fname in self._fields
                and events
                and all(e in self._fields for e in events)
            ):
                kinds.append(kind)
        return kinds

    def _sla_status_trigger_fields(self):
        names = {"state", "sla_paused", "received_at", "sla_policy_id"}
        for kind in self._sla_status_kinds():
            names.add(self._sla_deadline_field(kind))
            names.update(self._sla_status_event_fields(kind))
        return names

    def _sla_status_phase(self):
        if self.state in EXCLUDED_STATES:
            return st.PHASE_EXCLUDED
        if self.state in ENDED_STATES:
            return st.PHASE_ENDED
        return st.PHASE_OPEN

    def _sla_status_reached_at(self, kind):
        moments = [self[f] for f in self._sla_status_event_fields(kind) if self[f]]
        return min(moments) if moments else None

    def _sla_status_starts(self):
        """``{kind: clock start}`` from the complaint's policy."""
        policy = self.sla_policy_id
        if not policy:
            return {}
        return {
            kind: target_start(start_event, self)
            for kind, _amount, _unit, start_event in policy._target_rows(policy.id)
        }

    # ========================================================== syncing
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._sla_status_sync(created=True)
        return records

    def write(self, vals):
        res = super().write(vals)
        if self._sla_status_trigger_fields() & set(vals):
            self._sla_status_sync()
        return res

    @api.model
    def _sla_status_backfill(self, batch_size=1000):
        """Statuses of the complaints registered before their targets were
        watched (called by the module's data on install and upgrade; only
        complaints without any status are looked at)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT c.id FROM complaint_complaint c WHERE NOT EXISTS "
                "(SELECT 1 FROM complaint_sla_status s WHERE s.complaint_id = c.id) "
                "AND (c.state IN ('new', 'accepted', 'in_progress', 'resolved', "
                "'review') OR c.received_at >= %s) ORDER BY c.id",
                fields.Datetime.now() - timedelta(days=BACKFILL_DAYS),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        for batch in split_every(batch_size, ids):
            self.browse(batch).sudo()._sla_status_sync()
            self.env.invalidate_all()
        return len(ids)

    def _sla_status_sync(self, now=None, watcher=False, created=False):
        """Bring the statuses of ``self`` in step with their deadlines and
        events; returns the watcher's events ``[(status, "failed"|"warn")]``
        (only ``watcher`` fails a target by time or warns).  ``created``:
        ``self`` was just inserted, so the complaints not synced yet in this
        transaction have no status to look up."""
        complaints = self.sudo() if created else self.sudo().exists()
        if not complaints:
            return []
        now = now or fields.Datetime.now()
        Status = self.env["complaint.sla.status"].sudo().with_context(active_test=False)
        synced = self.env.cr.cache.setdefault(SYNCED, set())
        known = complaints.filtered(lambda c: c.id in synced) if created else complaints
        existing = (
            Status.search([("complaint_id", "in", known.ids)]) if known else Status
        )
        synced.update(complaints.ids)
        by_key = {(s.complaint_id.id, s.target_kind): s for s in existing}
        kinds = complaints[:1]._sla_status_kinds()
        creates, events = [], []
        for rec in complaints:
            context = {
                "phase": rec._sla_status_phase(),
                "starts": rec._sla_status_starts(),
                "percent": rec._sla_warning_threshold(),
            }
            for kind in kinds:
                status = by_key.get((rec.id, kind))
                vals, event = rec._sla_status_values(
                    kind, status, context, now, watcher
                )
                if vals is None:
                    continue
                if not status:
                    creates.append(dict(vals, complaint_id=rec.id, target_kind=kind))
                    continue
                changed = {k: v for k, v in vals.items() if status[k] != v}
                if changed:
                    status.write(changed)
                if event:
                    events.append((status, event))
        if created:
            # a new complaint's rows: one plain INSERT, the same rows
            Status._insert_new(creates)
        elif creates:
            Status.create(creates)
        return events

    def _sla_status_values(self, kind, status, context, now, watcher):
        """``(values, event)`` of the status of target ``kind`` (``None``
        values: no record needed)."""
        deadline = self[self._sla_deadline_field(kind)] or None
        if not status and not deadline:
            return None, None
        reached = self._sla_status_reached_at(kind)
        current = status.status if status else None
        new, active = st.evaluate(
            deadline=deadline,
            reached_at=reached,
            current=current,
            paused=self.sla_paused,
            phase=context["phase"],
            now=now,
            watcher=watcher,
        )
        start = context["starts"].get(kind) or self.received_at
        warn_at = None
        if kind not in WARNED_ELSEWHERE:
            warn_at = st.warning_at(start, deadline, context["percent"])
        warned = bool(status and status.warned)
        if status and status.deadline != deadline and warn_at and warn_at > now:
            warned = False  # a new deadline gets its own warning
        event = None
        if watcher and new == st.FAILED and current != st.FAILED and not reached:
            event, warned = "failed", True
        elif watcher and st.warning_due(new, active, deadline, warn_at, warned, now):
            event, warned = "warn", True
        failed_at = status.failed_at if status else False
        if new == st.FAILED and current != st.FAILED:
            failed_at = reached or now
        elif new != st.FAILED:
            failed_at = False
        values = {
            "deadline": deadline or False,
            "start_at": start or False,
            "reached_at": reached or False,
            "status": new,
            "active": active,
            "warned": warned,
            "next_check": st.next_check(new, active, deadline, warn_at, warned)
            or False,
            "failed_at": failed_at or False,
            "check_failures": 0,
        }
        return values, event

    # ========================================================== notices
    def _sla_status_notify(self, events, now):
        """Warn the handler before a breach (an activity due on the
        deadline's day), log the missed targets (one note per complaint),
        then apply the escalation rules to the complaints with a missed
        target.  Written in the language of ``self``'s context."""
        if not events:
            return
        labels = dict(self.env["complaint.sla.status"]._selection_target_kind())
        missed, escalate = {}, self.browse()
        for status, event in events:
            complaint = self.browse(status.complaint_id.id)
            label = labels.get(status.target_kind, status.target_kind)
            deadline = complaint._sla_format_datetime(status.deadline)
            if event == "warn":
                complaint._sla_status_warn(status, label, deadline)
                continue
            escalate |= complaint
            if status.target_kind not in WARNED_ELSEWHERE:
                missed.setdefault(complaint.id, []).append(
                    self.env._(
                        "SLA target missed: %(target)s was due by %(deadline)s.",
                        target=label,
                        deadline=deadline,
                    )
                )
        if missed:
            self.browse(list(missed))._message_log_batch(
                bodies={
                    cid: Markup("<br/>").join(lines) for cid, lines in missed.items()
                }
            )
        escalate._apply_escalation_rules(timed=True, now=now)

    def _sla_status_warn(self, status, label, deadline):
        self.ensure_one()
        user = self.user_id or self.team_id.leader_id
        if not user:
            return
        calendar = self._get_sla_calendar()
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=calendar.to_local(status.deadline).date(),
            user_id=user.id,
            summary=self.env._(
                "Complaint %(name)s: %(target)s due by %(deadline)s",
                name=self.name,
                target=label,
                deadline=deadline,
            ),
        )
