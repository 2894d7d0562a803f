"""Which complaints the statistics count: a merged repeat leaves every
statistic (BASE-15) and a withdrawn complaint is counted apart from the
valid, invalid and closed ones (BASE-16), in the dashboard, the analysis
view and the periodic reports alike."""

from .test_stats import ComplaintStatsCase


class TestStatsScope(ComplaintStatsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # c7 repeats c1: merged into it; c6 (new) is withdrawn
        cls.c7.sudo()._workflow_write({"state": "merged", "merged_into_id": cls.c1.id})
        cls.c6.sudo()._workflow_write({"state": "withdrawn"})
        cls.env.flush_all()

    def _kpis(self, data):
        return {k["key"]: k["value"] for k in data["kpis"]}

    def test_base_15_16_dashboard(self):
        data = (
            self.env["complaint.dashboard"]
            .with_user(self.reviewer)
            .get_dashboard_data("month", "2025-03-15")
        )
        kpis = self._kpis(data)
        self.assertEqual(kpis["total"], 6, "the merged repeat is left out")
        self.assertEqual(kpis["withdrawn"], 1)
        self.assertEqual(kpis["invalid"], 1)
        # c2, c3, c4 overdue among the 4 valid ones (withdrawn and invalid apart)
        self.assertEqual(kpis["overdue_rate"], 75.0)
        self.assertEqual(kpis["repeat_rate"], 0.0, "the merged repeat was the repeat")
        self.assertEqual(sum(r["count"] for r in data["by_channel"]), 6)
        self.assertEqual(sum(r["withdrawn"] for r in data["by_channel"]), 1)
        march = next(t for t in data["trend"] if t["month"] == "2025-03")
        self.assertEqual(march["count"], 6)
        self.assertEqual(march["overdue_rate"], 75.0)

    def test_base_15_16_year_dashboard_one_scan(self):
        Dashboard = self.env["complaint.dashboard"].with_user(self.reviewer)
        year = Dashboard.get_dashboard_data("year", "2025-03-15")
        march = next(t for t in year["trend"] if t["month"] == "2025-03")
        self.assertEqual(march["count"], 6)
        self.assertEqual(self._kpis(year)["withdrawn"], 1)

    def test_base_15_16_analysis_view(self):
        rows = (
            self.env["complaint.report"]
            .with_user(self.reviewer)
            .search([("complaint_id", "in", self.march.ids)])
        )
        self.assertEqual(len(rows), 6)
        self.assertNotIn(self.c7, rows.complaint_id)
        groups = dict(
            self.env["complaint.report"]
            .with_user(self.reviewer)
            ._read_group(
                [("complaint_id", "in", self.march.ids)], ["state"], ["__count"]
            )
        )
        self.assertEqual(groups["withdrawn"], 1, "a state of its own")
        self.assertNotIn("merged", groups)
        withdrawn = rows.filtered(lambda r: r.state == "withdrawn")
        self.assertFalse(withdrawn.overdue_rate, "not in the overdue rate")

    def test_base_15_16_periodic_report(self):
        Report = self.env["complaint.period.report"].with_user(self.reviewer)
        data = Report._build_data("month", "2025-03-10", self.env.company)
        kpis = self._kpis(data)
        self.assertEqual(kpis["total"], 6)
        self.assertEqual(kpis["withdrawn"], 1)
        self.assertEqual(kpis["overdue_rate"], 75.0)
        self.assertEqual(sum(r["count"] for r in data["by_category"]), 6)
        withdrawn = next(k for k in data["kpis"] if k["key"] == "withdrawn")
        self.assertEqual(withdrawn["label"], "Withdrawn")
        quarter = Report._build_data("quarter", "2025-03-10", self.env.company)
        march = next(t for t in quarter["trend"] if t["month"] == "2025-03")
        self.assertEqual(march["count"], 6)
