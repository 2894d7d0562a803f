"""Escalation ladder (BASE-30), leaders on major complaints (BASE-31),
crisis cases (BASE-32)."""

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .sla_common import SlaCase, local

MONDAY = local(2026, 11, 16, 10, 0)  # 3 working days: Thursday 11-19 23:59:59


@tagged("post_install", "-at_install")
class TestSlaEscalation(SlaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Level = cls.env["complaint.escalation.level"]
        Level.search([]).write({"active": False})
        cls.dept_manager = new_test_user(
            cls.env,
            login="sla_dept_mgr",
            groups="complaint_base.group_complaint_handler",
            name="部门经理 Chen",
        )
        cls.team = cls.env["complaint.team"].create(
            {"name": "客服中心 Service centre", "leader_id": cls.manager.id}
        )
        cls.level1 = Level.create(
            {
                "name": "Department manager",
                "level": 11,
                "user_ids": [(6, 0, cls.dept_manager.ids)],
            }
        )
        cls.level2 = Level.create(
            {"name": "Customer service centre", "level": 12, "team_id": cls.team.id}
        )
        cls.level3 = Level.create(
            {
                "name": "Senior management",
                "level": 13,
                "user_ids": [(6, 0, cls.senior.ids)],
                "is_senior_management": True,
            }
        )
        Rule = cls.env["complaint.escalation.rule"]
        cls.rule_warning = Rule.create(
            {
                "name": "80% used",
                "condition": "time_used",
                "threshold_percent": 80,
                "level_id": cls.level1.id,
            }
        )
        cls.rule_overdue = Rule.create(
            {
                "name": "Overdue",
                "condition": "deadline_passed",
                "level_id": cls.level2.id,
                "team_id": cls.team.id,
            }
        )

    def _activity_users(self, complaint):
        return complaint.activity_ids.user_id

    def test_base_30_overdue_complaint_escalates_once_even_when_run_twice(self):
        """BASE-30: the watcher escalates an overdue complaint exactly once
        even when run twice."""
        complaint = self._complaint(MONDAY)
        now = local(2026, 11, 20, 9, 0)
        complaint._cron_check_sla(now=now)
        self.assertTrue(complaint.is_overdue)
        self.assertEqual(complaint.escalation_level, 12)
        self.assertEqual(complaint.team_id, self.team, "reassigned to the team")
        logs = complaint.escalation_log_ids
        self.assertEqual(
            logs.rule_id, self.rule_overdue, "80% rule skipped once overdue"
        )
        self.assertEqual((logs.from_level, logs.to_level), (0, 12))
        self.assertIn(self.manager, self._activity_users(complaint), "team leader told")
        messages = len(complaint.message_ids)
        activities = len(complaint.activity_ids)
        self.assertFalse(complaint.sla_next_check, "nothing left to watch")
        # second run, and a forced re-check of the same complaint
        complaint._cron_check_sla(now=now)
        complaint.sudo().write({"sla_next_check": local(2026, 11, 20, 8, 0)})
        complaint._cron_check_sla(now=now)
        self.assertEqual(len(complaint.escalation_log_ids), 1)
        self.assertEqual(complaint.escalation_level, 12)
        self.assertEqual(len(complaint.message_ids), messages)
        self.assertEqual(len(complaint.activity_ids), activities)

    def test_base_30_warning_threshold_then_deadline(self):
        """BASE-30: at 80 % of the time the handler is warned and the first
        level is told; when the deadline passes the complaint climbs to the
        second level."""
        complaint = self._complaint(MONDAY)
        # 80 % of Mon 10:00 -> Thu 23:59:59 is Thursday 06:47:59 local
        self.assertEqual(complaint.sla_next_check, local(2026, 11, 19, 6, 47, 59))
        self.assertFalse(
            complaint.id in complaint._sla_due_ids(local(2026, 11, 19, 6, 0)),
            "not due before the threshold",
        )
        complaint._cron_check_sla(now=local(2026, 11, 19, 8, 0))
        self.assertTrue(complaint.sla_warning_sent)
        self.assertFalse(complaint.is_overdue)
        self.assertEqual(complaint.escalation_level, 11)
        self.assertIn(self.handler, self._activity_users(complaint))
        self.assertIn(self.dept_manager, self._activity_users(complaint))
        self.assertEqual(complaint.sla_next_check, complaint.resolution_deadline)
        complaint._cron_check_sla(now=local(2026, 11, 20, 8, 0))
        self.assertTrue(complaint.is_overdue)
        self.assertEqual(complaint.escalation_level, 12)
        self.assertEqual(
            complaint.escalation_log_ids.sorted("id").mapped("to_level"), [11, 12]
        )

    def test_base_30_never_climbs_twice_to_the_same_level(self):
        """BASE-30: a second rule pointing to a level already reached logs
        but does not raise or notify again; levels never go down."""
        Rule = self.env["complaint.escalation.rule"]
        Rule.create(
            {"name": "Regulator", "condition": "regulator", "level_id": self.level2.id}
        )
        Rule.create(
            {"name": "Repeat", "condition": "repeat", "level_id": self.level1.id}
        )
        complaint = self._complaint(MONDAY, regulator_involved=True)
        self.assertEqual(complaint.escalation_level, 12)
        original = self._complaint(local(2026, 11, 2, 10, 0))
        complaint.parent_id = original
        self.assertEqual(complaint.escalation_level, 12, "never goes down")
        self.assertEqual(len(complaint.escalation_log_ids), 2)
        complaint._cron_check_sla(now=local(2026, 11, 20, 9, 0))
        self.assertEqual(complaint.escalation_level, 12)
        overdue_log = complaint.escalation_log_ids.filtered(
            lambda log: log.rule_id == self.rule_overdue
        )
        self.assertEqual((overdue_log.from_level, overdue_log.to_level), (12, 12))

    def test_base_30_event_rules_major_and_customer_tier(self):
        """BASE-30: severity major and customer tier rules apply at intake
        and when the field changes."""
        Rule = self.env["complaint.escalation.rule"]
        Rule.create(
            {"name": "Major", "condition": "severity_major", "level_id": self.level3.id}
        )
        Rule.create(
            {
                "name": "VIP",
                "condition": "customer_tier",
                "customer_tier": "important",
                "level_id": self.level1.id,
            }
        )
        complaint = self._complaint(MONDAY)
        self.assertEqual(complaint.escalation_level, 0)
        self.partner.complaint_customer_tier = "important"
        complaint.write({"partner_id": self.partner.id})
        self.assertEqual(complaint.escalation_level, 11)
        complaint.severity = "major"
        self.assertEqual(complaint.escalation_level, 13)
        self.assertIn(self.senior, self._activity_users(complaint))
        with self.assertRaises(ValidationError):
            Rule.create(
                {
                    "name": "No tier",
                    "condition": "customer_tier",
                    "level_id": self.level1.id,
                }
            )
        with self.assertRaises(ValidationError):
            Rule.create({"name": "Does nothing", "condition": "media"})

    def test_base_32_media_exposure_opens_crisis_led_by_senior_management(self):
        """BASE-32: media exposure makes a crisis case led by senior
        management."""
        self.env["complaint.escalation.rule"].create(
            {
                "name": "Media",
                "condition": "media",
                "level_id": self.level3.id,
                "open_crisis": True,
            }
        )
        complaint = self._complaint(MONDAY)
        self.assertFalse(complaint.is_crisis)
        complaint.media_involved = True
        self.assertTrue(complaint.is_crisis)
        crisis = self.env["complaint.crisis"].search(
            [("complaint_id", "=", complaint.id)]
        )
        self.assertEqual(len(crisis), 1)
        self.assertEqual(crisis.leader_id, self.senior)
        self.assertEqual(crisis.level_id, self.level3)
        self.assertTrue(
            complaint.activity_ids.filtered(
                lambda a: a.user_id == self.senior and "crisis" in (a.summary or "")
            )
        )
        self.assertEqual(complaint.escalation_log_ids.crisis_id, crisis)
        # idempotent: toggling the flag again does not open a second case
        complaint.media_involved = False
        complaint.media_involved = True
        self.assertEqual(
            self.env["complaint.crisis"].search_count(
                [("complaint_id", "=", complaint.id)]
            ),
            1,
        )

    def test_base_31_major_complaint_copies_team_leaders(self):
        """BASE-31: a major complaint assigned to a team copies its leaders."""
        leader_partner = self.env["res.partner"].create(
            {"name": "分管副总裁 VP Sun", "email": "vp.sun@example.com"}
        )
        self.team.notify_partner_ids = leader_partner
        complaint = self._complaint(MONDAY, severity="major", team_id=self.team.id)
        self.assertIn(leader_partner, complaint.message_partner_ids)
        self.assertIn(self.manager.partner_id, complaint.message_partner_ids)
        notice = complaint.message_ids.filtered(
            lambda m: leader_partner in m.partner_ids
        )
        self.assertTrue(notice)
        self.assertIn("leaders informed", notice[0].body)
