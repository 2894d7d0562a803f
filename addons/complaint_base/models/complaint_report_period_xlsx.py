from odoo import _, api, models

from ..tools.xlsx import XlsxBook


class ComplaintPeriodReport(models.AbstractModel):
    """The periodic report as an Excel workbook (BASE-51), laid out with the
    shared writer of ``tools/xlsx.py``.  Rendering reads nothing from the
    database beyond translations: it runs on a read replica."""

    _inherit = "complaint.period.report"

    @api.readonly
    def _render_xlsx(self, data):
        """The report as an Excel workbook (bytes)."""
        book = XlsxBook()
        self._xlsx_summary(book, data)
        self._xlsx_breakdowns(book, data)
        self._xlsx_trend(book, data)
        self._xlsx_overdue(book, data)
        self._xlsx_root_causes(book, data)
        self._xlsx_capas(book, data)
        return book.close()

    def _xlsx_summary(self, book, data):
        sheet = book.sheet(_("Summary"))
        book.title(
            sheet,
            _("Complaint report %(period)s", period=data["period_label"]),
            subtitle=f"{data['company_name']}  {data['date_from']} - {data['date_to']}",
        )
        headers = [
            _("Measure"),
            data["period_label"],
            data["previous_label"],
            _("Change (%)"),
            data["last_year_label"],
            _("Change (%)"),
            _("Unit"),
        ]
        keys = ("label", "value", "previous", "trend", "last_year", "trend_year")
        lines = [[k[key] for key in keys] + [k["unit"]] for k in data["kpis"]]
        book.table(sheet, 3, headers, lines, {0: 32})

    def _xlsx_breakdowns(self, book, data):
        headers = [
            _("Name"),
            _("Complaints"),
            _("Overdue"),
            _("Overdue Rate (%)"),
            _("Average Handling Time (working days)"),
            _("Satisfaction (1-5)"),
            _("Withdrawn"),
        ]
        keys = (
            "name",
            "count",
            "overdue",
            "overdue_rate",
            "avg_days",
            "satisfaction",
            "withdrawn",
        )
        for sheet_name, key in (
            (_("Main Categories"), "by_main_category"),
            (_("Categories"), "by_category"),
            (_("Channels"), "by_channel"),
            (_("Departments"), "worst_departments"),
            (_("Employees"), "worst_employees"),
            (_("Severity"), "by_severity"),
        ):
            lines = [[row.get(k) for k in keys] for row in data[key]]
            book.table(book.sheet(sheet_name), 0, headers, lines, {0: 40})

    def _xlsx_trend(self, book, data):
        book.table(
            book.sheet(_("Trend")),
            0,
            [_("Month"), _("Complaints"), _("Overdue Rate (%)")],
            [[t["month"], t["count"], t["overdue_rate"]] for t in data["trend"]],
        )

    def _xlsx_overdue(self, book, data):
        headers = [
            _("Number"),
            _("Subject"),
            _("Category"),
            _("Department"),
            _("Handler"),
            _("Resolve By"),
            _("Status"),
            _("Working Days Late"),
        ]
        keys = (
            "name",
            "subject",
            "category",
            "department",
            "handler",
            "deadline",
            "state",
            "days_late",
        )
        lines = [[o[k] for k in keys] for o in data["overdue"]]
        book.table(book.sheet(_("Overdue")), 0, headers, lines, {1: 40, 2: 30})

    def _xlsx_root_causes(self, book, data):
        headers = [_("Number"), _("Category"), _("Department"), _("Root Cause")]
        keys = ("name", "category", "department", "root_cause")
        lines = [[r[k] for k in keys] for r in data["root_causes"]]
        book.table(book.sheet(_("Root Causes")), 0, headers, lines, {1: 30, 3: 80})

    def _xlsx_capas(self, book, data):
        headers = [
            _("Action"),
            _("Complaint"),
            _("Type"),
            _("Owner"),
            _("Deadline"),
            _("Status"),
            _("Root Cause"),
        ]
        keys = ("name", "complaint", "type", "owner", "deadline", "state", "root_cause")
        lines = [[c[k] for k in keys] for c in data["capas"]]
        book.table(
            book.sheet(_("Corrective Actions")), 0, headers, lines, {0: 40, 6: 60}
        )
