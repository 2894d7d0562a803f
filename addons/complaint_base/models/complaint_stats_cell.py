import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

#: a change logged this long ago was seen by every cell computed since
#: (a writing transaction lasts far less; see :meth:`_cron_clean`)
DIRTY_KEEP = timedelta(days=1)
#: cells are recomputed at least this often
CELL_KEEP = timedelta(days=30)
#: the months the nightly run keeps ready, ending with the current one
WARM_MONTHS = 25

#: a cell is stale when a complaint of its month changed in a transaction
#: its snapshot did not see, or (its own transaction) after it was computed
STALE_SQL = """
    EXISTS (
        SELECT 1 FROM complaint_stats_dirty d
         WHERE d.company_id = cell.company_id
           AND d.received_day > cell.start_utc - interval '1 day'
           AND d.received_day < cell.end_utc
           AND NOT pg_visible_in_snapshot(d.xid, cell.snapshot::pg_snapshot)
           AND (d.xid::text IS DISTINCT FROM cell.xid OR d.id > cell.dirty_id)
    )"""


class ComplaintStatsCell(models.Model):
    """The statistics of one company's complaints received in one local
    month, kept for the dashboard and the periodic reports (issue 14: the
    year dashboard reads twelve cells instead of scanning a year).

    A cell holds the month's additive figures for every reader who may
    read all the company's complaints (the figures of
    :meth:`ComplaintDashboard._cell_rows`, as JSON); a reader restricted by
    record rules gets the same cells minus the complaints they may not read,
    counted live.  A cell is exact while:

    * no complaint of its month changed since its snapshot (the triggers of
      :class:`.complaint_stats_dirty.ComplaintStatsDirty`), and
    * no open complaint of its month passed its resolution deadline since
      it was computed (``valid_until``: lateness is the only figure that
      changes with time alone).

    Otherwise the month is counted live and a new cell stored, once the
    month is over (the current month changes with every registration: it
    is always counted live).  Cells are written only from transactions that
    may write (never on a read replica) and are never updated in place, so
    concurrent readers do not conflict;
    the nightly run drops stale and old cells and computes the last
    :data:`WARM_MONTHS` months, so a replica finds them ready."""

    _name = "complaint.stats.cell"
    _description = "Complaint Statistics Month Cell"
    _log_access = False
    _order = "id desc"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    start_utc = fields.Datetime("Month Start (UTC)", required=True, readonly=True)
    end_utc = fields.Datetime("Month End (UTC)", required=True, readonly=True)
    computed_at = fields.Datetime(required=True, readonly=True)
    valid_until = fields.Datetime(
        readonly=True,
        help="The first resolution deadline of an open complaint of the month: "
        "after it, the month's overdue figures change.",
    )
    snapshot = fields.Char(readonly=True)
    xid = fields.Char("Transaction", readonly=True)
    dirty_id = fields.Integer("Last Change Seen", readonly=True)
    payload = fields.Json(readonly=True)

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS complaint_stats_cell_month_index "
            "ON complaint_stats_cell (company_id, start_utc, end_utc)"
        )

    @api.model
    def _cron_clean(self):
        """Drop the stale cells, the superseded and the old ones, then the
        change log older than :data:`DIRTY_KEEP`: a change is dropped only
        once no cell it makes stale is left (a cell still being computed by
        a transaction older than that is not accounted for: requests and
        scheduled actions end long before), and warm the recent months."""
        cr = self.env.cr
        now = fields.Datetime.now()
        cr.execute(
            f"""DELETE FROM complaint_stats_cell cell
                 WHERE cell.computed_at < %s
                    OR {STALE_SQL}
                    OR EXISTS (SELECT 1 FROM complaint_stats_cell newer
                                WHERE newer.company_id = cell.company_id
                                  AND newer.start_utc = cell.start_utc
                                  AND newer.end_utc = cell.end_utc
                                  AND newer.id > cell.id)""",
            [now - CELL_KEEP],
        )
        cells = cr.rowcount
        cr.execute(
            "DELETE FROM complaint_stats_dirty WHERE logged_at < %s",
            [now - DIRTY_KEEP],
        )
        _logger.info(
            "statistics cache: %s cells and %s changes dropped", cells, cr.rowcount
        )
        self.env["complaint.complaint"]._sla_commit()
        self.env["complaint.dashboard"].sudo()._warm_cells(WARM_MONTHS)
        return True
