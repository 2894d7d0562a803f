import logging
import threading
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

#: ids handled per transaction by the scheduled actions
CRON_BATCH_SIZE = 500


def _in_test_mode():
    return getattr(threading.current_thread(), "testing", False)


class ComplaintComplaint(models.Model):
    """Scheduled actions on complaints besides the SLA watcher: the
    follow-up reminder and the auto-close of unanswered follow-ups, each
    record in its own savepoint (BASE-41/58)."""

    _inherit = "complaint.complaint"

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
