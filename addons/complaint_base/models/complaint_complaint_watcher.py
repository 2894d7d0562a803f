import logging

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools.cron_retry import retry_delay
from .complaint_complaint_cron import CRON_BATCH_SIZE
from .complaint_complaint_deadlines import SLA_NOTES, SLA_OPEN_STATES

_logger = logging.getLogger(__name__)


class ComplaintComplaint(models.Model):
    """The SLA watcher (scheduled action, BASE-58): warnings, overdue
    flags and timed escalation of the due complaints, in batches."""

    _inherit = "complaint.complaint"

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
