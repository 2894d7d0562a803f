import logging

from odoo import fields, models
from odoo.tools import SQL

from ..tools import local_day, periods, stats_cells, stats_rollup
from .complaint_dashboard import DIMENSIONS
from .complaint_stats_cell import STALE_SQL

_logger = logging.getLogger(__name__)

#: ``jsonb_to_recordset`` column definitions of a stored cell row
RECORD_TYPES = SQL(", ").join(
    SQL("%s %s", SQL.identifier(name), SQL(sql_type))
    for name, sql_type in stats_cells.ROW_TYPES
)


class ComplaintDashboard(models.AbstractModel):
    """Statistics of whole local months from month cells
    (``complaint.stats.cell``, issue 14): a period of whole months sums the
    cells of its months, counts the months without a valid cell live (and
    stores their cells when the transaction may write), and subtracts what
    the reader's record rules hide, counted live.  Any other range, or a
    dimension a cell does not carry, is counted live as before."""

    _inherit = "complaint.dashboard"

    # ============================================================ entry
    def _cell_edges(self, start_utc, end_utc, tz=None):
        """The UTC starts of the local months of ``[start_utc, end_utc)``
        and its end, or ``None`` when the range is not whole local months
        of ``tz`` (default: the company's complaint zone)."""
        tz = tz or self._stats_tz()
        starts = stats_cells.month_starts(start_utc, end_utc, tz)
        if not starts:
            return None
        return [local_day.local_midnight_utc(day, tz) for day in starts]

    def _cell_figures(self, company_ids, edges):
        """:func:`..tools.stats_cells.reduce_rows` of the complaints of
        ``company_ids`` received in the months of ``edges`` (see
        :meth:`_cell_edges`) as the reader sees them, or ``None`` when the
        reader's rules leave nothing to read (counted live: nothing)."""
        hidden = self._rule_sql()
        if not edges or not company_ids or hidden is False:
            return None
        self._prepare_scan()
        now = fields.Datetime.now()
        wanted = [
            (company, index, edges[index], edges[index + 1])
            for company in company_ids
            for index in range(len(edges) - 1)
        ]
        cached = self._valid_cells(wanted, now)
        missing = [cell for cell in wanted if (cell[0], cell[2]) not in cached]
        # a month still under way changes with every registration: counted
        # live, not stored (no new cell per dashboard view)
        storable = [cell for cell in missing if cell[3] <= now]
        if storable and not self.env.cr.readonly:
            cached.update(self._store_cells(storable, now))
            missing = [cell for cell in missing if cell[3] > now]
        fresh = SQL("")
        if missing:
            fresh = SQL(
                " UNION ALL SELECT m, %s FROM (%s) fresh",
                self._row_columns("fresh"),
                self._cells_sql(missing, now, by_month=True),
            )
        parts = [
            SQL(
                """SELECT x.m, %(cols)s
                     FROM complaint_stats_cell cell
                     JOIN unnest(%(ids)s::int[], %(ms)s::int[]) AS x(id, m)
                       ON x.id = cell.id,
                          jsonb_to_recordset(cell.payload) AS r(%(types)s)""",
                cols=self._row_columns("r"),
                ids=[cell_id for cell_id, _m in cached.values()],
                ms=[m for _cell_id, m in cached.values()],
                types=RECORD_TYPES,
            ),
            fresh,
        ]
        if hidden is not None:
            parts.append(self._hidden_rows_sql(company_ids, edges, hidden, now))
        return self._sum_rows(SQL("").join(parts), len(edges) - 1)

    def _breakdowns_from_cells(
        self, company_ids, start_utc, end_utc, dimensions, edges, classes
    ):
        """:meth:`_breakdowns` from month cells, or ``None`` when they do
        not serve (a range not of whole months, months other than the
        range's, a dimension a cell does not carry)."""
        wanted = {"category" if dim == "main_category" else dim for dim in dimensions}
        if not wanted <= set(stats_cells.CELL_DIMENSIONS):
            return None
        cell_edges = self._cell_edges(start_utc, end_utc)
        if not cell_edges or (edges and list(edges) != cell_edges):
            return None
        cells = self._cell_figures(company_ids, cell_edges)
        if cells is None:
            return None
        result = {dim: cells["dims"][dim] for dim in wanted}
        if edges:
            result["month"] = dict(enumerate(cells["months"], start=1))
        if classes:
            result["figures"] = self._stats_row(stats_rollup.rollup(cells["classes"]))
        if "main_category" in dimensions:
            result["main_category"] = self._rollup_main_category(result["category"])
        return result

    def _warm_cells(self, months):
        """Store the cells of the last ``months`` months (the current one
        included) of each company with complaints, one commit per company
        (the nightly run, so that a read replica finds them ready)."""
        self.env.cr.execute(
            "SELECT id FROM res_company co WHERE EXISTS "
            "(SELECT 1 FROM complaint_complaint c WHERE c.company_id = co.id)"
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        for company in self.env["res.company"].browse(ids):
            tz = self._stats_tz(company)
            first = periods.add_months(
                periods.period_bounds("month", fields.Date.context_today(self))[0],
                1 - months,
            )
            edges = [
                local_day.local_midnight_utc(periods.add_months(first, i), tz)
                for i in range(months + 1)
            ]
            try:
                with self.env.cr.savepoint():
                    self._cell_figures(company.ids, edges)
            except Exception:
                _logger.exception("statistics cache of %s not computed", company.name)
            self.env["complaint.complaint"]._sla_commit()
        return True

    def _row_columns(self, alias, negate=False):
        """The columns of a cell row, from ``alias`` (summed columns negated
        with ``negate``)."""
        return SQL(", ").join(
            SQL("-%s", SQL.identifier(alias, name))
            if negate and name in stats_cells.SUMMED
            else SQL.identifier(alias, name)
            for name in stats_cells.ROW_COLUMNS
        )

    def _sum_rows(self, rows_sql, months):
        """Sum the cell rows of ``rows_sql`` (``m`` and the row columns) per
        set and key, the month kept for the month set only."""
        keys = [
            name for name in stats_cells.ROW_COLUMNS if name not in stats_cells.SUMMED
        ]
        self.env.cr.execute(
            SQL(
                """SELECT CASE WHEN r.s = %(month_set)s THEN r.m END AS m, %(keys)s,
                          %(sums)s
                     FROM (%(rows)s) r
                 GROUP BY %(group)s""",
                month_set=stats_cells.MONTH_SET,
                keys=SQL(", ").join(SQL.identifier("r", key) for key in keys),
                sums=SQL(", ").join(
                    SQL(
                        "sum(%s)::bigint AS %s",
                        SQL.identifier("r", name),
                        SQL.identifier(name),
                    )
                    for name in stats_cells.SUMMED
                ),
                rows=rows_sql,
                group=SQL(", ").join(SQL(str(i)) for i in range(1, len(keys) + 2)),
            )
        )
        return stats_cells.reduce_rows(self.env.cr.dictfetchall(), months)

    # ============================================================ cells
    def _valid_cells(self, wanted, now):
        """``{(company_id, start_utc): (cell id, month index)}`` of the
        newest valid cell of each wanted month."""
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT ON (cell.company_id, cell.start_utc)
                          cell.company_id, cell.start_utc, cell.id
                     FROM complaint_stats_cell cell
                     JOIN unnest(%(companies)s::int[], %(starts)s::timestamp[],
                                 %(ends)s::timestamp[]) AS w(company_id, start_utc, end_utc)
                       ON w.company_id = cell.company_id AND w.start_utc = cell.start_utc
                      AND w.end_utc = cell.end_utc
                    WHERE cell.computed_at <= %(now)s
                      AND (cell.valid_until IS NULL OR cell.valid_until >= %(now)s)
                      AND NOT %(stale)s
                 ORDER BY cell.company_id, cell.start_utc, cell.id DESC""",
                companies=[cell[0] for cell in wanted],
                starts=[cell[2] for cell in wanted],
                ends=[cell[3] for cell in wanted],
                now=now,
                stale=SQL(STALE_SQL),
            )
        )
        return self._fetched_cells(wanted)

    def _store_cells(self, missing, now):
        """Count the ``missing`` months live and store their cells (one
        statement); returns them as :meth:`_valid_cells` does."""
        self.env.cr.execute(
            SQL(
                """WITH g AS (
                       SELECT g.m, min(g.pending) AS pending,
                              jsonb_agg(jsonb_build_object(%(pairs)s)) AS payload
                         FROM (%(cells)s) g
                     GROUP BY g.m
                   )
                   INSERT INTO complaint_stats_cell
                          (company_id, start_utc, end_utc, computed_at, valid_until,
                           snapshot, xid, dirty_id, payload)
                   SELECT b.company_id, b.start_utc, b.end_utc, %(now)s, g.pending,
                          pg_current_snapshot()::text,
                          pg_current_xact_id_if_assigned()::text,
                          (SELECT coalesce(max(d.id), 0) FROM complaint_stats_dirty d),
                          coalesce(g.payload, '[]'::jsonb)
                     FROM unnest(%(ms)s::int[], %(companies)s::int[],
                                 %(starts)s::timestamp[], %(ends)s::timestamp[])
                          AS b(m, company_id, start_utc, end_utc)
                LEFT JOIN g ON g.m = b.m
                RETURNING company_id, start_utc, id""",
                pairs=SQL(", ").join(
                    SQL("%s, %s", name, SQL.identifier("g", name))
                    for name in stats_cells.ROW_COLUMNS
                ),
                cells=self._cells_sql(missing, now),
                now=now,
                ms=list(range(len(missing))),
                companies=[cell[0] for cell in missing],
                starts=[cell[2] for cell in missing],
                ends=[cell[3] for cell in missing],
            )
        )
        return self._fetched_cells(missing)

    def _fetched_cells(self, cells):
        """``{(company_id, start_utc): (cell id, month index)}`` of the
        fetched ``(company_id, start_utc, cell id)`` rows of ``cells``."""
        index = {(cell[0], cell[2]): cell[1] for cell in cells}
        return {
            (company, start): (cell_id, index[company, start])
            for company, start, cell_id in self.env.cr.fetchall()
        }

    def _cells_sql(self, cells, now, by_month=False):
        """The rows of the given ``(company, month index, start, end)``
        cells counted live, for every reader of the whole company: ``m`` is
        the position of the cell in ``cells`` (to store them) or with
        ``by_month`` its month index, the columns of a cell row, and
        ``pending``, the first deadline an open complaint still has to
        meet."""
        branches = [
            self._cell_flags_sql(
                SQL(
                    "%s AND c.received_at >= %s AND c.received_at < %s",
                    self._base_scope([company]),
                    start,
                    end,
                ),
                SQL("%s", index if by_month else position),
                now,
            )
            for position, (company, index, start, end) in enumerate(cells)
        ]
        return self._cell_grouping_sql(SQL(" UNION ALL ").join(branches))

    def _hidden_rows_sql(self, company_ids, edges, hidden, now):
        """``UNION ALL`` the rows of the complaints the reader may not read
        in the months of ``edges``, counts negated."""
        flags = self._cell_flags_sql(
            SQL(
                "%s AND c.received_at >= %s AND c.received_at < %s AND (%s) IS NOT TRUE",
                self._base_scope(company_ids),
                edges[0],
                edges[-1],
                hidden,
            ),
            SQL("width_bucket(c.received_at, %s::timestamp[]) - 1", list(edges)),
            now,
        )
        return SQL(
            " UNION ALL SELECT m, %s FROM (%s) hidden",
            self._row_columns("hidden", negate=True),
            self._cell_grouping_sql(flags),
        )

    def _cell_flags_sql(self, where, month, now):
        """One row per complaint of ``where`` (see :meth:`_flags_sql`) with
        the cell dimensions, its month (``k_m``) and ``k_pending``."""
        keys = [("m", month)] + [
            (dim, DIMENSIONS[dim][0]) for dim in stats_cells.CELL_DIMENSIONS
        ]
        keys.append(
            (
                "pending",
                SQL(
                    "CASE WHEN c.resolved_at IS NULL AND c.is_overdue IS NOT TRUE "
                    "AND c.resolution_deadline >= %s THEN c.resolution_deadline END",
                    now,
                ),
            )
        )
        return SQL("(%s)", self._flags_sql(where, keys, classes=True, now=now))

    def _cell_grouping_sql(self, flags):
        """The sets of :data:`..tools.stats_cells.SETS` of ``flags`` rows."""
        sets = [
            SQL(
                "(f.k_m, %s)",
                SQL(", ").join(SQL.identifier("f", col) for col in columns),
            )
            for columns, _dims in stats_cells.SETS.values()
        ]
        sets.append(
            SQL(
                "(f.k_m, %s)",
                SQL(", ").join(
                    SQL.identifier("f", col) for col in stats_cells.CLASS_COLUMNS
                ),
            )
        )
        return SQL(
            """SELECT f.k_m AS m,
                      GROUPING(%(grouping)s) AS s,
                      f.k_channel, f.k_severity, f.k_department, f.k_employee,
                      f.k_category, f.cls, %(classes)s,
                      count(*) AS n, sum(f.days) AS sum_days,
                      sum(f.score) AS sum_sat, sum(f.transfers) AS transfers,
                      min(f.k_pending) AS pending
                 FROM (%(flags)s) f
             GROUP BY GROUPING SETS (%(sets)s)""",
            grouping=SQL(", ").join(
                SQL.identifier("f", col) for col in stats_cells.GROUPING_COLUMNS
            ),
            classes=SQL(", ").join(
                SQL.identifier("f", col) for col in stats_cells.CLASS_COLUMNS
            ),
            flags=flags,
            sets=SQL(", ").join(sets),
        )
