from odoo import _, models
from odoo.tools import SQL

from ..tools import local_day, periods, stats_rollup
from .complaint_dashboard import CLASS_KEYS, DIMENSIONS, PARTIALS, TREND_MONTHS

#: dimensions grouped in one grouping set (their combinations stay few: a
#: few values each, or an employee within their department), summed per
#: dimension in Python (issue 14: fewer hash tables fed per complaint)
SHARED_SETS = (
    ("month", "channel", "severity", "sector"),
    ("department", "employee"),
    ("team", "user"),
)


class ComplaintDashboard(models.AbstractModel):
    """Breakdowns of the statistics (BASE-51): additive figures per
    category, channel, department, employee, severity and month, from one
    scan of the period (``GROUPING SETS``), and the monthly trend."""

    _inherit = "complaint.dashboard"

    def _breakdowns(
        self, company_ids, start_utc, end_utc, dimensions, edges=None, classes=False
    ):
        """Additive figures per value of each dimension, and per month when
        ``edges`` (the UTC starts of the months plus the end) are given, in a
        single scan (``GROUPING SETS``): ``{dimension: {key: {partial: n}}}``.
        ``main_category`` is rolled up from ``category``.  ``classes``: the
        period's key figures too (``"figures"``, as :meth:`_stats`), from
        the same scan (issue 14: one scan of the period, not two)."""
        cells = self._breakdowns_from_cells(
            company_ids, start_utc, end_utc, dimensions, edges, classes
        )
        if cells is not None:
            return cells
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
                    for dim, col in self._key_columns(keys, classes)
                ),
                key_cols=SQL(", ").join(
                    [col for _dim, col in self._key_columns(keys)]
                    + [SQL.identifier("f", key) for key in CLASS_KEYS if classes]
                ),
                partials=self._partials_sql(classes),
                flags=self._flags_sql(
                    self._where(company_ids, start_utc, end_utc), keys, classes
                ),
                sets=self._grouping_sets(keys, classes),
            )
        )
        result = self._read_breakdowns(keys, classes)
        if "main_category" in dimensions:
            result["main_category"] = self._rollup_main_category(result["category"])
        return result

    def _read_breakdowns(self, keys, classes):
        """The fetched groups of :meth:`_breakdowns` summed per dimension
        value, and the key figures from the classes' grouping set."""
        result = {dim: {} for dim, _expr in keys}
        class_rows = []
        for row in self.env.cr.dictfetchall():
            if classes and row["g_state"] == 0:
                class_rows.append(row)
                continue
            for dim, _expr in keys:
                if row[f"g_{dim}"] == 0:
                    parts = result[dim].setdefault(
                        row[f"k_{dim}"], dict.fromkeys(PARTIALS, 0)
                    )
                    stats_rollup.add_partials(parts, row)
        if classes:
            result["figures"] = self._stats_row(stats_rollup.rollup(class_rows))
        return result

    def _grouping_sets(self, keys, classes=False):
        """One set per dimension, or per group of :data:`SHARED_SETS`, each
        with the complaint class (``f.cls``), and with ``classes`` the set of
        the key figures' classes."""
        columns = dict(self._key_columns(keys))
        sets = [
            [columns[dim] for dim in shared if dim in columns] for shared in SHARED_SETS
        ]
        shared = {dim for group in SHARED_SETS for dim in group}
        sets += [[col] for dim, col in columns.items() if dim not in shared]
        grouped = [SQL("(%s, f.cls)", SQL(", ").join(cols)) for cols in sets if cols]
        if classes:
            grouped.append(
                SQL(
                    "(%s)",
                    SQL(", ").join(SQL.identifier("f", key) for key in CLASS_KEYS),
                )
            )
        return SQL(", ").join(grouped)

    def _key_columns(self, keys, classes=False):
        """``(name, column)`` of the grouped dimensions; with ``classes``
        also ``state``, whose ``GROUPING`` tells the classes' rows."""
        columns = [(dim, SQL.identifier("f", f"k_{dim}")) for dim, _expr in keys]
        if classes:
            columns.append(("state", SQL.identifier("f", "state")))
        return columns

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
        cells = self._cell_figures(company_ids, edges)
        if cells is not None:
            return self._trend_rows(starts, dict(enumerate(cells["months"], start=1)))
        bucket = SQL("width_bucket(c.received_at, %s::timestamp[])", edges)
        self._prepare_scan()
        self.env.cr.execute(
            SQL(
                "SELECT f.k_bucket AS bucket, %s FROM (%s) f GROUP BY 1, 2",
                self._partials_sql(),
                self._flags_sql(
                    self._where(company_ids, edges[0], edges[-1]),
                    [("bucket", bucket)],
                ),
            )
        )
        found = {}
        for row in self.env.cr.dictfetchall():
            parts = found.setdefault(row["bucket"], dict.fromkeys(PARTIALS, 0))
            stats_rollup.add_partials(parts, row)
        return self._trend_rows(starts, found)
