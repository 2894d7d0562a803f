"""Every SLA target watched (BASE-27), its watcher survives a bad row
(BASE-58), its workflow fields are not typed (BASE-57), and the notes of
scheduled actions read in the company's language (issue 13, item 10)."""

from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..tools import sla_status as st
from .sla_common import SlaCase, end_of_day, local

MONDAY = local(2026, 11, 16, 10, 0)  # ack / first response: Tue 11-17 23:59:59


@tagged("post_install", "-at_install")
class TestSlaStatus(SlaCase):
    def _statuses(self, complaint):
        return {
            s.target_kind: s
            for s in complaint.with_context(active_test=False).sla_status_ids
        }

    def _watch(self, now):
        return self.env["complaint.sla.status"]._cron_watch(now=now)

    def test_base_27_pure_status_rules(self):
        now = local(2026, 11, 18, 9, 0)
        deadline = end_of_day(2026, 11, 17)
        args = {"current": st.ONGOING, "paused": False, "now": now}
        open_ = {**args, "phase": st.PHASE_OPEN}
        self.assertEqual(
            st.evaluate(deadline=deadline, reached_at=None, **open_),
            (st.ONGOING, True),
            "only the watcher fails a target by time",
        )
        self.assertEqual(
            st.evaluate(deadline=deadline, reached_at=None, watcher=True, **open_),
            (st.FAILED, True),
        )
        self.assertEqual(
            st.evaluate(deadline=deadline, reached_at=now, **open_), (st.FAILED, True)
        )
        self.assertEqual(
            st.evaluate(deadline=deadline, reached_at=deadline, **open_),
            (st.MET, True),
        )
        self.assertEqual(
            st.evaluate(
                deadline=deadline, reached_at=None, **{**open_, "paused": True}
            ),
            (st.PAUSED, True),
        )
        ended = {**args, "phase": st.PHASE_ENDED}
        self.assertEqual(
            st.evaluate(deadline=deadline, reached_at=None, watcher=True, **ended),
            (st.ONGOING, False),
            "a case ended before the target: set aside, never 'met'",
        )
        excluded = {**args, "phase": st.PHASE_EXCLUDED, "current": st.FAILED}
        self.assertEqual(
            st.evaluate(deadline=deadline, reached_at=None, **excluded),
            (st.FAILED, False),
        )

    def test_base_27_one_status_per_target(self):
        complaint = self._complaint(MONDAY)
        statuses = self._statuses(complaint)
        self.assertEqual(set(statuses), {"acknowledge", "first_response", "resolution"})
        self.assertEqual(statuses["acknowledge"].deadline, complaint.ack_deadline)
        self.assertEqual(statuses["resolution"].deadline, complaint.resolution_deadline)
        self.assertEqual(set(complaint.sla_status_ids.mapped("status")), {st.ONGOING})
        self.assertEqual(statuses["acknowledge"].start_at, MONDAY)

    def _status_rows(self, complaints):
        """Every column of the complaints' statuses but the id."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT * FROM complaint_sla_status WHERE complaint_id = ANY(%s) "
            "ORDER BY complaint_id, target_kind",
            [complaints.ids],
        )
        names = [col.name for col in self.env.cr.description]
        return [
            {k: v for k, v in zip(names, row, strict=True) if k != "id"}
            for row in self.env.cr.fetchall()
        ]

    def test_base_27_new_complaint_rows_as_create_stores(self):
        """The statuses of new complaints come from one plain INSERT (issue
        14): the very rows the ORM's ``create`` stores for them, which the
        complaints' targets then show in the same transaction."""
        values = {
            "subject": "SLA test complaint",
            "partner_id": self.partner.id,
            "channel_id": self.channel_phone.id,
            "received_at_reason": "phone call logged later",
        }
        now = fields.Datetime.now()
        complaints = (
            self.env["complaint.complaint"]
            .with_user(self.handler)
            .create(
                [
                    dict(values, received_at=now - timedelta(hours=1)),
                    dict(values, received_at=now - timedelta(days=3)),
                ]
            )
        )
        self.assertEqual(len(complaints[0].sla_status_ids), 3)
        inserted = self._status_rows(complaints)
        self.assertEqual(len(inserted), 6)
        self.assertEqual({row["create_uid"] for row in inserted}, {self.handler.id})
        self.env.cr.execute(
            "DELETE FROM complaint_sla_status WHERE complaint_id = ANY(%s)",
            [complaints.ids],
        )
        complaints.invalidate_recordset(["sla_status_ids"])
        complaints._sla_status_sync()  # existing complaints: through create
        self.assertEqual(self._status_rows(complaints), inserted)

    def test_base_27_plain_insert_skips_no_constraint(self):
        """New statuses bypass ``create`` (``_insert_new``): the day a
        constraint method is added to the model, this fails, so that the
        INSERT learns to check it too."""
        self.assertFalse(self.env["complaint.sla.status"]._constraint_methods)

    def test_base_27_missed_acknowledgement_fails_and_shows_in_report(self):
        """A missed acknowledgement shows as failed in the SLA report (issue
        13, "done when")."""
        complaint = self._complaint(MONDAY)
        processed = self._watch(local(2026, 11, 18, 9, 0))
        self.assertGreaterEqual(processed, 2)
        statuses = self._statuses(complaint)
        self.assertEqual(statuses["acknowledge"].status, st.FAILED)
        self.assertEqual(statuses["first_response"].status, st.FAILED)
        self.assertEqual(statuses["resolution"].status, st.ONGOING)
        self.assertTrue(
            any("SLA target missed" in (m.body or "") for m in complaint.message_ids)
        )
        report = (
            self.env["complaint.sla.status"]
            .with_user(self.senior)
            ._read_group(
                [("complaint_id", "=", complaint.id)],
                ["target_kind", "status"],
                ["__count"],
            )
        )
        self.assertIn(("acknowledge", st.FAILED, 1), report)
        # a second run changes nothing
        messages = complaint.message_ids
        self._watch(local(2026, 11, 18, 9, 30))
        self.assertEqual(complaint.message_ids, messages)

    def test_base_27_met_in_time_failed_when_late(self):
        on_time = self._complaint(MONDAY)
        on_time.sudo().write(
            {"state": "accepted", "accepted_at": local(2026, 11, 17, 9, 0)}
        )
        self.assertEqual(self._statuses(on_time)["acknowledge"].status, st.MET)
        late = self._complaint(MONDAY)
        late.sudo().write(
            {"state": "accepted", "accepted_at": local(2026, 11, 18, 9, 0)}
        )
        ack = self._statuses(late)["acknowledge"]
        self.assertEqual(ack.status, st.FAILED)
        self.assertEqual(ack.reached_at, local(2026, 11, 18, 9, 0))
        late.sudo().write({"contacted_at": local(2026, 11, 17, 20, 0)})
        self.assertEqual(self._statuses(late)["first_response"].status, st.MET)

    def test_base_27_warning_before_breach_once(self):
        complaint = self._complaint(MONDAY)
        now = local(2026, 11, 17, 20, 0)  # past 80 % of the ack time
        self._watch(now)
        ack = self._statuses(complaint)["acknowledge"]
        self.assertTrue(ack.warned)
        self.assertEqual(ack.status, st.ONGOING)
        self.assertEqual(ack.next_check, ack.deadline)
        warnings = complaint.activity_ids.filtered(
            lambda a: a.user_id == self.handler and "Acknowledge" in (a.summary or "")
        )
        self.assertEqual(len(warnings), 1)
        self._watch(now)
        self.assertEqual(
            len(
                complaint.activity_ids.filtered(
                    lambda a: "Acknowledge" in (a.summary or "")
                )
            ),
            1,
        )

    def test_base_27_paused_clock_pauses_targets(self):
        complaint = self._complaint(MONDAY)
        complaint.action_pause_sla("waiting_complainant")
        statuses = self._statuses(complaint)
        self.assertEqual(statuses["acknowledge"].status, st.PAUSED)
        self.assertFalse(statuses["acknowledge"].next_check)
        complaint.action_resume_sla()
        self.assertEqual(self._statuses(complaint)["acknowledge"].status, st.ONGOING)

    def test_base_27_failed_target_escalates_by_the_existing_rules(self):
        level = self.env["complaint.escalation.level"].create(
            {
                "name": "Department head",
                "level": 21,
                "user_ids": [(6, 0, self.manager.ids)],
            }
        )
        self.env["complaint.escalation.rule"].create(
            {
                "name": "Resolution late",
                "condition": "deadline_passed",
                "level_id": level.id,
            }
        )
        complaint = self._complaint(MONDAY)
        self._watch(local(2026, 11, 20, 9, 0))  # resolution: Thu 11-19
        self.assertEqual(self._statuses(complaint)["resolution"].status, st.FAILED)
        self.assertEqual(complaint.escalation_level, 21)

    def test_base_58_sla_target_watcher_survives_a_bad_complaint(self):
        good = self._complaint(MONDAY)
        bad = self._complaint(MONDAY)
        Complaint = type(self.env["complaint.complaint"])
        original = Complaint._sla_status_sync

        def sync(records, *args, **kwargs):
            if bad.id in records.ids:
                raise ValueError("broken row")
            return original(records, *args, **kwargs)

        now = local(2026, 11, 18, 9, 0)
        with patch.object(Complaint, "_sla_status_sync", sync):
            self._watch(now)
        self.assertEqual(self._statuses(good)["acknowledge"].status, st.FAILED)
        bad_ack = self._statuses(bad)["acknowledge"]
        self.assertEqual(bad_ack.status, st.ONGOING)
        self.assertEqual(bad_ack.check_failures, 1)
        self.assertGreater(bad_ack.next_check, now, "retried later, not in a loop")

    def test_base_27_watcher_cost_follows_what_is_due(self):
        due = self._complaint(MONDAY)
        later = self._complaint(local(2026, 11, 26, 10, 0))
        rows = self.env["complaint.sla.status"]._due_rows(
            local(2026, 11, 18, 9, 0), 1000, set()
        )
        complaint_ids = {row[1] for row in rows}
        self.assertIn(due.id, complaint_ids)
        self.assertNotIn(later.id, complaint_ids)
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'complaint_sla_status' "
            "AND indexdef LIKE '%%(next_check)%%'"
        )
        self.assertIn("WHERE (next_check IS NOT NULL)", self.env.cr.fetchone()[0])

    def test_base_57_status_is_set_by_the_watcher_only(self):
        complaint = self._complaint(MONDAY)
        ack = self._statuses(complaint)["acknowledge"].with_user(self.manager)
        with self.assertRaises(UserError):
            ack.write({"status": st.MET})
        with self.assertRaises(UserError):
            ack.write({"reached_at": MONDAY})
        ack.write({"note": "Hotline down that day"})
        self.assertEqual(ack.note, "Hotline down that day")
        with self.assertRaises(UserError):
            self.env["complaint.sla.status"].with_user(self.handler).create(
                {"complaint_id": complaint.id, "target_kind": "acknowledge"}
            )

    def test_issue_13_watcher_notes_in_the_company_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["complaint_base"], ["zh_CN"], overwrite=True
        )
        self.company.partner_id.lang = "zh_CN"
        complaint = self._complaint(MONDAY)
        self._watch(local(2026, 11, 18, 9, 0))
        bodies = " ".join(m.body or "" for m in complaint.message_ids)
        self.assertIn("SLA 目标未达成", bodies)
        self.assertNotIn("SLA target missed", bodies)

    def test_issue_13_resolution_watcher_writes_in_the_company_language(self):
        """The existing watcher's overdue note, written by a scheduled action
        (superuser, English), is stored in the company's language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.company.partner_id.lang = "zh_CN"
        complaint = self._complaint(MONDAY)
        self.env["complaint.complaint"].with_context(lang="en_US")._cron_check_sla(
            now=local(2026, 11, 20, 9, 0)
        )
        self.assertTrue(complaint.is_overdue)
        bodies = " ".join(m.body or "" for m in complaint.message_ids)
        self.assertIn("已逾期", bodies)
        self.assertNotIn("the complaint is overdue", bodies)
