"""Clock pauses (BASE-56)."""

import datetime as dt

from odoo.exceptions import UserError
from odoo.tests import tagged

from .sla_common import SlaCase, end_of_day, local


@tagged("post_install", "-at_install")
class TestSlaPause(SlaCase):
    def test_base_56_pause_and_resume_actions(self):
        """BASE-56: pausing stops the watcher, resuming records the pause and
        pushes the clock-time deadlines by the paused time."""
        self._make_policy(
            "Hours",
            {
                "acknowledge": (8, "hours", "received"),
                "resolution": (3, "working_days", "received"),
            },
            channel_id=self.channel_web.id,
        )
        received = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=5)
        complaint = self._complaint(received, channel_id=self.channel_web.id)
        ack_before = complaint.ack_deadline
        self.assertTrue(complaint.sla_next_check)
        complaint.action_pause_sla("external_appraisal")
        self.assertTrue(complaint.sla_paused)
        self.assertFalse(complaint.sla_next_check, "a paused clock is not watched")
        pause = complaint.sla_pause_ids
        self.assertEqual(pause.reason, "external_appraisal")
        with self.assertRaises(UserError):
            complaint.action_pause_sla("mediation")
        # the pause started 3 hours ago
        pause.start = pause.start - dt.timedelta(hours=3)
        complaint.action_resume_sla()
        self.assertFalse(complaint.sla_paused)
        self.assertTrue(pause.end)
        self.assertAlmostEqual(complaint.paused_seconds, pause.duration_seconds)
        self.assertGreaterEqual(complaint.paused_seconds, 3 * 3600)
        self.assertEqual(
            complaint.ack_deadline,
            ack_before + dt.timedelta(seconds=pause.duration_seconds),
        )
        self.assertIn("SLA clock resumed", complaint.message_ids[0].body)
        with self.assertRaises(UserError):
            complaint.action_resume_sla()

    def test_base_56_working_day_targets_move_by_working_days_paused(self):
        """BASE-56: a pause from Monday 10:00 to Wednesday 10:00 is 2 working
        days: the 3-working-day deadline moves from Tue 09-22 to Thu 09-24."""
        complaint = self._complaint(local(2026, 9, 18, 9, 0))
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 9, 22))
        self.env["complaint.sla.pause"].create(
            {
                "complaint_id": complaint.id,
                "reason": "waiting_complainant",
                "start": local(2026, 9, 21, 10, 0),
                "end": local(2026, 9, 23, 10, 0),
            }
        )
        complaint._recompute_sla_deadlines()
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 9, 24))
        self.assertEqual(complaint.paused_seconds, 2 * 86400)

    def test_base_56_pause_over_holidays_counts_working_days_only(self):
        """BASE-56: a pause over the National Day week (09-30 to 10-09) holds
        only the working days in it: Thu 10-08 and Fri 10-09."""
        complaint = self._complaint(local(2026, 9, 28, 9, 0))
        # Tue 29, Wed 30, Thu 10-08 (10-01..07 off)
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 8))
        self.env["complaint.sla.pause"].create(
            {
                "complaint_id": complaint.id,
                "reason": "mediation",
                "start": local(2026, 9, 30, 16, 0),
                "end": local(2026, 10, 9, 9, 0),
            }
        )
        complaint._recompute_sla_deadlines()
        # + 2 working days after Thu 10-08: Fri 10-09, Sat 10-10 (make-up day)
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 10))

    def test_base_56_calendar_day_target_moves_by_calendar_days_paused(self):
        """BASE-56 with DL-3: a 15-calendar-day target (the 2020 measures)
        pauses by calendar days.  Received Fri 09-18, day 15 is 10-03, a
        holiday, so it is due 10-08.  A 7-day mediation does not count: day
        15 becomes 10-10, the Saturday make-up working day."""
        self._make_policy(
            "Calendar",
            {"resolution": (15, "calendar_days", "received")},
            channel_id=self.channel_web.id,
        )
        complaint = self._complaint(
            local(2026, 9, 18, 10, 0), channel_id=self.channel_web.id
        )
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 8))
        self.env["complaint.sla.pause"].create(
            {
                "complaint_id": complaint.id,
                "reason": "mediation",
                "start": local(2026, 9, 21, 10, 0),
                "end": local(2026, 9, 28, 10, 0),
            }
        )
        complaint._recompute_sla_deadlines()
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 10))

    def test_base_56_closed_complaint_cannot_be_paused(self):
        """BASE-56: only an open complaint's clock can be paused."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0))
        complaint.write(
            {"state": "resolved", "resolved_at": local(2026, 11, 17, 10, 0)}
        )
        with self.assertRaises(UserError):
            complaint.action_pause_sla("other")

    def test_base_56_pause_wizard(self):
        """BASE-56: the "Pause Clock" button asks for the reason."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0))
        action = complaint.action_open_pause_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_context(action["context"])
            .create({"reason": "mediation", "note": "人民调解委员会"})
        )
        wizard.action_confirm()
        self.assertTrue(complaint.sla_paused)
        self.assertEqual(complaint.sla_pause_ids.note, "人民调解委员会")
