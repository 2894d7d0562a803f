import io
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools import periods
from .complaint_dashboard import OVERDUE_SQL

try:
    import xlsxwriter
except ImportError:  # pragma: no cover - xlsxwriter is an Odoo requirement
    xlsxwriter = None

_logger = logging.getLogger(__name__)

#: rows of the lists of the periodic report
LIST_LIMIT = 100
#: company field remembering the last period sent, per period type
LAST_SENT_FIELD = {
    "month": "complaint_report_last_month",
    "quarter": "complaint_report_last_quarter",
    "year": "complaint_report_last_year",
}
ENABLED_FIELD = {
    "month": "complaint_report_monthly",
    "quarter": "complaint_report_quarterly",
    "year": "complaint_report_yearly",
}
REPORT_XMLID = "complaint_base.action_report_complaint_period"
PERIOD_TYPES = [("month", "Monthly"), ("quarter", "Quarterly"), ("year", "Yearly")]


class ComplaintPeriodReport(models.AbstractModel):
    """Monthly, quarterly and yearly complaint reports (BASE-51, seed 001 七,
    seed 004 monthly analysis meeting): the figures, the top categories, the
    worst departments, the overdue list, root causes and corrective actions,
    as PDF and Excel, on demand or e-mailed by a scheduled action."""

    _name = "complaint.period.report"
    _description = "Complaint Periodic Report"

    # ================================================================ data
    def _period_label(self, period_type, start):
        key = periods.period_key(period_type, start)
        if period_type == "month":
            return _("%(year)s-%(month)02d", year=start.year, month=start.month)
        if period_type == "quarter":
            return _(
                "%(year)s Q%(quarter)s",
                year=start.year,
                quarter=(start.month - 1) // 3 + 1,
            )
        return key

    def _period_type_label(self, period_type):
        labels = {
            "month": _("Monthly"),
            "quarter": _("Quarterly"),
            "year": _("Yearly"),
        }
        return labels[period_type]

    def _build_data(self, period_type, day, company):
        """Everything the report shows, as plain values (no records)."""
        Dashboard = self.env["complaint.dashboard"]
        Dashboard._check_reader()
        Dashboard._check_company(company)
        company = company.sudo()
        ids = company.ids
        tz = Dashboard._stats_tz(company)
        day = fields.Date.to_date(day)
        start, end = periods.period_bounds(period_type, day)
        prev_start, prev_end = periods.previous_period(period_type, day)
        ly_start, ly_end = periods.period_bounds(
            period_type, start.replace(year=start.year - 1)
        )
        cur_utc = periods.local_range_to_utc(start, end, tz)
        current = Dashboard._stats(ids, *cur_utc)
        previous = Dashboard._stats(
            ids, *periods.local_range_to_utc(prev_start, prev_end, tz)
        )
        last_year = Dashboard._stats(
            ids, *periods.local_range_to_utc(ly_start, ly_end, tz)
        )
        kpis = Dashboard._kpis(current, previous)
        for kpi in kpis:
            kpi["last_year"] = last_year.get(kpi["key"])
            kpi["trend_year"] = periods.trend(kpi["value"], kpi["last_year"])
        months = {"month": 6, "quarter": 3, "year": 12}[period_type]
        # quarters and years: the trend is the months of the period itself
        starts = edges = None
        if period_type != "month":
            starts, edges = Dashboard._month_edges(start, months, tz)
        parts = Dashboard._breakdowns(
            ids,
            *cur_utc,
            [
                "main_category",
                "category",
                "channel",
                "severity",
                "department",
                "employee",
            ],
            edges=edges,
        )
        return {
            "period_type": period_type,
            "period_type_label": self._period_type_label(period_type),
            "period_label": self._period_label(period_type, start),
            "previous_label": self._period_label(period_type, prev_start),
            "last_year_label": self._period_label(period_type, ly_start),
            "date_from": fields.Date.to_string(start),
            "date_to": fields.Date.to_string(end - timedelta(days=1)),
            "company_id": company.id,
            "company_name": company.name,
            "generated_at": fields.Datetime.to_string(fields.Datetime.now()),
            "kpis": kpis,
            "by_main_category": Dashboard._breakdown_rows(
                "main_category", parts["main_category"]
            ),
            "by_category": Dashboard._breakdown_rows("category", parts["category"]),
            "by_channel": Dashboard._breakdown_rows("channel", parts["channel"]),
            "by_severity": Dashboard._breakdown_rows("severity", parts["severity"]),
            "worst_departments": Dashboard._breakdown_rows(
                "department", parts["department"], order="overdue"
            ),
            "worst_employees": Dashboard._breakdown_rows(
                "employee", parts["employee"], limit=10, order="overdue"
            ),
            "trend": Dashboard._trend_rows(starts, parts["month"])
            if edges
            else Dashboard._monthly_trend(ids, end, months=months, tz=tz),
            "overdue": self._overdue_list(company, *cur_utc),
            "root_causes": self._root_causes(company, *cur_utc),
            "capas": self._capa_list(company, *cur_utc),
        }

    def _visible_domain(self, fname="id"):
        """BASE-54: lists show only what the reader may read (nothing more
        for the superuser: the scheduled reports)."""
        visible = self.env["complaint.dashboard"]._visible_complaints()
        return [] if visible is None else [(fname, "in", visible)]

    def _period_complaints(self, company, start_utc, end_utc, domain=None):
        return (
            self.env["complaint.complaint"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("company_id", "=", company.id),
                    ("received_at", ">=", start_utc),
                    ("received_at", "<", end_utc),
                ]
                + self._visible_domain()
                + (domain or []),
                order="received_at, id",
                limit=LIST_LIMIT,
            )
        )

    def _overdue_list(self, company, start_utc, end_utc):
        Dashboard = self.env["complaint.dashboard"]
        self.env["complaint.complaint"].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT c.id FROM complaint_complaint c WHERE %s AND %s "
                "ORDER BY c.resolution_deadline, c.id LIMIT %s",
                Dashboard._where(company.ids, start_utc, end_utc),
                OVERDUE_SQL,
                LIST_LIMIT,
            )
        )
        complaints = (
            self.env["complaint.complaint"]
            .sudo()
            .with_context(active_test=False)
            .browse([row[0] for row in self.env.cr.fetchall()])
        )
        now = fields.Datetime.now()
        calendar = complaints[:1]._stats_calendar() if complaints else None
        states = dict(
            self.env["complaint.complaint"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        rows = []
        for rec in complaints:
            end = rec.resolved_at or now
            late = calendar.working_days_between(
                calendar.to_local(rec.resolution_deadline).date(),
                calendar.to_local(end).date(),
            )
            rows.append(
                {
                    "name": rec.name,
                    "subject": rec.subject or "",
                    "category": rec.category_id.display_name or "",
                    "department": rec.department_id.display_name or "",
                    "handler": rec.user_id.name or "",
                    "deadline": fields.Datetime.to_string(
                        calendar.to_local(rec.resolution_deadline)
                    )[:16],
                    "state": states.get(rec.state, rec.state),
                    "days_late": max(late, 0),
                }
            )
        return rows

    def _root_causes(self, company, start_utc, end_utc):
        complaints = self._period_complaints(
            company, start_utc, end_utc, [("substantiated", "=", "yes")]
        )
        return [
            {
                "name": rec.name,
                "category": rec.category_id.display_name or "",
                "department": rec.department_id.display_name or "",
                "root_cause": rec.root_cause or "",
            }
            for rec in complaints
        ]

    def _capa_list(self, company, start_utc, end_utc):
        visible = self._visible_domain("complaint_id")
        if visible:
            visible = ["|", ("complaint_id", "=", False)] + visible
        capas = (
            self.env["complaint.capa"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    "|",
                    "&",
                    ("complaint_id.received_at", ">=", start_utc),
                    ("complaint_id.received_at", "<", end_utc),
                    "&",
                    ("create_date", ">=", start_utc),
                    ("create_date", "<", end_utc),
                ]
                + visible,
                order="date_deadline, id",
                limit=LIST_LIMIT,
            )
        )
        types = dict(capas._fields["action_type"]._description_selection(self.env))
        states = dict(capas._fields["state"]._description_selection(self.env))
        return [
            {
                "name": capa.name,
                "complaint": capa.complaint_id.name or "",
                "type": types.get(capa.action_type, ""),
                "owner": capa.user_id.name or "",
                "deadline": fields.Date.to_string(capa.date_deadline)
                if capa.date_deadline
                else "",
                "state": states.get(capa.state, ""),
                "root_cause": capa.root_cause or "",
            }
            for capa in capas
        ]

    # ============================================================= outputs
    def _filename(self, data, ext):
        return (
            _("Complaint report %(period)s", period=data["period_label"]).replace(
                "/", "-"
            )
            + f".{ext}"
        )

    def _render_pdf(self, data):
        pdf, _type = (
            self.env["ir.actions.report"]
            .sudo()
            .with_company(data["company_id"])
            ._render_qweb_pdf(REPORT_XMLID, res_ids=None, data=self._report_args(data))
        )
        return pdf

    def _report_args(self, data):
        return {
            "period_type": data["period_type"],
            "date": data["date_from"],
            "company_id": data["company_id"],
        }

    def _render_xlsx(self, data):
        """The report as an Excel workbook (xlsxwriter)."""
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        title = book.add_format({"bold": True, "font_size": 14})
        head = book.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1})
        cell = book.add_format({"border": 1})

        def table(sheet, row, headers, lines, widths=None):
            for col, header in enumerate(headers):
                sheet.write(row, col, header, head)
                sheet.set_column(col, col, (widths or {}).get(col, 16))
            for line in lines:
                row += 1
                for col, value in enumerate(line):
                    sheet.write(row, col, "" if value is None else value, cell)
            return row + 2

        sheet = book.add_worksheet(_("Summary"))
        sheet.write(
            0, 0, _("Complaint report %(period)s", period=data["period_label"]), title
        )
        sheet.write(
            1, 0, f"{data['company_name']}  {data['date_from']} - " f"{data['date_to']}"
        )
        table(
            sheet,
            3,
            [
                _("Measure"),
                data["period_label"],
                data["previous_label"],
                _("Change (%)"),
                data["last_year_label"],
                _("Change (%)"),
                _("Unit"),
            ],
            [
                [
                    k["label"],
                    k["value"],
                    k["previous"],
                    k["trend"],
                    k["last_year"],
                    k["trend_year"],
                    k["unit"],
                ]
                for k in data["kpis"]
            ],
            {0: 32},
        )
        breakdown_headers = [
            _("Name"),
            _("Complaints"),
            _("Overdue"),
            _("Overdue Rate (%)"),
            _("Average Handling Time (working days)"),
            _("Satisfaction (1-5)"),
        ]

        def breakdown_lines(rows):
            return [
                [
                    r["name"],
                    r["count"],
                    r["overdue"],
                    r["overdue_rate"],
                    r["avg_days"],
                    r["satisfaction"],
                ]
                for r in rows
            ]

        for sheet_name, key in (
            (_("Main Categories"), "by_main_category"),
            (_("Categories"), "by_category"),
            (_("Channels"), "by_channel"),
            (_("Departments"), "worst_departments"),
            (_("Employees"), "worst_employees"),
            (_("Severity"), "by_severity"),
        ):
            sheet = book.add_worksheet(sheet_name[:31])
            table(sheet, 0, breakdown_headers, breakdown_lines(data[key]), {0: 40})
        sheet = book.add_worksheet(_("Trend"))
        table(
            sheet,
            0,
            [_("Month"), _("Complaints"), _("Overdue Rate (%)")],
            [[t["month"], t["count"], t["overdue_rate"]] for t in data["trend"]],
        )
        sheet = book.add_worksheet(_("Overdue"))
        table(
            sheet,
            0,
            [
                _("Number"),
                _("Subject"),
                _("Category"),
                _("Department"),
                _("Handler"),
                _("Resolve By"),
                _("Status"),
                _("Working Days Late"),
            ],
            [
                [
                    o["name"],
                    o["subject"],
                    o["category"],
                    o["department"],
                    o["handler"],
                    o["deadline"],
                    o["state"],
                    o["days_late"],
                ]
                for o in data["overdue"]
            ],
            {1: 40, 2: 30},
        )
        sheet = book.add_worksheet(_("Root Causes"))
        table(
            sheet,
            0,
            [_("Number"), _("Category"), _("Department"), _("Root Cause")],
            [
                [r["name"], r["category"], r["department"], r["root_cause"]]
                for r in data["root_causes"]
            ],
            {1: 30, 3: 80},
        )
        sheet = book.add_worksheet(_("Corrective Actions"))
        table(
            sheet,
            0,
            [
                _("Action"),
                _("Complaint"),
                _("Type"),
                _("Owner"),
                _("Deadline"),
                _("Status"),
                _("Root Cause"),
            ],
            [
                [
                    c["name"],
                    c["complaint"],
                    c["type"],
                    c["owner"],
                    c["deadline"],
                    c["state"],
                    c["root_cause"],
                ]
                for c in data["capas"]
            ],
            {0: 40, 6: 60},
        )
        book.close()
        return buffer.getvalue()

    # ============================================================ sending
    def _send_report(self, company, period_type, day):
        """E-mail the PDF and Excel report of one period to the company's
        recipients; returns the ``mail.mail`` (empty without recipients)."""
        partners = company.complaint_report_recipient_ids
        if not partners:
            return self.env["mail.mail"]
        lang = partners[:1].lang or company.partner_id.lang or self.env.lang
        self = self.with_context(lang=lang)
        data = self._build_data(period_type, day, company)
        body = self.env["ir.qweb"]._render(
            "complaint_base.period_report_mail_body", {"data": data}
        )
        mail = (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": _(
                        "%(company)s: complaint report %(period)s",
                        company=company.name,
                        period=data["period_label"],
                    ),
                    "body_html": body,
                    "email_from": company.email_formatted
                    or self.env.user.email_formatted,
                    "recipient_ids": [(6, 0, partners.ids)],
                    "auto_delete": False,
                }
            )
        )
        Attachment = self.env["ir.attachment"].sudo()
        attachments = Attachment.create(
            [
                {
                    "name": self._filename(data, "pdf"),
                    "raw": self._render_pdf(data),
                    "mimetype": "application/pdf",
                    "res_model": "mail.message",
                    "res_id": mail.mail_message_id.id,
                },
                {
                    "name": self._filename(data, "xlsx"),
                    "raw": self._render_xlsx(data),
                    "mimetype": "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet",
                    "res_model": "mail.message",
                    "res_id": mail.mail_message_id.id,
                },
            ]
        )
        mail.attachment_ids = [(6, 0, attachments.ids)]
        return mail

    @api.model
    def _cron_send_period_reports(self, today=None):
        """Send each finished period's report once (scheduled daily)."""
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        mails = self.env["mail.mail"]
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("complaint_report_recipient_ids", "!=", False)])
        )
        for company in companies:
            for period_type in periods.PERIOD_TYPES:
                if not company[ENABLED_FIELD[period_type]]:
                    continue
                start, _end = periods.last_complete_period(period_type, today)
                key = periods.period_key(period_type, start)
                if company[LAST_SENT_FIELD[period_type]] == key:
                    continue
                mails |= self._send_report(company, period_type, start)
                company.write({LAST_SENT_FIELD[period_type]: key})
                _logger.info(
                    "Complaint %s report %s sent for %s", period_type, key, company.name
                )
        return mails
