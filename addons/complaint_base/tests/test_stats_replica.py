"""Reports off the primary (issue 14): the dashboard, the analysis view and
the periodic reports run on a read-only cursor, the one Odoo opens on the
read replica of ``db_replica_host`` (``registry.cursor(readonly=True)``),
and give the same figures there."""

import io
from contextlib import contextmanager

import openpyxl
import psycopg2

from odoo.tools import mute_logger

from .test_stats import ComplaintStatsCase

RO_METHODS = {
    "complaint.dashboard": ("get_dashboard_data",),
    "complaint.period.report": ("_build_data", "_render_xlsx"),
}


class ReadOnlyCase(ComplaintStatsCase):
    @contextmanager
    def _read_only_env(self, user):
        """An environment of ``user`` on a read-only cursor: a write raises
        ``ReadOnlySqlTransaction`` as it would on a replica."""
        self.env.flush_all()
        registry = self.env.registry
        entered = registry.test_cr is None
        if entered:
            registry.enter_test_mode(self.env.cr)
        try:
            with registry.cursor(readonly=True) as cr:
                self.assertTrue(cr.readonly)
                yield self.env(cr=cr, user=user)
        finally:
            if entered:
                registry.leave_test_mode()


class TestStatsOnReadOnlyCursor(ReadOnlyCase):
    def test_base_51_read_only_cursor_refuses_writes(self):
        """The test cursor is really read-only: a write there raises."""
        with (
            self.assertRaises(psycopg2.errors.ReadOnlySqlTransaction),
            mute_logger("odoo.sql_db"),
            self._read_only_env(self.reviewer) as env,
        ):
            env.cr.execute(
                "UPDATE complaint_complaint SET subject = subject WHERE id = %s",
                [self.c1.id],
            )

    def test_base_51_read_methods_are_declared_read_only(self):
        """``/web/dataset/call_kw`` picks a read-only cursor for methods
        marked ``@api.readonly`` (Odoo looks the flag up along the MRO)."""
        for model, methods in RO_METHODS.items():
            for name in methods:
                method = getattr(type(self.env[model]), name)
                self.assertTrue(getattr(method, "_readonly", False), f"{model}.{name}")

    def test_base_51_dashboard_on_read_only_cursor(self):
        expected = (
            self.env["complaint.dashboard"]
            .with_user(self.reviewer)
            .get_dashboard_data("month", "2025-03-15")
        )
        with self._read_only_env(self.reviewer) as env:
            for period_type in ("month", "quarter", "year"):
                env["complaint.dashboard"].get_dashboard_data(period_type, "2025-03-15")
            data = env["complaint.dashboard"].get_dashboard_data("month", "2025-03-15")
        kpis = {k["key"]: k["value"] for k in data["kpis"]}
        self.assertEqual(kpis["total"], 7)
        self.assertEqual(kpis["overdue_rate"], 50.0)
        self.assertEqual(kpis["invalid"], 1)
        self.assertEqual(data["kpis"], expected["kpis"])
        self.assertEqual(data["by_category"], expected["by_category"])
        self.assertEqual(data["trend"], expected["trend"])

    def test_base_51_period_report_and_excel_on_read_only_cursor(self):
        with self._read_only_env(self.reviewer) as env:
            Report = env["complaint.period.report"]
            data = Report._build_data("month", "2025-03-10", env.company)
            content = Report._render_xlsx(data)
            year = Report._build_data("year", "2025-03-10", env.company)
        kpis = {k["key"]: k["value"] for k in data["kpis"]}
        self.assertEqual(kpis["total"], 7)
        self.assertEqual(len(year["trend"]), 12)
        self.assertEqual(
            {row["name"] for row in data["overdue"]},
            {c.name for c in self.c2 | self.c3 | self.c4},
        )
        summary = openpyxl.load_workbook(io.BytesIO(content))["Summary"]
        self.assertEqual(summary.cell(5, 1).value, "Complaints")
        self.assertEqual(summary.cell(5, 2).value, 7)

    def test_base_51_analysis_on_read_only_cursor(self):
        domain = [("complaint_id", "in", self.march.ids)]
        with self._read_only_env(self.reviewer) as env:
            groups = env["complaint.report"]._read_group(
                domain, ["state"], ["nbr:sum", "overdue_rate:avg"]
            )
        by_state = {state: (nbr, rate) for state, nbr, rate in groups}
        self.assertEqual(sum(nbr for nbr, _rate in by_state.values()), 7)
        self.assertEqual(by_state["invalid"][0], 1)
        self.assertFalse(by_state["invalid"][1], "not in the overdue rate")
