"""Download of the periodic complaint report as Excel (BASE-51).

A read-only route: when Odoo runs with ``db_replica_host`` the figures are
computed and the workbook written on a read replica, and nothing is stored
(the file is streamed, not kept as an attachment).
"""

from werkzeug.exceptions import Forbidden, NotFound

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

from ..models.complaint_report_period import PERIOD_TYPES
from ..models.complaint_report_period_send import XLSX_MIMETYPE

XLSX_ROUTE = "/complaint/period_report/xlsx"


class ComplaintPeriodReportController(http.Controller):
    @http.route(XLSX_ROUTE, type="http", auth="user", methods=["GET"], readonly=True)
    def period_report_xlsx(self, period_type="month", date=None, company_id=None):
        if period_type not in dict(PERIOD_TYPES):
            raise NotFound()
        try:
            day = fields.Date.to_date(date) if date else None
            company = request.env["res.company"].browse(int(company_id or 0))
        except ValueError as exc:
            raise NotFound() from exc
        Report = request.env["complaint.period.report"]
        try:
            data = Report._build_data(
                period_type,
                day or fields.Date.context_today(Report),
                company if company else request.env.company,
            )
        except AccessError as exc:
            raise Forbidden() from exc
        return request.make_response(
            Report._render_xlsx(data),
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                (
                    "Content-Disposition",
                    content_disposition(Report._filename(data, "xlsx")),
                ),
            ],
        )
