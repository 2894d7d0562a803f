from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools import periods

#: a complaint counts as overdue when the SLA watcher flagged it, or when it
#: was (or still is not) resolved after its resolution deadline; invalid
#: complaints are not counted (alias ``c`` = complaint_complaint)
OVERDUE_SQL = SQL(
    "(c.state != 'invalid' AND (c.is_overdue OR (c.resolution_deadline IS NOT "
    "NULL AND COALESCE(c.resolved_at, (NOW() AT TIME ZONE 'UTC')) > "
    "c.resolution_deadline)))"
)
FINISHED_SQL = SQL("c.state IN ('resolved', 'review', 'closed')")
OPEN_SQL = SQL("c.state IN ('new', 'accepted', 'in_progress')")
#: dimensions of the breakdowns: key -> (SQL expression, comodel)
DIMENSIONS = {
    "category": (SQL("c.category_id"), "complaint.category"),
    "main_category": (
        SQL("NULLIF(split_part(cat.parent_path, '/', 1), '')::integer"),
        "complaint.category",
    ),
    "channel": (SQL("c.channel_id"), "complaint.channel"),
    "department": (SQL("c.department_id"), "hr.department"),
    "employee": (SQL("c.employee_id"), "hr.employee"),
    "team": (SQL("c.team_id"), "complaint.team"),
    "user": (SQL("c.user_id"), "res.users"),
    "severity": (SQL("c.severity"), None),
    "sector": (SQL("c.sector"), None),
}
#: months shown in the dashboard trend
TREND_MONTHS = 12


class ComplaintDashboard(models.AbstractModel):
    """Figures of the managers' dashboard and of the periodic reports
    (BASE-51), computed with a few aggregate SQL queries so they stay fast on
    millions of complaints (see tests/bench/stats.py)."""

    _name = "complaint.dashboard"
    _description = "Complaint Dashboard"

    # ============================================================ helpers
    def _check_reader(self):
        if not (
            self.env.su
            or self.env.user.has_group("complaint_base.group_complaint_reviewer")
        ):
            raise AccessError(
                _("Only complaint reviewers and managers can see the statistics.")
            )

    def _stats_tz(self, company=None):
        company = company or self.env.company
        return (
            getattr(company, "complaint_tz", False)
            or self.env.user.tz
            or "Asia/Shanghai"
        )

    def _where(self, company_ids, start_utc, end_utc):
        return SQL(
            "c.company_id IN %s AND c.received_at >= %s AND c.received_at < %s",
            tuple(company_ids) or (0,),
            start_utc,
            end_utc,
        )

    # ============================================================ figures
    def _stats(self, company_ids, start_utc, end_utc):
        """Key figures of the complaints received in ``[start, end)``."""
        self.env["complaint.complaint"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT count(*) AS total,
                       count(*) FILTER (WHERE c.state != 'invalid') AS valid,
                       count(*) FILTER (WHERE %(overdue)s) AS overdue,
                       count(*) FILTER (WHERE %(open)s) AS still_open,
                       count(*) FILTER (WHERE c.severity = 'major') AS major,
                       count(*) FILTER (WHERE c.resolved_at IS NOT NULL) AS resolved,
                       avg(c.handling_days)
                           FILTER (WHERE c.resolved_at IS NOT NULL) AS avg_days,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY c.handling_days)
                           FILTER (WHERE c.resolved_at IS NOT NULL) AS p90_days,
                       count(*) FILTER (WHERE %(finished)s) AS finished,
                       count(*) FILTER (WHERE %(finished)s
                                        AND c.followup_done_at IS NOT NULL)
                           AS followed_up,
                       avg(c.satisfaction::integer) AS satisfaction,
                       count(c.satisfaction) AS rated,
                       count(*) FILTER (WHERE c.satisfaction IN ('1', '2'))
                           AS dissatisfied,
                       coalesce(sum(c.transfer_count), 0) AS transfers,
                       count(*) FILTER (WHERE c.transfer_count > 0) AS transferred,
                       count(*) FILTER (WHERE c.is_repeat) AS repeats
                  FROM complaint_complaint c
                 WHERE %(where)s
                """,
                overdue=OVERDUE_SQL,
                open=OPEN_SQL,
                finished=FINISHED_SQL,
                where=self._where(company_ids, start_utc, end_utc),
            )
        )
        row = self.env.cr.dictfetchone()
        total = row["total"]
        row.update(
            {
                "overdue_rate": periods.ratio(row["overdue"], row["valid"]),
                "followup_rate": periods.ratio(row["followed_up"], row["finished"]),
                "transfer_rate": periods.ratio(row["transferred"], total),
                "repeat_rate": periods.ratio(row["repeats"], total),
                "avg_days": round(float(row["avg_days"]), 1)
                if row["avg_days"] is not None
                else None,
                "p90_days": round(float(row["p90_days"]), 1)
                if row["p90_days"] is not None
                else None,
                "satisfaction": round(float(row["satisfaction"]), 2)
                if row["satisfaction"] is not None
                else None,
            }
        )
        return row

    def _breakdown(
        self, dimension, company_ids, start_utc, end_utc, limit=10, order="count"
    ):
        """Counts, overdue rate and handling time per ``dimension`` value."""
        expr, comodel = DIMENSIONS[dimension]
        order_sql = {
            "count": SQL("total DESC, key"),
            "overdue": SQL("overdue DESC, total DESC, key"),
        }[order]
        self.env["complaint.complaint"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT %(expr)s AS key,
                       count(*) AS total,
                       count(*) FILTER (WHERE c.state != 'invalid') AS valid,
                       count(*) FILTER (WHERE %(overdue)s) AS overdue,
                       avg(c.handling_days)
                           FILTER (WHERE c.resolved_at IS NOT NULL) AS avg_days,
                       avg(c.satisfaction::integer) AS satisfaction
                  FROM complaint_complaint c
             LEFT JOIN complaint_category cat ON cat.id = c.category_id
                 WHERE %(where)s
              GROUP BY 1
              ORDER BY %(order)s
                 LIMIT %(limit)s
                """,
                expr=expr,
                overdue=OVERDUE_SQL,
                where=self._where(company_ids, start_utc, end_utc),
                order=order_sql,
                limit=limit,
            )
        )
        rows = self.env.cr.dictfetchall()
        names = self._dimension_names(dimension, comodel, [r["key"] for r in rows])
        not_set = _("Not set")
        return [
            {
                "id": row["key"] if comodel else False,
                "key": row["key"],
                "name": names.get(row["key"]) or not_set,
                "count": row["total"],
                "overdue": row["overdue"],
                "overdue_rate": periods.ratio(row["overdue"], row["valid"]),
                "avg_days": round(float(row["avg_days"]), 1)
                if row["avg_days"] is not None
                else None,
                "satisfaction": round(float(row["satisfaction"]), 2)
                if row["satisfaction"] is not None
                else None,
            }
            for row in rows
        ]

    def _dimension_names(self, dimension, comodel, keys):
        keys = [key for key in keys if key]
        if not comodel:
            field = self.env["complaint.complaint"]._fields[dimension]
            labels = dict(field._description_selection(self.env))
            return {key: labels.get(key, key) for key in keys}
        # sudo: only the names of the grouped records are shown
        records = self.env[comodel].sudo().with_context(active_test=False).browse(keys)
        return {rec.id: rec.display_name for rec in records}

    def _monthly_trend(self, company_ids, end_local, months=TREND_MONTHS, tz=None):
        """Complaints and overdue rate per month for the ``months`` months
        ending with the one before ``end_local`` (a local first-of-month)."""
        tz = tz or self._stats_tz()
        starts = periods.month_starts(
            periods.previous_period("month", end_local)[0], months
        )
        start_utc, end_utc = periods.local_range_to_utc(starts[0], end_local, tz)
        self.env["complaint.complaint"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT to_char(date_trunc('month', (c.received_at AT TIME ZONE 'UTC')
                                          AT TIME ZONE %(tz)s), 'YYYY-MM') AS month,
                       count(*) AS total,
                       count(*) FILTER (WHERE c.state != 'invalid') AS valid,
                       count(*) FILTER (WHERE %(overdue)s) AS overdue
                  FROM complaint_complaint c
                 WHERE %(where)s
              GROUP BY 1
                """,
                tz=tz,
                overdue=OVERDUE_SQL,
                where=self._where(company_ids, start_utc, end_utc),
            )
        )
        found = {row["month"]: row for row in self.env.cr.dictfetchall()}
        trend = []
        for start in starts:
            key = f"{start.year}-{start.month:02d}"
            row = found.get(key, {"total": 0, "valid": 0, "overdue": 0})
            trend.append(
                {
                    "month": key,
                    "count": row["total"],
                    "overdue_rate": periods.ratio(row["overdue"], row["valid"]),
                }
            )
        return trend

    # ====================================================== the dashboard
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
        return [
            self._kpi("total", _("Complaints"), current, previous),
            self._kpi("overdue_rate", _("Overdue Rate"), current, previous, "%"),
            self._kpi(
                "avg_days",
                _("Average Handling Time"),
                current,
                previous,
                _("working days"),
            ),
            self._kpi(
                "p90_days",
                _("90th Percentile Handling Time"),
                current,
                previous,
                _("working days"),
            ),
            self._kpi(
                "followup_rate", _("Follow-up Rate"), current, previous, "%", "up"
            ),
            self._kpi(
                "satisfaction", _("Satisfaction (1-5)"), current, previous, "", "up"
            ),
            self._kpi("transfers", _("Transfers"), current, previous),
            self._kpi("repeat_rate", _("Repeat Rate"), current, previous, "%"),
            self._kpi("major", _("Major Complaints"), current, previous),
            self._kpi("still_open", _("Still Open"), current, previous),
        ]

    @api.model
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
        cur_utc = periods.local_range_to_utc(start, end, tz)
        prev_utc = periods.local_range_to_utc(prev_start, prev_end, tz)
        current = self._stats(company_ids, *cur_utc)
        previous = self._stats(company_ids, *prev_utc)
        month_end = periods.period_bounds("month", end - timedelta(days=1))[1]
        return {
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
            "by_category": self._breakdown("main_category", company_ids, *cur_utc),
            "by_channel": self._breakdown("channel", company_ids, *cur_utc),
            "by_department": self._breakdown(
                "department", company_ids, *cur_utc, order="overdue"
            ),
            "by_employee": self._breakdown("employee", company_ids, *cur_utc, limit=5),
            "by_severity": self._breakdown("severity", company_ids, *cur_utc),
            "trend": self._monthly_trend(company_ids, month_end, tz=tz),
        }
