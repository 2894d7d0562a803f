import datetime as dt

from odoo import fields

from .common import PropertyCase


class TestPropertyEscalation(PropertyCase):
    def setUp(self):
        super().setUp()
        self.now = fields.Datetime.now().replace(microsecond=0)
        self.service_centre = self.env.ref(
            "complaint_base.escalation_level_service_centre"
        )

    def _fresh(self, **vals):
        vals.setdefault("received_at", self.now)
        return self._complaint(**vals)

    def assertEscalated(self, complaint, trigger):
        rule = self.env.ref(f"complaint_property.escalation_rule_property_{trigger}")
        self.assertTrue(complaint.prop_escalated)
        self.assertIn(rule, complaint.escalation_log_ids.rule_id)
        self.assertEqual(complaint.team_id, self.cs_team)
        self.assertGreaterEqual(complaint.escalation_level, self.service_centre.level)
        self.assertIn(rule.name, complaint.prop_escalation_reasons)

    def test_prop_08_office_judgements_escalate_to_customer_service(self):
        for trigger, field in [
            ("neighbour_dispute", "prop_neighbour_dispute"),
            ("compensation_first", "prop_compensation_first"),
            ("compensation_after_repair", "prop_compensation_after_repair"),
            ("large_loss", "prop_large_loss_expected"),
            ("beyond_authority", "prop_beyond_authority"),
        ]:
            with self.subTest(trigger=trigger):
                complaint = self._fresh()
                self.assertFalse(complaint.prop_escalated)
                self.assertEqual(complaint.team_id, self.office_team)
                complaint.write({field: True})
                self.assertEscalated(complaint, trigger)

    def test_prop_08_escalate_button_is_beyond_authority(self):
        complaint = self._fresh()
        complaint.action_escalate_customer_service()
        self.assertTrue(complaint.prop_beyond_authority)
        self.assertEscalated(complaint, "beyond_authority")
        # other sectors are not touched by property rules
        general = self.env["complaint.complaint"].create(
            {
                "subject": "Other",
                "channel_id": self.phone_channel.id,
                "prop_compensation_first": True,
            }
        )
        self.assertEqual(general.sector, "general")
        self.assertFalse(general.prop_escalated)

    def test_prop_08_parts_missing_for_more_than_10_households(self):
        complaint = self._fresh(prop_parts_missing_households=10)
        self.assertFalse(complaint.prop_escalated)
        complaint.prop_parts_expected_date = fields.Date.today()
        complaint.prop_parts_missing_households = 14
        self.assertFalse(complaint.prop_escalated, "a date is known")
        complaint.prop_parts_expected_date = False
        self.assertEscalated(complaint, "parts_missing")

    def test_prop_08_leak_unresolved_2_days_after_coordination(self):
        complaint = self._fresh(prop_leak_or_crack=True, prop_coordinated_at=self.now)
        cron = self.env["complaint.complaint"]._cron_property_escalation
        cron(now=self.now + dt.timedelta(days=1, hours=23))
        self.assertFalse(complaint.prop_escalated)
        cron(now=self.now + dt.timedelta(days=2, minutes=1))
        self.assertEscalated(complaint, "leak_unresolved")

    def test_prop_08_decoration_stopped_over_7_days(self):
        today = fields.Date.today()
        complaint = self._fresh(prop_decoration_stopped_since=today)
        cron = self.env["complaint.complaint"]._cron_property_escalation
        cron(now=self.now + dt.timedelta(days=6))
        self.assertFalse(complaint.prop_escalated)
        cron(now=self.now + dt.timedelta(days=8))
        self.assertEscalated(complaint, "decoration_stopped")

    def test_prop_08_repeated_failed_repairs_over_20_days(self):
        complaint = self._fresh(property_request_type="repair")
        first = self._order(complaint_id=complaint.id, received_at=self.now)
        cron = self.env["complaint.complaint"]._cron_property_escalation
        cron(now=self.now + dt.timedelta(days=21))
        self.assertFalse(complaint.prop_escalated, "repaired only once")
        self._order(
            complaint_id=complaint.id,
            rework_of_id=first.id,
            received_at=self.now + dt.timedelta(days=5),
        )
        complaint.prop_parts_replacement = True
        cron(now=self.now + dt.timedelta(days=21))
        self.assertFalse(complaint.prop_escalated, "spare parts replacement excluded")
        complaint.prop_parts_replacement = False
        cron(now=self.now + dt.timedelta(days=19))
        self.assertFalse(complaint.prop_escalated)
        cron(now=self.now + dt.timedelta(days=21))
        self.assertEscalated(complaint, "repeated_failure")

    def test_prop_08_escalates_once_and_only_open_complaints(self):
        complaint = self._fresh(prop_compensation_first=True)
        self.assertEscalated(complaint, "compensation_first")
        logs = len(complaint.escalation_log_ids)
        complaint.write({"prop_compensation_first": False})
        complaint.write({"prop_compensation_first": True})
        self.assertEqual(len(complaint.escalation_log_ids), logs)
        closed = self._fresh()
        closed.write({"state": "closed"})
        closed.prop_large_loss_expected = True
        self.assertFalse(closed.prop_escalated)
