"""Pure functions of tools/: no database needed (still run by Odoo)."""

import datetime as dt

from odoo.tests import BaseCase

from ..tools import escalation, kpi, repair_sla

D = dt.datetime


class TestRepairSlaPure(BaseCase):
    def test_prop_03_pure_emergency_clock_hours_over_a_holiday_night(self):
        """02:00 Shanghai on Saturday 3 October 2026 (National Day) is
        18:00 UTC the day before: on site 02:15, done 04:00, never after
        02:00 the next night."""
        dispatched = D(2026, 10, 2, 18, 0)
        result = repair_sla.repair_deadlines(
            "emergency", received_at=D(2026, 10, 2, 17, 58), dispatched_at=dispatched
        )
        self.assertEqual(result["order_deadline"], D(2026, 10, 2, 18, 3))
        self.assertEqual(result["arrival_deadline"], D(2026, 10, 2, 18, 15))
        self.assertEqual(result["completion_deadline"], D(2026, 10, 2, 20, 0))
        self.assertEqual(result["completion_limit"], D(2026, 10, 3, 18, 0))
        self.assertIsNone(result["explain_deadline"])

    def test_prop_03_pure_general_72_hours_major_explained_48_hours(self):
        dispatched = D(2026, 10, 2, 2, 0)
        general = repair_sla.repair_deadlines("general", dispatched_at=dispatched)
        self.assertEqual(general["completion_deadline"], D(2026, 10, 5, 2, 0))
        self.assertEqual(general["completion_limit"], D(2026, 10, 5, 2, 0))
        expected = D(2026, 10, 9, 2, 0)
        major = repair_sla.repair_deadlines(
            "major", dispatched_at=dispatched, expected_date=expected
        )
        self.assertEqual(major["explain_deadline"], D(2026, 10, 4, 2, 0))
        self.assertEqual(major["completion_deadline"], expected)
        self.assertIsNone(major["completion_limit"])
        # a small repair waiting for parts is explained like a major one
        parts = repair_sla.repair_deadlines(
            "small", dispatched_at=dispatched, parts_on_order=True
        )
        self.assertEqual(parts["explain_deadline"], D(2026, 10, 4, 2, 0))
        self.assertIsNone(parts["completion_deadline"])
        # not dispatched: the arrival clock has not started
        self.assertIsNone(repair_sla.repair_deadlines("small")["arrival_deadline"])

    def test_prop_03_pure_arrival_minutes_parameter(self):
        result = repair_sla.repair_deadlines(
            "small", dispatched_at=D(2026, 1, 1, 0, 0), arrival_minutes=20
        )
        self.assertEqual(result["arrival_deadline"], D(2026, 1, 1, 0, 20))

    def test_prop_06_pure_return_24h_callback_72h(self):
        result = repair_sla.closing_deadlines(D(2026, 10, 1, 12, 0))
        self.assertEqual(result["return_deadline"], D(2026, 10, 2, 12, 0))
        self.assertEqual(result["callback_deadline"], D(2026, 10, 4, 12, 0))
        self.assertEqual(
            repair_sla.closing_deadlines(None),
            {"return_deadline": None, "callback_deadline": None},
        )

    def test_prop_04_pure_plan_over_3_days(self):
        start = D(2026, 5, 1, 8, 0)
        self.assertFalse(repair_sla.plan_required(start, start + dt.timedelta(days=3)))
        self.assertTrue(
            repair_sla.plan_required(start, start + dt.timedelta(days=3, minutes=1))
        )
        self.assertFalse(repair_sla.plan_required(start, None))

    def test_prop_07_pure_on_time(self):
        deadline = D(2026, 5, 1, 10, 0)
        self.assertIsNone(repair_sla.is_on_time(None))
        self.assertTrue(
            repair_sla.is_on_time(
                deadline,
                arrival_deadline=D(2026, 5, 1, 8, 15),
                arrived_at=D(2026, 5, 1, 8, 15),
                completion_deadline=deadline,
            )
        )
        self.assertFalse(  # late on site
            repair_sla.is_on_time(
                deadline,
                arrival_deadline=D(2026, 5, 1, 8, 15),
                arrived_at=D(2026, 5, 1, 8, 16),
                completion_deadline=deadline,
            )
        )
        self.assertFalse(  # done one second late
            repair_sla.is_on_time(
                deadline + dt.timedelta(seconds=1), completion_deadline=deadline
            )
        )
        self.assertFalse(  # owner never told although required
            repair_sla.is_on_time(deadline, explain_deadline=deadline)
        )

    def test_prop_03_pure_next_step(self):
        deadlines = {
            "order_deadline": D(2026, 1, 1, 0, 5),
            "arrival_deadline": D(2026, 1, 1, 0, 20),
            "explain_deadline": D(2026, 1, 3, 0, 0),
            "completion_deadline": D(2026, 1, 9, 0, 0),
            "return_deadline": D(2026, 1, 10, 0, 0),
            "callback_deadline": D(2026, 1, 12, 0, 0),
        }
        self.assertEqual(repair_sla.next_step("draft", deadlines)[0], "dispatch")
        self.assertEqual(repair_sla.next_step("dispatched", deadlines)[0], "arrive")
        self.assertEqual(
            repair_sla.next_step("on_site", deadlines),
            ("explain", D(2026, 1, 3, 0, 0)),
        )
        self.assertEqual(
            repair_sla.next_step("on_site", deadlines, explained_at=D(2026, 1, 2))[0],
            "complete",
        )
        self.assertEqual(repair_sla.next_step("done", deadlines)[0], "return")
        self.assertEqual(repair_sla.next_step("returned", deadlines)[0], "callback")
        self.assertEqual(repair_sla.next_step("closed", deadlines), (None, None))


class TestEscalationPure(BaseCase):
    NOW = D(2026, 6, 30, 12, 0)

    def triggers(self, **facts):
        return escalation.property_escalation_triggers(facts, self.NOW)

    def test_prop_08_pure_repeated_failure_over_20_days(self):
        first = self.NOW - dt.timedelta(days=20, minutes=1)
        self.assertEqual(
            self.triggers(repair_count=2, first_request_at=first), ["repeated_failure"]
        )
        self.assertEqual(
            self.triggers(
                repair_count=2, first_request_at=self.NOW - dt.timedelta(days=20)
            ),
            [],
        )
        self.assertEqual(self.triggers(repair_count=1, first_request_at=first), [])
        self.assertEqual(
            self.triggers(repair_count=3, first_request_at=first, fixed=True), []
        )
        # waiting for spare parts to be replaced does not count (seed: 更换备品备件除外)
        self.assertEqual(
            self.triggers(
                repair_count=3, first_request_at=first, parts_replacement=True
            ),
            [],
        )

    def test_prop_08_pure_parts_missing_more_than_10_households(self):
        self.assertEqual(self.triggers(parts_missing_households=11), ["parts_missing"])
        self.assertEqual(self.triggers(parts_missing_households=10), [])
        self.assertEqual(
            self.triggers(
                parts_missing_households=30, parts_expected_date=dt.date(2026, 7, 5)
            ),
            [],
        )

    def test_prop_08_pure_decoration_7_days_and_leak_2_days(self):
        self.assertEqual(
            self.triggers(decoration_stopped_since=dt.date(2026, 6, 22)),
            ["decoration_stopped"],
        )
        self.assertEqual(
            self.triggers(decoration_stopped_since=dt.date(2026, 6, 24)), []
        )
        coordinated = self.NOW - dt.timedelta(days=2, seconds=1)
        self.assertEqual(
            self.triggers(leak_or_crack=True, coordinated_at=coordinated),
            ["leak_unresolved"],
        )
        self.assertEqual(
            self.triggers(leak_or_crack=False, coordinated_at=coordinated), []
        )
        self.assertEqual(
            self.triggers(
                leak_or_crack=True, coordinated_at=self.NOW - dt.timedelta(days=1)
            ),
            [],
        )

    def test_prop_08_pure_nine_triggers_in_seed_order(self):
        facts = {
            "repair_count": 2,
            "first_request_at": self.NOW - dt.timedelta(days=30),
            "parts_missing_households": 12,
            "decoration_stopped_since": self.NOW - dt.timedelta(days=8),
            "leak_or_crack": True,
            "coordinated_at": self.NOW - dt.timedelta(days=3),
            "neighbour_dispute": True,
            "compensation_first": True,
            "compensation_after_repair": True,
            "large_loss_expected": True,
            "beyond_authority": True,
        }
        self.assertEqual(
            escalation.property_escalation_triggers(facts, self.NOW),
            list(escalation.TRIGGERS),
        )
        self.assertEqual(len(escalation.TRIGGERS), 9)


class TestKpiPure(BaseCase):
    def test_prop_07_pure_rates_and_targets(self):
        rows = [{"team": "A", "on_time": True, "callback_done": True}] * 98 + [
            {"team": "A", "on_time": False, "reworked": True, "callback_done": True},
            {"team": "A", "on_time": False, "callback_done": True},
        ]
        rows.append({"team": "B", "on_time": True, "reworked": True})
        result = kpi.summarize(rows, key=lambda r: r["team"])
        team_a, team_b = result["A"], result["B"]
        self.assertEqual(team_a["completed"], 100)
        self.assertEqual(team_a["on_time_rate"], 98.0)
        self.assertTrue(team_a["on_time_ok"])
        self.assertEqual(team_a["rework_rate"], 1.0)
        self.assertTrue(team_a["rework_ok"])
        self.assertEqual(team_a["callback_rate"], 100.0)
        self.assertTrue(team_a["callback_ok"])
        self.assertEqual(team_b["rework_rate"], 100.0)
        self.assertFalse(team_b["rework_ok"])
        self.assertFalse(team_b["callback_ok"])
        self.assertIsNone(kpi.rate(1, 0))

    def test_prop_10_pure_half_month_and_quarter(self):
        self.assertEqual(
            kpi.period_bounds("half_month", dt.date(2026, 2, 15)),
            (dt.date(2026, 2, 1), dt.date(2026, 2, 15)),
        )
        self.assertEqual(
            kpi.period_bounds("half_month", dt.date(2026, 2, 16)),
            (dt.date(2026, 2, 16), dt.date(2026, 2, 28)),
        )
        self.assertEqual(
            kpi.period_bounds("quarter", dt.date(2026, 8, 20)),
            (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        )
        self.assertEqual(
            kpi.period_bounds("month", dt.date(2024, 2, 10)),
            (dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        )
        with self.assertRaises(ValueError):
            kpi.period_bounds("year", dt.date(2026, 1, 1))

    def test_prop_10_pure_summary_counts(self):
        self.assertEqual(
            kpi.ranked_counts(["Lift", "Water", "Lift", "Noise", "Water", "Lift"]),
            [("Lift", 3), ("Water", 2), ("Noise", 1)],
        )
        self.assertEqual(kpi.ranked_counts([]), [])
        self.assertEqual(
            kpi.counts_in_order(["Emergency", "Small", "General"], ["General"] * 2),
            [("Emergency", 0), ("Small", 0), ("General", 2)],
        )
        self.assertEqual(
            kpi.targets(), {"on_time": 98.0, "rework": 1.0, "callback": 100.0}
        )
