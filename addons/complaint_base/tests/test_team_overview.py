"""Team overview, the kanban by state, and bulk actions (BASE-14)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestTeamOverview(ComplaintCase):
    def _bulk(self, user, complaints, **vals):
        wizard = (
            self.env["complaint.bulk.action"]
            .with_user(user)
            .with_context(active_model="complaint.complaint", active_ids=complaints.ids)
            .create(vals)
        )
        wizard.action_apply()
        return wizard

    def test_base_14_team_overview_counts_open_the_lists(self):
        now = fields.Datetime.now()
        unassigned = self._complaint()
        overdue = self._complaint(user_id=self.handler.id)
        overdue.sudo().write({"resolution_deadline": now - timedelta(hours=2)})
        major = self._complaint(user_id=self.handler.id, media_involved=True)
        today_end = self.team_a._overview_today_bounds()[1]
        due = self._complaint(user_id=self.handler.id)
        due.sudo().write({"resolution_deadline": today_end - timedelta(minutes=1)})
        closed = self._complaint()
        closed.sudo().write({"state": "closed"})
        team = self.team_a.with_user(self.handler)
        self.assertEqual(team.unassigned_count, 1)
        self.assertEqual(team.overdue_count, 1)
        self.assertEqual(team.major_count, 1)
        self.assertEqual(team.due_today_count, 1)
        Complaint = self.env["complaint.complaint"].with_user(self.handler)
        for method, expected in (
            ("action_open_unassigned", unassigned),
            ("action_open_overdue", overdue),
            ("action_open_major", major),
            ("action_open_due_today", due),
        ):
            action = getattr(team, method)()
            self.assertEqual(Complaint.search(action["domain"]), expected, method)
        # counts follow what the reader may see
        self.assertEqual(self.team_a.with_user(self.outsider).unassigned_count, 0)

    def test_base_14_kanban_by_state_in_lifecycle_order_with_empty_columns(self):
        self._complaint()
        groups = (
            self.env["complaint.complaint"]
            .with_user(self.handler)
            .web_read_group([], ["state"], ["state"])["groups"]
        )
        states = [g["state"] for g in groups]
        self.assertEqual(
            states[:6],
            ["new", "accepted", "in_progress", "resolved", "review", "closed"],
        )

    def test_base_14_bulk_accept_refuses_the_records_that_do_not_qualify(self):
        fresh = self._complaint() | self._complaint(category_id=self.cat_l4.id)
        accepted = self._complaint()
        accepted.with_user(self.handler).action_accept()
        wizard = self._bulk(self.handler, fresh | accepted, action="accept")
        self.assertEqual(set(fresh.mapped("state")), {"accepted"})
        self.assertEqual(wizard.state, "done")
        self.assertIn("2 of 3", wizard.summary)
        self.assertIn(accepted.name, wizard.summary.split("Refused:")[1])
        self.assertIn("you cannot accept it", wizard.summary)

    def test_base_14_bulk_assign_transfer_pause_resume_acknowledge(self):
        complaints = self._complaint() | self._complaint()
        self._bulk(self.handler, complaints, action="assign", user_id=self.registrar.id)
        self.assertEqual(complaints.mapped("user_id"), self.registrar)
        self._bulk(self.handler, complaints, action="pause", pause_reason="mediation")
        self.assertTrue(all(complaints.mapped("sla_paused")))
        self._bulk(self.handler, complaints, action="resume")
        self.assertFalse(any(complaints.mapped("sla_paused")))
        wizard = self._bulk(self.handler, complaints, action="acknowledge")
        self.assertTrue(all(complaints.mapped("contacted_at")))
        again = self._bulk(self.handler, complaints, action="acknowledge")
        self.assertIn("0 of 2", again.summary)
        self.assertIn("2 of 2", wizard.summary)
        self._bulk(
            self.handler,
            complaints,
            action="transfer",
            team_id=self.team_b.id,
            reason="Billing matter",
        )
        self.assertEqual(complaints.mapped("team_id"), self.team_b)

    def test_base_18_bulk_assign_refuses_the_complained_employee(self):
        employee = self.env["hr.employee"].create(
            {"name": "Registrar", "user_id": self.registrar.id}
        )
        ok = self._complaint()
        about = self._complaint(employee_id=employee.id)
        wizard = self._bulk(
            self.handler, ok | about, action="assign", user_id=self.registrar.id
        )
        self.assertEqual(ok.user_id, self.registrar)
        self.assertFalse(about.user_id)
        self.assertIn("recusal", wizard.summary)
