from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools import local_day, periods
from .complaint_dashboard import OVERDUE_SQL

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
#: months in the trend of each report
TREND_MONTHS = {"month": 6, "quarter": 3, "year": 12}
BREAKDOWN_DIMENSIONS = (
    "main_category",
    "category",
    "channel",
    "severity",
    "department",
    "employee",
)


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

    @api.readonly
    def _build_data(self, period_type, day, company):
        """Everything the report shows, as plain values (no records).  Reads
        only: it runs on a read replica (``@api.readonly``)."""
        Dashboard = self.env["complaint.dashboard"]
        Dashboard._check_reader()
        Dashboard._check_company(company)
        company = company.sudo()
        span = self._period_span(period_type, day, local_day.company_tz(company))
        data = {
            "period_type": period_type,
            "period_type_label": self._period_type_label(period_type),
            "period_label": self._period_label(period_type, span["start"]),
            "previous_label": self._period_label(period_type, span["prev_start"]),
            "last_year_label": self._period_label(period_type, span["ly_start"]),
            "date_from": fields.Date.to_string(span["start"]),
            "date_to": fields.Date.to_string(span["end"] - timedelta(days=1)),
            "company_id": company.id,
            "company_name": company.name,
            "generated_at": fields.Datetime.to_string(fields.Datetime.now()),
            "kpis": self._period_kpis(company, span),
            "overdue": self._overdue_list(company, *span["cur_utc"]),
            "root_causes": self._root_causes(company, *span["cur_utc"]),
            "capas": self._capa_list(company, *span["cur_utc"]),
        }
        data.update(self._period_breakdowns(company, period_type, span))
        return data

    def _period_span(self, period_type, day, tz):
        """Local bounds of the period, of the previous one and of the same
        period last year, and their UTC instants on the company's zone."""
        day = fields.Date.to_date(day)
        start, end = periods.period_bounds(period_type, day)
        prev_start, prev_end = periods.previous_period(period_type, day)
        ly_start, ly_end = periods.period_bounds(
            period_type, start.replace(year=start.year - 1)
        )
        return {
            "tz": tz,
            "start": start,
            "end": end,
            "prev_start": prev_start,
            "ly_start": ly_start,
            "cur_utc": local_day.local_day_bounds(start, end, tz),
            "prev_utc": local_day.local_day_bounds(prev_start, prev_end, tz),
            "ly_utc": local_day.local_day_bounds(ly_start, ly_end, tz),
        }

    def _period_kpis(self, company, span):
        """Key figures compared with the previous period and last year."""
        Dashboard = self.env["complaint.dashboard"]
        current, previous, last_year = Dashboard._stats_many(
            company.ids, [span["cur_utc"], span["prev_utc"], span["ly_utc"]]
        )
        kpis = Dashboard._kpis(current, previous)
        for kpi in kpis:
            kpi["last_year"] = last_year.get(kpi["key"])
            kpi["trend_year"] = periods.trend(kpi["value"], kpi["last_year"])
        return kpis

    def _period_breakdowns(self, company, period_type, span):
        """Breakdowns and month trend, from one scan of the period."""
        Dashboard = self.env["complaint.dashboard"]
        months = TREND_MONTHS[period_type]
        # quarters and years: the trend is the months of the period itself
        starts = edges = None
        if period_type != "month":
            starts, edges = Dashboard._month_edges(span["start"], months, span["tz"])
        parts = Dashboard._breakdowns(
            company.ids, *span["cur_utc"], BREAKDOWN_DIMENSIONS, edges=edges
        )
        rows = Dashboard._breakdown_rows
        return {
            "by_main_category": rows("main_category", parts["main_category"]),
            "by_category": rows("category", parts["category"]),
            "by_channel": rows("channel", parts["channel"]),
            "by_severity": rows("severity", parts["severity"]),
            "worst_departments": rows(
                "department", parts["department"], order="overdue"
            ),
            "worst_employees": rows(
                "employee", parts["employee"], limit=10, order="overdue"
            ),
            "trend": Dashboard._trend_rows(starts, parts["month"])
            if edges
            else Dashboard._monthly_trend(
                company.ids, span["end"], months=months, tz=span["tz"]
            ),
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
                    ("state", "!=", "merged"),  # BASE-15
                ]
                + self._visible_domain()
                + (domain or []),
                order="received_at, id",
                limit=LIST_LIMIT,
            )
        )

    def _overdue_list(self, company, start_utc, end_utc):
        Dashboard = self.env["complaint.dashboard"]
        Dashboard._prepare_scan()
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
