"""Scheduled actions: SLA watcher, follow-up reminders, automatic closing."""

import uuid

from odoo import api
from odoo.tests import tagged

from .sla_common import SlaCase, local

MONDAY = local(2026, 11, 16, 10, 0)  # 3 working days: Thursday 11-19 23:59:59


@tagged("post_install", "-at_install")
class TestSlaCron(SlaCase):
    def test_watcher_reads_only_due_complaints(self):
        """The watcher's cost follows what is due: it only touches rows whose
        next check is due, through the sla_next_check index."""
        due = self._complaint(MONDAY)
        later = self._complaint(local(2026, 11, 18, 10, 0))
        now = local(2026, 11, 20, 9, 0)
        ids = due._sla_due_ids(now)
        self.assertIn(due.id, ids)
        self.assertNotIn(later.id, ids)
        due._cron_check_sla(now=now)
        self.assertTrue(due.is_overdue)
        self.assertFalse(later.is_overdue)
        self.assertFalse(later.sla_warning_sent)
        self.assertNotIn(due.id, due._sla_due_ids(now), "done: not due any more")
        # the due rows are found through a partial index on sla_next_check
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'complaint_complaint' "
            "AND indexname = 'complaint_complaint_sla_next_check_due_idx'"
        )
        self.assertIn("WHERE (sla_next_check IS NOT NULL)", self.env.cr.fetchone()[0])

    def test_watcher_warning_is_idempotent(self):
        """The warning threshold sends one warning, not one per run."""
        complaint = self._complaint(MONDAY)
        now = local(2026, 11, 19, 12, 0)
        complaint._cron_check_sla(now=now)
        self.assertTrue(complaint.sla_warning_sent)
        activities = complaint.activity_ids
        self.assertEqual(
            len(activities.filtered(lambda a: a.user_id == self.handler)), 1
        )
        complaint.sudo().write({"sla_next_check": local(2026, 11, 19, 11, 0)})
        complaint._cron_check_sla(now=now)
        self.assertEqual(complaint.activity_ids, activities)

    def test_watcher_skips_paused_and_closed(self):
        """BASE-56: a paused clock never turns a complaint overdue."""
        complaint = self._complaint(MONDAY)
        complaint.action_pause_sla("waiting_complainant")
        complaint.sudo().write({"sla_next_check": local(2026, 11, 18, 0, 0)})
        complaint._cron_check_sla(now=local(2026, 11, 20, 9, 0))
        self.assertFalse(complaint.is_overdue)
        self.assertFalse(complaint.sla_next_check)

    def test_watcher_batches(self):
        """The watcher works in batches (each committed outside tests)."""
        complaints = self.env["complaint.complaint"]
        for _i in range(5):
            complaints |= self._complaint(MONDAY)
        now = local(2026, 11, 20, 9, 0)
        processed = complaints._cron_check_sla(batch_size=2, now=now)
        self.assertGreaterEqual(processed, 5)
        self.assertTrue(all(complaints.mapped("is_overdue")))

    def test_watcher_skips_rows_locked_by_another_worker(self):
        """Two cron workers never handle the same complaint: rows locked by
        one worker (FOR UPDATE) are skipped by the other (SKIP LOCKED).
        Proven with two real cursors on a committed row, removed afterwards."""
        registry = self.env.registry
        ctx = {"tracking_disable": True, "mail_create_nolog": True}
        with registry.cursor() as cr_setup:
            env0 = api.Environment(cr_setup, self.env.uid, ctx)
            row_id = (
                env0["complaint.complaint"]
                .create(
                    {
                        "name": f"SKIP-{uuid.uuid4().hex[:8]}",
                        "subject": "SKIP LOCKED test row",
                        "contact_name": "Test",
                        "company_id": self.company.id,
                        "received_at": "2026-11-16 02:00:00",
                    }
                )
                .id
            )
            cr_setup.execute(
                "UPDATE complaint_complaint SET sla_next_check = '2026-11-17 00:00' "
                "WHERE id = %s",
                [row_id],
            )
        try:
            with registry.cursor() as cr_worker1, registry.cursor() as cr_worker2:
                env1 = api.Environment(cr_worker1, self.env.uid, {})
                env2 = api.Environment(cr_worker2, self.env.uid, {})
                now = local(2026, 11, 20, 9, 0)
                first = env1["complaint.complaint"]._sla_due_ids(now, limit=100000)
                self.assertIn(row_id, first, "worker 1 takes and locks the row")
                second = env2["complaint.complaint"]._sla_due_ids(now, limit=100000)
                self.assertNotIn(row_id, second, "worker 2 skips the locked row")
                self.assertFalse(set(first) & set(second))
                cr_worker1.rollback()
                third = env2["complaint.complaint"]._sla_due_ids(now, limit=100000)
                self.assertIn(row_id, third, "free again once worker 1 is done")
                cr_worker2.rollback()
        finally:
            with registry.cursor() as cr_clean:
                env3 = api.Environment(cr_clean, self.env.uid, ctx)
                env3["complaint.complaint"].browse(row_id).unlink()
            # the other cursors filled the shared caches with committed data
            registry.clear_cache()

    def test_base_41_followup_reminder_once(self):
        """BASE-41: when the follow-up date passes without a follow-up, the
        handler gets one reminder activity."""
        complaint = self._complaint(MONDAY)
        complaint.write(
            {"state": "resolved", "resolved_at": local(2026, 11, 17, 10, 0)}
        )
        # 3 calendar days: Friday 11-20 23:59:59
        complaint._cron_followup_reminder(now=local(2026, 11, 20, 12, 0))
        self.assertFalse(complaint.followup_reminded)
        complaint._cron_followup_reminder(now=local(2026, 11, 21, 9, 0))
        self.assertTrue(complaint.followup_reminded)
        reminders = complaint.activity_ids.filtered(
            lambda a: a.user_id == self.handler and "Follow-up" in (a.summary or "")
        )
        self.assertEqual(len(reminders), 1)
        complaint._cron_followup_reminder(now=local(2026, 11, 22, 9, 0))
        self.assertEqual(
            len(
                complaint.activity_ids.filtered(
                    lambda a: "Follow-up" in (a.summary or "")
                )
            ),
            1,
        )

    def test_autoclose_resolved_complaint_without_followup_answer(self):
        """Auto-close: resolved, follow-up date passed by more than the
        company's days (7) without an answer -> closed as "no answer", with
        a chatter note, without a reviewer."""
        complaint = self._complaint(MONDAY)
        complaint.write(
            {"state": "resolved", "resolved_at": local(2026, 11, 17, 10, 0)}
        )
        answered = self._complaint(MONDAY)
        answered.write(
            {
                "state": "resolved",
                "resolved_at": local(2026, 11, 17, 10, 0),
                "followup_done_at": local(2026, 11, 19, 10, 0),
            }
        )
        complaint._cron_autoclose_no_answer(now=local(2026, 11, 27, 9, 0))
        self.assertEqual(complaint.state, "resolved", "only 6.5 days late")
        complaint._cron_autoclose_no_answer(now=local(2026, 11, 28, 9, 0))
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.complainant_acceptance, "no_answer")
        self.assertTrue(complaint.closed_at)
        self.assertIn("Closed automatically", complaint.message_ids[0].body)
        self.assertEqual(answered.state, "resolved")
        self.company.complaint_autoclose_days = 0
        other = self._complaint(MONDAY)
        other.write({"state": "resolved", "resolved_at": local(2026, 11, 17, 10, 0)})
        other._cron_autoclose_no_answer(now=local(2027, 1, 1, 0, 0))
        self.assertEqual(other.state, "resolved", "0 days: never auto-close")

    def test_crons_exist(self):
        """The three scheduled actions are shipped and active."""
        for xmlid in (
            "complaint_base.ir_cron_complaint_sla_watcher",
            "complaint_base.ir_cron_complaint_followup_reminder",
            "complaint_base.ir_cron_complaint_autoclose",
        ):
            self.assertTrue(self.env.ref(xmlid).active)
