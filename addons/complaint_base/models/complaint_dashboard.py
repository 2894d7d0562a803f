from odoo import _, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.query import Query

from ..tools import local_day, periods, stats_cells, stats_rollup

#: BASE-15: a merged repeat is not a complaint of its own: every statistic
#: leaves it out (its original counts once)
IN_SCOPE_SQL = SQL("c.state != 'merged'")
#: a complaint counts as overdue when the SLA watcher flagged it, or when it
#: was (or still is not) resolved after its resolution deadline; invalid
#: and withdrawn complaints are not counted (alias ``c`` = complaint_complaint)
#: BASE-12/16: invalid and withdrawn complaints count apart from the valid ones
NOT_VALID_SQL = SQL("c.state IN ('invalid', 'withdrawn')")
OVERDUE_SQL = SQL(
    "(c.state NOT IN ('invalid', 'withdrawn') AND (c.is_overdue OR (c.resolution_deadline IS NOT "
    "NULL AND COALESCE(c.resolved_at, (NOW() AT TIME ZONE 'UTC')) > "
    "c.resolution_deadline)))"
)
FINISHED_SQL = SQL("c.state IN ('resolved', 'review', 'closed')")
OPEN_SQL = SQL("c.state IN ('new', 'accepted', 'in_progress')")
#: dimensions of the breakdowns: key -> (SQL expression, comodel); the main
#: category is rolled up in Python from the categories (no join per row)
DIMENSIONS = {
    "category": (SQL("c.category_id"), "complaint.category"),
    "channel": (SQL("c.channel_id"), "complaint.channel"),
    "department": (SQL("c.department_id"), "hr.department"),
    "employee": (SQL("c.employee_id"), "hr.employee"),
    "team": (SQL("c.team_id"), "complaint.team"),
    "user": (SQL("c.user_id"), "res.users"),
    "severity": (SQL("c.severity"), None),
    "sector": (SQL("c.sector"), None),
}
#: additive figures summed per group, from which rates and averages follow
PARTIALS = stats_rollup.PARTIALS
#: the columns of :meth:`ComplaintDashboard._flags_sql` (``classes``) that
#: classify a complaint for the key figures (:func:`..tools.stats_rollup.rollup`)
CLASS_KEYS = stats_cells.CLASS_COLUMNS
#: memory of a statistics query's hash tables (``_prepare_scan``)
STATS_WORK_MEM = "64MB"
#: months shown in the dashboard trend
TREND_MONTHS = 12


class ComplaintDashboard(models.AbstractModel):
    """Figures of the managers' dashboard and of the periodic reports
    (BASE-51), computed with a few aggregate SQL queries so they stay fast on
    millions of complaints (see tests/bench/stats.py).

    Issue 14: a period of whole local months (a month, a quarter, a year
    and its 12-month trend) is read from month cells
    (``complaint.stats.cell``, see ``complaint_dashboard_cells.py``): the
    figures of each company's month stored once, counted again only when a
    complaint of that month changed or an open one fell due, minus what the
    reader's record rules hide (counted live), so they stay exact.  Any
    other range is counted live: one index-only scan for its breakdowns,
    month trend and key figures (one ``GROUPING SETS`` query whose sets
    group by a value and the complaint's small class, or by the key
    figures' classes), summed in Python."""

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

    def _check_company(self, company):
        """Reports are built with sudo: only for the user's own companies."""
        if not self.env.su and company not in self.env.user.company_ids:
            raise AccessError(
                _("You cannot see the statistics of company %s.", company.name)
            )

    def _stats_tz(self, company=None):
        """Days are those of the company's complaint time zone (DL-1)."""
        return local_day.company_tz((company or self.env.company).sudo())

    def _base_scope(self, company_ids):
        """The complaints of these companies every statistic counts: not
        merged (BASE-15)."""
        return SQL(
            "c.company_id IN %s AND %s", tuple(company_ids) or (0,), IN_SCOPE_SQL
        )

    def _scope(self, company_ids):
        """The complaints every statistic counts: of these companies, not
        merged (BASE-15), readable by the reader (BASE-54)."""
        where = self._base_scope(company_ids)
        rule = self._rule_sql()
        if rule is None:
            return where
        if rule is False:
            return SQL("FALSE")
        return SQL("%s AND %s", where, rule)

    def _rule_sql(self):
        """BASE-54: the condition of the reader's record rules on a
        complaint (alias ``c``): ``None`` when the reader may read every
        complaint of their companies (superuser, or no rule), ``False`` when
        they may read none.  The rules are applied to the scanned rows
        themselves, not through an ``id IN (subquery)`` over the whole
        table, unless they need a join."""
        if self.env.su:
            return None
        Complaint = self.env["complaint.complaint"]
        domain = self.env["ir.rule"]._compute_domain(Complaint._name, "read")
        if not domain:
            return None
        table = SQL.identifier(Complaint._table)
        query = Query(self.env, "c", table)
        expression.expression(domain, Complaint.sudo(), "c", query)
        if query.is_empty():
            return False
        if query.from_clause != Query(self.env, "c", table).from_clause:
            # the rules need a join: filter through the readable ids instead
            return SQL("c.id IN %s", self._visible_complaints().subselect())
        return query.where_clause

    def _where(self, company_ids, start_utc, end_utc):
        return SQL(
            "%s AND c.received_at >= %s AND c.received_at < %s",
            self._scope(company_ids),
            start_utc,
            end_utc,
        )

    def _prepare_scan(self):
        """Before a statistics query: pending writes flushed, and no JIT
        compilation for this transaction: the record rules' sub-queries
        inflate the planner's cost estimate past ``jit_above_cost`` and
        compiling then takes longer than the index-only scan itself.  And
        enough memory for the grouping sets to be hashed in one pass (the
        default 4 MB makes PostgreSQL sort a year of complaints on disk,
        four times slower).  ``SET LOCAL`` is allowed on a read-only
        (replica) transaction and ends with it."""
        self.env["complaint.complaint"].flush_model()
        self.env.cr.execute(SQL("SET LOCAL jit = off"))
        self.env.cr.execute(SQL("SET LOCAL work_mem = %s", STATS_WORK_MEM))

    def _visible_complaints(self):
        """BASE-54: the figures count only the complaints the reader may
        read (a reviewer does not count the confidential complaints about
        themselves); ``None`` for the superuser (scheduled reports)."""
        if self.env.su:
            return None
        return (
            self.env["complaint.complaint"].with_context(active_test=False)._search([])
        )

    # ============================================================ figures
    def _stats(self, company_ids, start_utc, end_utc):
        """Key figures of the complaints received in ``[start, end)``."""
        return self._stats_many(company_ids, [(start_utc, end_utc)])[0]

    def _stats_many(self, company_ids, ranges):
        """Key figures of each ``(start, end)`` UTC range: from the month
        cells when the range is whole months, otherwise in one query: one
        index-only range scan per period (``complaint.report`` creates the
        covering index), grouped into complaint classes that
        :func:`..tools.stats_rollup.rollup` sums up.  A range asked twice
        (a year's previous period is also its last year) is read once."""
        ranges = [tuple(span) for span in ranges]
        figures = {}
        for span in dict.fromkeys(ranges):
            cells = self._cell_figures(company_ids, self._cell_edges(*span))
            if cells is not None:
                figures[span] = self._stats_row(stats_rollup.rollup(cells["classes"]))
        live = [span for span in dict.fromkeys(ranges) if span not in figures]
        if live:
            figures.update(zip(live, self._stats_live(company_ids, live), strict=True))
        return [dict(figures[span]) for span in ranges]

    def _stats_live(self, company_ids, unique):
        """Key figures of each of the ``unique`` ranges counted live."""
        self._prepare_scan()
        branches = [
            SQL(
                """SELECT %(idx)s AS idx, %(keys)s, count(*) AS n,
                          sum(c.transfer_count) AS transfers
                     FROM complaint_complaint c
                    WHERE %(where)s
                 GROUP BY 2, 3, 4, 5, 6, 7, 8, 9, 10""",
                idx=idx,
                keys=self._class_keys_sql(),
                where=self._where(company_ids, start, end),
            )
            for idx, (start, end) in enumerate(unique)
        ]
        self.env.cr.execute(SQL(" UNION ALL ").join(branches))
        classes = [[] for _range in unique]
        for row in self.env.cr.dictfetchall():
            classes[row["idx"]].append(row)
        return [self._stats_row(stats_rollup.rollup(rows)) for rows in classes]

    def _class_keys_sql(self):
        """The columns that classify a complaint for the key figures."""
        return SQL(
            """c.state AS state,
               c.severity = 'major' AS major,
               %(late)s AS late,
               c.resolved_at IS NOT NULL AS resolved,
               c.handling_days AS days,
               c.followup_done_at IS NOT NULL AS followed,
               c.satisfaction_score AS score,
               c.transfer_count > 0 AS transferred,
               c.is_repeat AS repeat""",
            late=self._late_sql(),
        )

    def _late_sql(self, now=None):
        """Past its resolution deadline (whatever the state), with the time
        of the request as a constant (no function call per row)."""
        return SQL(
            "(c.is_overdue OR COALESCE(c.resolved_at, %s) > c.resolution_deadline)",
            now or fields.Datetime.now(),
        )

    def _stats_row(self, row):
        """Rates and rounded averages of the figures of one period."""
        total = row["total"]
        row.update(
            {
                "overdue_rate": periods.ratio(row["overdue"], row["valid"]),
                "followup_rate": periods.ratio(row["followed_up"], row["finished"]),
                "transfer_rate": periods.ratio(row["transferred"], total),
                "repeat_rate": periods.ratio(row["repeats"], total),
                "avg_days": _rounded(row["avg_days"], 1),
                "p90_days": _rounded(row["p90_days"], 1),
                "satisfaction": _rounded(row["satisfaction"], 2),
            }
        )
        return row

    def _flags_sql(self, where, keys, classes=False, now=None):
        """One row per complaint of ``where`` with the ``keys`` (``[(name,
        SQL)]``), its class for the breakdowns (``cls``, see
        :func:`..tools.stats_rollup.add_partials`: validity, resolved, rated
        packed in one small integer), its handling days and satisfaction
        score.  Grouped by ``(key, cls)`` the database only counts and sums
        two columns per group; the additive figures follow in Python.
        ``classes``: also the columns of the key figures' classes
        (:attr:`CLASS_KEYS`, ``transfers``), so the period's key figures come
        from the same scan.  ``OFFSET 0`` keeps the class computed once per
        complaint, not once per grouping set."""
        # one "now" for the class and the key figures' lateness
        late = self._late_sql(now)
        return SQL(
            """SELECT %(keys)s,
                      (CASE WHEN c.state = 'invalid' THEN 0
                            WHEN c.state = 'withdrawn' THEN 1
                            WHEN %(late)s THEN 3 ELSE 2 END) * 4
                      + (c.resolved_at IS NOT NULL)::int * 2
                      + (coalesce(c.satisfaction_score, 0) > 0)::int AS cls,
                      c.handling_days AS days,
                      c.satisfaction_score AS score
                      %(classes)s
                 FROM complaint_complaint c
                WHERE %(where)s
               OFFSET 0""",
            keys=SQL(", ").join(
                SQL("%s AS %s", expr, SQL.identifier(f"k_{name}"))
                for name, expr in keys
            ),
            late=late,
            classes=SQL(
                """, c.state AS state,
                   c.severity = 'major' AS major,
                   %s AS late,
                   c.resolved_at IS NOT NULL AS resolved,
                   c.followup_done_at IS NOT NULL AS followed,
                   c.transfer_count > 0 AS transferred,
                   c.is_repeat AS repeat,
                   c.transfer_count AS transfers""",
                late,
            )
            if classes
            else SQL(""),
            where=where,
        )

    def _partials_sql(self, classes=False):
        """What the database sums per ``(key, cls)`` group of
        :meth:`_flags_sql` rows (see :func:`..tools.stats_rollup.add_partials`),
        with ``classes`` also the transfers of a class of key figures."""
        return SQL(
            """f.cls AS cls, count(*) AS n,
               sum(f.days) AS sum_days,
               sum(f.score) AS sum_sat%s""",
            SQL(", sum(f.transfers) AS transfers") if classes else SQL(""),
        )


def _rounded(value, digits):
    return round(float(value), digits) if value is not None else None
