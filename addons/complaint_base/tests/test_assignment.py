"""Assignment inside a team (BASE-14) and recusal in assignment (BASE-18)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..tools import assignment
from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestAssignmentPure(ComplaintCase):
    def test_base_14_balanced_tie_breaking(self):
        """Balanced: fewest open; ties by least recently assigned, then id."""
        t = fields.Datetime.now()
        counts = {1: 2, 2: 1, 3: 1}
        last = {2: t, 3: t - timedelta(hours=1)}
        self.assertEqual(assignment.pick_member("balanced", [1, 2, 3], counts, last), 3)
        self.assertEqual(assignment.pick_member("balanced", [4, 5], {}, {}), 4)

    def test_base_14_round_robin_tie_breaking(self):
        """Round robin: least recently assigned (never first); ties by
        fewer open complaints, then id."""
        t = fields.Datetime.now()
        last = {1: t, 2: t - timedelta(hours=2)}
        self.assertEqual(
            assignment.pick_member("round_robin", [1, 2, 3], {3: 9}, last), 3
        )
        self.assertEqual(assignment.pick_member("round_robin", [1, 2], {}, last), 2)
        self.assertIsNone(assignment.pick_member("manual", [1, 2], {}, {}))

    def test_base_14_eligible_skips_leave_cap_recused_and_juniors(self):
        members = [1, 2, 3, 4, 5]
        got = assignment.eligible_members(
            members,
            on_leave={1},
            caps={2: 3},
            open_counts={2: 3},
            excluded={3},
            seniors={4},
        )
        self.assertEqual(got, [4])
        self.assertEqual(
            assignment.eligible_members(members, caps={2: 0}, open_counts={2: 50}),
            members,
            "a cap of 0 means no cap",
        )


@tagged("post_install", "-at_install")
class TestAssignment(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.env["res.users"]
        cls.employees = cls.env["hr.employee"]
        for login, name in (
            ("t_m1", "Member One"),
            ("t_m2", "Member Two"),
            ("t_m3", "Member Three"),
            ("t_m4", "Member Four"),
        ):
            user = new_test_user(
                cls.env,
                login,
                groups="complaint_base.group_complaint_handler",
                name=name,
                tz="Asia/Shanghai",
            )
            cls.members |= user
            cls.employees |= cls.env["hr.employee"].create(
                {"name": name, "user_id": user.id}
            )
        cls.team = cls.env["complaint.team"].create(
            {
                "name": "Front Desk",
                "leader_id": cls.manager.id,
                "member_ids": [(6, 0, cls.members.ids)],
                "assignment_method": "balanced",
            }
        )
        cls.cat_front = cls.env["complaint.category"].create(
            {"name": "Front desk service", "team_id": cls.team.id}
        )

    def _front(self, count=1, **vals):
        records = self.env["complaint.complaint"]
        for _i in range(count):
            records |= self._complaint(
                user=self.registrar, category_id=self.cat_front.id, **vals
            )
        return records.sudo()

    def _leave(self, employee):
        now = fields.Datetime.now()
        return self.env["resource.calendar.leaves"].create(
            {
                "name": "Annual leave",
                "resource_id": employee.resource_id.id,
                "date_from": now - timedelta(days=1),
                "date_to": now + timedelta(days=2),
                "time_type": "leave",
            }
        )

    def test_base_14_ten_complaints_balanced_skip_member_on_leave(self):
        """Ten new complaints on a balanced team land on the least loaded
        members and skip the one on leave (issue 13, "done when")."""
        m1, m2, m3, m4 = self.members
        self.team.assignment_method = "manual"
        self._front(3).write({"user_id": m1.id})  # m1 already busy
        self.team.assignment_method = "balanced"
        self._leave(self.employees[3])  # m4 on leave
        complaints = self._front(10)
        handlers = complaints.mapped("user_id")
        self.assertNotIn(m4, handlers, "a member on leave is skipped")
        self.assertFalse(complaints.filtered(lambda c: not c.user_id))
        per_member = {
            u: len(complaints.filtered(lambda c, u=u: c.user_id == u))
            for u in (m1, m2, m3)
        }
        # totals end balanced: 3 + 2, 4, 4 (or 4, 4, 5 ...): never more than one apart
        totals = {u: per_member[u] + (3 if u == m1 else 0) for u in per_member}
        self.assertLessEqual(max(totals.values()) - min(totals.values()), 1, totals)
        self.assertLess(per_member[m1], per_member[m2], "the busiest member got fewer")
        first = complaints.sorted(lambda c: (c.received_at, c.id))[0]
        self.assertIn(first.user_id, m2 | m3, "the first goes to a least loaded member")

    def test_base_14_round_robin_cycles_through_members(self):
        self.team.assignment_method = "round_robin"
        complaints = self._front(8).sorted("id")
        first_four = complaints[:4].mapped("user_id")
        self.assertEqual(len(first_four), 4, "each member once before anyone twice")
        self.assertEqual(
            complaints[4:].mapped("user_id"), complaints[:4].mapped("user_id")
        )

    def test_base_14_cap_skips_member_at_cap(self):
        m1, m2, m3, m4 = self.members
        self.env["complaint.team.member"].create(
            [
                {"team_id": self.team.id, "user_id": m1.id, "max_open_complaints": 1},
                {"team_id": self.team.id, "user_id": m2.id, "max_open_complaints": 1},
                {"team_id": self.team.id, "user_id": m3.id, "max_open_complaints": 1},
                {"team_id": self.team.id, "user_id": m4.id, "max_open_complaints": 1},
            ]
        )
        complaints = self._front(5)
        self.assertEqual(len(complaints.mapped("user_id")), 4)
        left = complaints.filtered(lambda c: not c.user_id)
        self.assertEqual(len(left), 1, "everyone at cap: the fifth waits")
        self.assertTrue(
            any("No member of team" in (m.body or "") for m in left.message_ids)
        )
        line = self.team.member_setting_ids[:1]
        self.assertEqual(line.open_complaint_count, 1)

    def test_base_14_senior_members_get_major_complaints(self):
        m1, m2, m3, m4 = self.members
        self.team.senior_only_major = True
        self.env["complaint.team.member"].create(
            {"team_id": self.team.id, "user_id": m3.id, "is_senior": True}
        )
        major = self._front(2, media_involved=True)
        self.assertEqual(major.mapped("severity"), ["major", "major"])
        self.assertEqual(major.mapped("user_id"), m3)
        regulator = self._front(1, regulator_involved=True)
        self.assertEqual(regulator.user_id, m3)
        general = self._front(1)
        self.assertNotEqual(general.user_id, m3, "balanced: m3 is the busiest")

    def test_base_14_manual_team_leaves_complaint_unassigned(self):
        self.team.assignment_method = "manual"
        complaint = self._front(1)
        self.assertFalse(complaint.user_id)

    def test_base_14_transfer_assigns_in_target_team(self):
        complaint = self._complaint(user=self.registrar)  # team A, manual
        self.assertEqual(complaint.team_id, self.team_a)
        complaint.with_user(self.handler).action_transfer(
            self.team.id, reason="Front desk matter"
        )
        self.assertEqual(complaint.sudo().team_id, self.team)
        self.assertIn(complaint.sudo().user_id, self.members)
        self.assertTrue(complaint.sudo().assigned_at)

    def test_base_18_automatic_assignment_skips_complained_employee(self):
        m1, m2, m3, m4 = self.members
        for _i in range(3):
            complaint = self._front(1, employee_id=self.employees[1].id)
            self.assertNotEqual(complaint.user_id, m2)
            self.assertTrue(complaint.user_id)

    def test_base_14_assign_action_checks_team_and_group(self):
        self.team.assignment_method = "manual"
        complaint = self._front(1)
        with self.assertRaises(UserError):
            complaint.with_user(self.manager).action_assign(self.outsider.id)
        complaint.with_user(self.manager).action_assign(self.members[0].id)
        self.assertEqual(complaint.user_id, self.members[0])
        with self.assertRaises(ValidationError):
            complaint.write({"employee_id": self.employees[0].id})
