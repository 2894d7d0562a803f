from odoo import _, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.query import Query

from ..tools import local_day, periods, stats_rollup

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
PARTIALS = (
    "total",
    "valid",
    "withdrawn",
    "overdue",
    "resolved",
    "sum_days",
    "rated",
    "sum_sat",
)
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

    def _check_company(self, company):
        """Reports are built with sudo: only for the user's own companies."""
        if not self.env.su and company not in self.env.user.company_ids:
            raise AccessError(
                _("You cannot see the statistics of company %s.", company.name)
            )

    def _stats_tz(self, company=None):
        """Days are those of the company's complaint time zone (DL-1)."""
        return local_day.company_tz((company or self.env.company).sudo())

    def _scope(self, company_ids):
        """The complaints every statistic counts: of these companies, not
        merged (BASE-15), readable by the reader (BASE-54).  The reader's
        record rules are applied to the scanned rows themselves (alias
        ``c``), not through an ``id IN (subquery)`` over the whole table."""
        where = SQL(
            "c.company_id IN %s AND %s", tuple(company_ids) or (0,), IN_SCOPE_SQL
        )
        if self.env.su:
            return where
        Complaint = self.env["complaint.complaint"]
        domain = self.env["ir.rule"]._compute_domain(Complaint._name, "read")
        if not domain:
            return where
        query = Query(self.env, "c", SQL.identifier(Complaint._table))
        expression.expression(domain, Complaint.sudo(), "c", query)
        if query.is_empty():
            return SQL("FALSE")
        if query.from_clause != Query(self.env, "c", query._tables["c"]).from_clause:
            # the rules need a join: filter through the readable ids instead
            visible = self._visible_complaints()
            return SQL("%s AND c.id IN %s", where, visible.subselect())
        return SQL("%s AND %s", where, query.where_clause)

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
        compiling then takes longer than the index-only scan itself.
        ``SET LOCAL`` is allowed on a read-only (replica) transaction."""
        self.env["complaint.complaint"].flush_model()
        self.env.cr.execute(SQL("SET LOCAL jit = off"))

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
        """Key figures of each ``(start, end)`` UTC range, in one query: one
        index-only range scan per period (``complaint.report`` creates the
        covering index), grouped into complaint classes that
        :func:`..tools.stats_rollup.rollup` sums up."""
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
            for idx, (start, end) in enumerate(ranges)
        ]
        self.env.cr.execute(SQL(" UNION ALL ").join(branches))
        classes = [[] for _range in ranges]
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

    def _late_sql(self):
        """Past its resolution deadline (whatever the state), with the time
        of the request as a constant (no function call per row)."""
        return SQL(
            "(c.is_overdue OR COALESCE(c.resolved_at, %s) > c.resolution_deadline)",
            fields.Datetime.now(),
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

    def _flags_sql(self, where, keys):
        """One row per complaint of ``where`` with the ``keys`` (``[(name,
        SQL)]``) and the 0/1 flags the partials sum; ``OFFSET 0`` keeps the
        flags computed once per complaint, not once per grouping set."""
        return SQL(
            """SELECT %(keys)s,
                      (NOT %(not_valid)s)::int AS valid,
                      (c.state = 'withdrawn')::int AS withdrawn,
                      (NOT %(not_valid)s AND %(late)s)::int AS overdue,
                      (c.resolved_at IS NOT NULL)::int AS resolved,
                      CASE WHEN c.resolved_at IS NOT NULL
                           THEN c.handling_days ELSE 0 END AS days,
                      (c.satisfaction_score > 0)::int AS rated,
                      c.satisfaction_score AS score
                 FROM complaint_complaint c
                WHERE %(where)s
               OFFSET 0""",
            keys=SQL(", ").join(
                SQL("%s AS %s", expr, SQL.identifier(f"k_{name}"))
                for name, expr in keys
            ),
            not_valid=NOT_VALID_SQL,
            late=self._late_sql(),
            where=where,
        )

    def _partials_sql(self):
        """The additive figures of a group of :meth:`_flags_sql` rows."""
        return SQL(
            """count(*) AS total,
               coalesce(sum(f.valid), 0) AS valid,
               coalesce(sum(f.withdrawn), 0) AS withdrawn,
               coalesce(sum(f.overdue), 0) AS overdue,
               coalesce(sum(f.resolved), 0) AS resolved,
               coalesce(sum(f.days), 0) AS sum_days,
               coalesce(sum(f.rated), 0) AS rated,
               coalesce(sum(f.score), 0) AS sum_sat"""
        )

    def _breakdowns(self, company_ids, start_utc, end_utc, dimensions, edges=None):
        """Additive figures per value of each dimension, and per month when
        ``edges`` (the UTC starts of the months plus the end) are given, in a
        single scan (``GROUPING SETS``): ``{dimension: {key: {partial: n}}}``.
        ``main_category`` is rolled up from ``category``."""
        wanted = list(
            dict.fromkeys(
                "category" if dim == "main_category" else dim for dim in dimensions
            )
        )
        keys = [(dim, DIMENSIONS[dim][0]) for dim in wanted]
        if edges:
            keys.append(
                (
                    "month",
                    SQL("width_bucket(c.received_at, %s::timestamp[])", list(edges)),
                )
            )
        self._prepare_scan()
        self.env.cr.execute(
            SQL(
                """
                SELECT %(groupings)s, %(key_cols)s, %(partials)s
                  FROM (%(flags)s) f
              GROUP BY GROUPING SETS (%(sets)s)
                """,
                groupings=SQL(", ").join(
                    SQL("GROUPING(%s) AS %s", col, SQL.identifier(f"g_{dim}"))
                    for dim, col in self._key_columns(keys)
                ),
                key_cols=SQL(", ").join(col for _dim, col in self._key_columns(keys)),
                partials=self._partials_sql(),
                flags=self._flags_sql(
                    self._where(company_ids, start_utc, end_utc), keys
                ),
                sets=SQL(", ").join(
                    SQL("(%s)", col) for _dim, col in self._key_columns(keys)
                ),
            )
        )
        result = {dim: {} for dim, _expr in keys}
        for row in self.env.cr.dictfetchall():
            dim = next(d for d, _expr in keys if row[f"g_{d}"] == 0)
            result[dim][row[f"k_{dim}"]] = {p: row[p] for p in PARTIALS}
        if "main_category" in dimensions:
            result["main_category"] = self._rollup_main_category(result["category"])
        return result

    def _key_columns(self, keys):
        return [(dim, SQL.identifier("f", f"k_{dim}")) for dim, _expr in keys]

    def _rollup_main_category(self, by_category):
        categories = (
            self.env["complaint.category"]
            .sudo()
            .browse([key for key in by_category if key])
        )
        root_of = {
            cat.id: int(cat.parent_path.split("/")[0]) if cat.parent_path else cat.id
            for cat in categories.with_context(active_test=False)
        }
        rolled = {}
        for key, parts in by_category.items():
            root = root_of.get(key) if key else None
            target = rolled.setdefault(root, dict.fromkeys(PARTIALS, 0))
            for name in PARTIALS:
                target[name] += parts[name]
        return rolled

    def _figures(self, parts):
        """Rates and averages of additive figures."""
        return {
            "count": parts["total"],
            "withdrawn": parts["withdrawn"],
            "overdue": parts["overdue"],
            "overdue_rate": periods.ratio(parts["overdue"], parts["valid"]),
            "avg_days": round(parts["sum_days"] / parts["resolved"], 1)
            if parts["resolved"]
            else None,
            "satisfaction": round(parts["sum_sat"] / parts["rated"], 2)
            if parts["rated"]
            else None,
        }

    def _breakdown_rows(self, dimension, partials, limit=10, order="count"):
        """Sorted, named rows of one dimension of :meth:`_breakdowns`."""
        rows = [
            {"id": key, "key": key, **self._figures(parts)}
            for key, parts in partials.items()
        ]
        if order == "overdue":
            rows.sort(key=lambda r: (-r["overdue"], -r["count"], str(r["key"])))
        else:
            rows.sort(key=lambda r: (-r["count"], str(r["key"])))
        rows = rows[:limit]
        comodel = (
            "complaint.category"
            if dimension == "main_category"
            else DIMENSIONS[dimension][1]
        )
        names = self._dimension_names(dimension, comodel, [r["key"] for r in rows])
        not_set = _("Not set")
        for row in rows:
            row["name"] = names.get(row["key"]) or not_set
            if not comodel:
                row["id"] = False
        return rows

    def _breakdown(
        self, dimension, company_ids, start_utc, end_utc, limit=10, order="count"
    ):
        """Counts, overdue rate and handling time per ``dimension`` value."""
        partials = self._breakdowns(company_ids, start_utc, end_utc, [dimension])
        return self._breakdown_rows(dimension, partials[dimension], limit, order)

    def _dimension_names(self, dimension, comodel, keys):
        keys = [key for key in keys if key]
        if not comodel:
            field = self.env["complaint.complaint"]._fields[dimension]
            labels = dict(field._description_selection(self.env))
            return {key: labels.get(key, key) for key in keys}
        # sudo: only the names of the grouped records are shown
        records = self.env[comodel].sudo().with_context(active_test=False).browse(keys)
        return {rec.id: rec.display_name for rec in records}

    def _month_edges(self, first_month, months, tz):
        """``months + 1`` local month starts from ``first_month`` and their UTC
        instants (the last edge ends the last month)."""
        starts = [periods.add_months(first_month, i) for i in range(months + 1)]
        edges = [local_day.local_midnight_utc(day, tz) for day in starts]
        return starts, edges

    def _trend_rows(self, starts, by_bucket):
        """Trend rows from month partials keyed by ``width_bucket`` index."""
        trend = []
        for index, start in enumerate(starts[:-1], start=1):
            parts = by_bucket.get(index) or dict.fromkeys(PARTIALS, 0)
            trend.append(
                {
                    "month": f"{start.year}-{start.month:02d}",
                    "count": parts["total"],
                    "overdue_rate": periods.ratio(parts["overdue"], parts["valid"]),
                }
            )
        return trend

    def _monthly_trend(self, company_ids, end_local, months=TREND_MONTHS, tz=None):
        """Complaints and overdue rate per month for the ``months`` months
        ending with the one before ``end_local`` (a local first-of-month).
        Months are told apart with ``width_bucket`` on their UTC starts, so
        no time-zone conversion runs per row."""
        tz = tz or self._stats_tz()
        end_start = periods.period_bounds("month", end_local)[0]
        first = periods.add_months(end_start, -months)
        starts, edges = self._month_edges(first, months, tz)
        bucket = SQL("width_bucket(c.received_at, %s::timestamp[])", edges)
        self._prepare_scan()
        self.env.cr.execute(
            SQL(
                "SELECT f.k_bucket AS bucket, %s FROM (%s) f GROUP BY 1",
                self._partials_sql(),
                self._flags_sql(
                    self._where(company_ids, edges[0], edges[-1]),
                    [("bucket", bucket)],
                ),
            )
        )
        found = {row["bucket"]: row for row in self.env.cr.dictfetchall()}
        return self._trend_rows(starts, found)


def _rounded(value, digits):
    return round(float(value), digits) if value is not None else None
