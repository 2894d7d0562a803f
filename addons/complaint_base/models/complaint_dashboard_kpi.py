from datetime import timedelta

from odoo import _, api, fields, models

from ..tools import local_day, periods
from .complaint_dashboard import TREND_MONTHS

#: the dimensions of the dashboard's breakdown tables
DASHBOARD_DIMENSIONS = (
    "main_category",
    "channel",
    "department",
    "employee",
    "severity",
)


class ComplaintDashboard(models.AbstractModel):
    """What the managers' dashboard shows (BASE-51): key figures compared
    with the previous period, breakdowns and a 12-month trend.  Reads only,
    so the OWL client action is served from a read replica when
    ``db_replica_host`` is set (``@api.readonly``: ``/web/dataset/call_kw``
    then runs on a read-only cursor)."""

    _inherit = "complaint.dashboard"

    def _kpi(self, key, label, current, previous, unit="", better="down"):
        cur, prev = current.get(key), previous.get(key)
        return {
            "key": key,
            "label": label,
            "value": cur,
            "previous": prev,
            "trend": periods.trend(cur, prev),
            "unit": unit,
            "better": better,
        }

    def _kpis(self, current, previous):
        days = _("working days")
        specs = [
            ("total", _("Complaints"), "", "down"),
            ("overdue_rate", _("Overdue Rate"), "%", "down"),
            ("avg_days", _("Average Handling Time"), days, "down"),
            ("p90_days", _("90th Percentile Handling Time"), days, "down"),
            ("followup_rate", _("Follow-up Rate"), "%", "up"),
            ("satisfaction", _("Satisfaction (1-5)"), "", "up"),
            ("transfers", _("Transfers"), "", "down"),
            ("repeat_rate", _("Repeat Rate"), "%", "down"),
            ("major", _("Major Complaints"), "", "down"),
            ("still_open", _("Still Open"), "", "down"),
            # BASE-12/16: invalid and withdrawn complaints count apart
            ("withdrawn", _("Withdrawn"), "", "down"),
            ("invalid", _("Invalid"), "", "down"),
        ]
        return [
            self._kpi(key, label, current, previous, unit, better)
            for key, label, unit, better in specs
        ]

    @api.model
    @api.readonly
    def get_dashboard_data(self, period_type="month", date=None):
        """Everything the dashboard shows, for the period of ``period_type``
        containing ``date`` (default today), compared with the previous one.
        Called by the OWL client action ``complaint_base.dashboard``."""
        self._check_reader()
        if period_type not in periods.PERIOD_TYPES:
            period_type = "month"
        day = fields.Date.to_date(date) if date else fields.Date.context_today(self)
        tz = self._stats_tz()
        company_ids = self.env.companies.ids
        start, end = periods.period_bounds(period_type, day)
        prev_start, prev_end = periods.previous_period(period_type, day)
        cur_utc = local_day.local_day_bounds(start, end, tz)
        prev_utc = local_day.local_day_bounds(prev_start, prev_end, tz)
        # the current period's key figures come with its breakdowns (one scan)
        (previous,) = self._stats_many(company_ids, [prev_utc])
        tables = self._dashboard_tables(company_ids, start, end, cur_utc, tz)
        current = tables.pop("figures")
        data = {
            "period_type": period_type,
            "date": fields.Date.to_string(day),
            "date_from": fields.Date.to_string(start),
            "date_to": fields.Date.to_string(end - timedelta(days=1)),
            "period_label": periods.period_key(period_type, start),
            "previous_label": periods.period_key(period_type, prev_start),
            "previous_date": fields.Date.to_string(prev_start),
            "next_date": fields.Date.to_string(end),
            "received_from": fields.Datetime.to_string(cur_utc[0]),
            "received_to": fields.Datetime.to_string(cur_utc[1]),
            "kpis": self._kpis(current, previous),
        }
        data.update(tables)
        return data

    def _dashboard_tables(self, company_ids, start, end, cur_utc, tz):
        """Breakdowns of the period and the 12-month trend ending with the
        period's last month; for a year the trend is the period itself and
        comes from the same scan as the breakdowns, and so do the key
        figures of the period (``"figures"``)."""
        trend_first = periods.add_months(end, -TREND_MONTHS)
        starts = edges = None
        if trend_first >= start:
            starts, edges = self._month_edges(trend_first, TREND_MONTHS, tz)
        parts = self._breakdowns(
            company_ids, *cur_utc, DASHBOARD_DIMENSIONS, edges=edges, classes=True
        )
        trend = (
            self._trend_rows(starts, parts["month"])
            if edges
            else self._monthly_trend(company_ids, end, tz=tz)
        )
        rows = self._breakdown_rows
        return {
            "by_category": rows("main_category", parts["main_category"]),
            "by_channel": rows("channel", parts["channel"]),
            "by_department": rows("department", parts["department"], order="overdue"),
            "by_employee": rows("employee", parts["employee"], limit=5),
            "by_severity": rows("severity", parts["severity"]),
            "trend": trend,
            "figures": parts["figures"],
        }
