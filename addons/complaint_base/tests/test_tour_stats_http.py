"""Reports off the primary (issue 14), over HTTP: the Excel download and the
dashboard RPC are served on read-only cursors, the ones Odoo opens on the
read replica of ``db_replica_host``.  Run by Odoo's test runner with the
browser tours (``complaint_tour``), like every HttpCase of the suite."""

import io
from unittest.mock import patch

import openpyxl

from odoo.tests import HttpCase, tagged

from ..controllers.period_report import XLSX_ROUTE
from .test_stats import ComplaintStatsCase


@tagged("post_install", "-at_install", "complaint_tour")
class TestStatsReadOnlyHttp(ComplaintStatsCase, HttpCase):
    """The Excel download and the dashboard RPC are served on read-only
    cursors."""

    def test_base_51_excel_download_is_a_read_only_route(self):
        seen = []
        Report = type(self.env["complaint.period.report"])
        render = Report._render_xlsx

        def spy(report, data):
            seen.append(report.env.cr.readonly)
            return render(report, data)

        self.authenticate("t_reviewer", "t_reviewer")
        with patch.object(Report, "_render_xlsx", spy):
            response = self.url_open(
                f"{XLSX_ROUTE}?period_type=month&date=2025-03-10"
                f"&company_id={self.env.company.id}"
            )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(seen, [True], "computed on a read-only cursor")
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book["Summary"].cell(5, 2).value, 7)
        other = self.env["res.company"].create({"name": "Other Co"})
        response = self.url_open(
            f"{XLSX_ROUTE}?period_type=month&company_id={other.id}"
        )
        self.assertEqual(response.status_code, 403)

    def test_base_51_dashboard_rpc_runs_read_only(self):
        seen = []
        Dashboard = type(self.env["complaint.dashboard"])
        original = Dashboard._stats_many

        def spy(dashboard, *args, **kwargs):
            seen.append(dashboard.env.cr.readonly)
            return original(dashboard, *args, **kwargs)

        self.authenticate("t_reviewer", "t_reviewer")
        with patch.object(Dashboard, "_stats_many", spy):
            result = self.make_jsonrpc_request(
                "/web/dataset/call_kw/complaint.dashboard/get_dashboard_data",
                {
                    "model": "complaint.dashboard",
                    "method": "get_dashboard_data",
                    "args": ["month", "2025-03-15"],
                    "kwargs": {},
                },
            )
        self.assertEqual(seen, [True])
        self.assertEqual(result["kpis"][0]["value"], 7)
