from odoo.exceptions import UserError

from .common import PropertyCase, utc


class TestPropertyReporting(PropertyCase):
    def _closed_order(self, team, dispatch, arrive, done, callback=True, **vals):
        """A completed order with explicit timestamps (Shanghai time)."""
        order = self._order(team_id=team.id, received_at=utc(dispatch), **vals)
        order.write(
            {
                "state": "closed" if callback else "done",
                "dispatched_at": utc(dispatch),
                "arrived_at": utc(arrive),
                "completed_at": utc(done),
                "callback_at": utc(done) if callback else False,
            }
        )
        return order

    # ------------------------------------------------------------ PROP-07
    def test_prop_07_kpis_per_team_and_month(self):
        team_b = self.env["hr.department"].create(
            {"name": "Team B", "is_maintenance_team": True}
        )
        day = "2026-03-10 "
        ok = [
            self._closed_order(self.team, day + "09:00", day + "09:10", day + "10:00")
            for _i in range(3)
        ]
        late = self._closed_order(
            self.team, day + "09:00", day + "09:20", day + "10:00", callback=False
        )
        self._order(team_id=self.team.id, rework_of_id=ok[0].id)
        self._closed_order(team_b, day + "09:00", day + "09:05", day + "09:50")
        # next month: one more order on time for the first team
        self._closed_order(
            self.team, "2026-04-02 09:00", "2026-04-02 09:05", "2026-04-02 10:00"
        )
        self.assertFalse(late.kpi_on_time)
        self.assertTrue(ok[1].kpi_on_time)
        self.env.flush_all()
        groups = self.env["complaint.repair.kpi"].read_group(
            [("team_id", "in", (self.team | team_b).ids)],
            [
                "order_count:sum",
                "on_time_rate:avg",
                "rework_rate:avg",
                "callback_rate:avg",
            ],
            ["team_id", "completed_at:month"],
            lazy=False,
        )
        by_key = {(g["team_id"][0], g["completed_at:month"]): g for g in groups}
        march = by_key[(self.team.id, "March 2026")]
        self.assertEqual(march["order_count"], 4)
        self.assertAlmostEqual(march["on_time_rate"], 75.0)
        self.assertAlmostEqual(march["rework_rate"], 25.0)
        self.assertAlmostEqual(march["callback_rate"], 75.0)
        april = by_key[(self.team.id, "April 2026")]
        self.assertEqual(
            (april["on_time_rate"], april["rework_rate"], april["callback_rate"]),
            (100.0, 0.0, 100.0),
        )
        team_b_march = by_key[(team_b.id, "March 2026")]
        self.assertEqual(team_b_march["on_time_rate"], 100.0)

    # ------------------------------------------------------------ PROP-10
    def test_prop_10_non_repair_complaint_answered_within_3_working_days(self):
        """Received Wednesday 30 September 2026: 1-7 October is the National
        Day holiday and Saturday 10 October a make-up working day, so the
        third working day is Saturday 10 October."""
        complaint = self._complaint(
            received_at=utc("2026-09-30 10:00"), severity="important"
        )
        self.assertEqual(complaint.resolution_deadline, utc("2026-10-10 23:59:59"))
        # a repair request follows the policy (important: 5 working days)
        repair = self._complaint(
            received_at=utc("2026-09-30 10:00"),
            severity="important",
            property_request_type="repair",
        )
        self.assertEqual(repair.resolution_deadline, utc("2026-10-13 23:59:59"))
        # turning it into a plain complaint recomputes the deadline
        repair.property_request_type = "complaint"
        self.assertEqual(repair.resolution_deadline, utc("2026-10-10 23:59:59"))
        # the same complaint in another sector keeps the policy's 5 days
        general = self.env["complaint.complaint"].create(
            {
                "subject": "Other",
                "channel_id": self.phone_channel.id,
                "received_at": utc("2026-09-30 10:00"),
                "severity": "important",
            }
        )
        self.assertEqual(general.resolution_deadline, utc("2026-10-13 23:59:59"))

    def test_prop_10_common_issue_notice_published(self):
        complaints = self._complaint(subject="Lift 2 broken") | self._complaint(
            subject="Lift 2 again"
        )
        notice = self.env["complaint.property.notice"].create(
            {
                "name": "关于3号楼电梯维修的公告",
                "building_ids": [(6, 0, self.building.ids)],
                "complaint_ids": [(6, 0, complaints.ids)],
            }
        )
        with self.assertRaisesRegex(UserError, "measures"):
            notice.action_publish()
        notice.content = "<p>Lift 2 gets a new control board on Saturday.</p>"
        notice.with_user(self.manager).action_publish()
        self.assertEqual(notice.state, "published")
        self.assertEqual(notice.published_by, self.manager)
        self.assertTrue(notice.published_at)
        for complaint in complaints:
            self.assertIn(notice, complaint.notice_ids)
            self.assertIn("关于3号楼电梯维修的公告", complaint.message_ids[:1].body)
        with self.assertRaises(UserError):
            notice.action_publish()

    def test_prop_10_half_monthly_summary_and_quarterly_report(self):
        self._closed_order(
            self.team, "2026-03-03 09:00", "2026-03-03 09:10", "2026-03-03 10:00"
        )
        self._closed_order(
            self.team, "2026-03-04 09:00", "2026-03-04 09:30", "2026-03-04 10:00"
        )
        self._complaint(received_at=utc("2026-03-05 10:00"))
        Wizard = self.env["complaint.property.report.wizard"]
        half = Wizard.create({"period": "half_month", "date": "2026-03-09"})
        self.assertEqual(str(half.date_from), "2026-03-01")
        self.assertEqual(str(half.date_to), "2026-03-15")
        summary = half._get_summary()
        self.assertEqual(summary["complaints_received"], 1)
        self.assertEqual(summary["orders_received"], 2)
        team_kpi = dict(summary["kpi_by_team"])[self.team.name]
        self.assertEqual(team_kpi["completed"], 2)
        self.assertEqual(team_kpi["on_time_rate"], 50.0)
        self.assertFalse(team_kpi["on_time_ok"])
        self.assertEqual(team_kpi["callback_rate"], 100.0)
        second_half = Wizard.create({"period": "half_month", "date": "2026-03-20"})
        self.assertEqual(second_half._get_summary()["orders_received"], 0)
        quarter = Wizard.create({"period": "quarter", "date": "2026-02-01"})
        self.assertEqual(
            (str(quarter.date_from), str(quarter.date_to)), ("2026-01-01", "2026-03-31")
        )
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(
            "complaint_property.report_property_summary", quarter.ids
        )
        html = html.decode()
        self.assertIn("Quarterly Owners&#39; Report", html)
        self.assertIn("o_property_kpi", html)
        self.assertIn("50.0", html)
        action = quarter.with_context(discard_logo_check=True).action_print()
        self.assertEqual(action["type"], "ir.actions.report")
