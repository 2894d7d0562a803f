from odoo import fields, models
from odoo.tools import SQL

#: the complaint columns the cached statistics read (see
#: :meth:`ComplaintDashboard._cell_keys` and ``_flags_sql``): a change of any
#: of them marks the month of the complaint as changed.  A test checks that
#: the statistics' SQL reads no other column.
STATS_COLUMNS = (
    "company_id",
    "received_at",
    "state",
    "severity",
    "is_overdue",
    "resolution_deadline",
    "resolved_at",
    "handling_days",
    "followup_done_at",
    "satisfaction_score",
    "transfer_count",
    "is_repeat",
    "category_id",
    "channel_id",
    "department_id",
    "employee_id",
)
TRIGGER_FUNCTION = "complaint_stats_mark_changed"
TRIGGERS = (
    "complaint_stats_inserted",
    "complaint_stats_updated",
    "complaint_stats_deleted",
)

#: logs a day of a company once per transaction; a transaction logging it
#: again gives its row a new ``id`` (see :class:`ComplaintStatsDirty`)
_LOG_DAY = """
    ON CONFLICT (company_id, received_day, xid) DO UPDATE
       SET id = nextval(pg_get_serial_sequence('complaint_stats_dirty', 'id'))"""
FUNCTION_SQL = f"""
    CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO complaint_stats_dirty (company_id, received_day)
            SELECT DISTINCT company_id, date_trunc('day', received_at)
              FROM new_rows {_LOG_DAY};
            RETURN NULL;
        END IF;
        INSERT INTO complaint_stats_dirty (company_id, received_day)
        VALUES (OLD.company_id, date_trunc('day', OLD.received_at)) {_LOG_DAY};
        IF TG_OP = 'UPDATE' AND (
            NEW.company_id IS DISTINCT FROM OLD.company_id
            OR NEW.received_at IS DISTINCT FROM OLD.received_at
        ) THEN
            INSERT INTO complaint_stats_dirty (company_id, received_day)
            VALUES (NEW.company_id, date_trunc('day', NEW.received_at)) {_LOG_DAY};
        END IF;
        RETURN NULL;
    END $$;"""
TRIGGERS_SQL = """
    CREATE TRIGGER complaint_stats_inserted AFTER INSERT ON complaint_complaint
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION %(function)s();
    CREATE TRIGGER complaint_stats_updated
        AFTER UPDATE OF %(columns)s ON complaint_complaint
        FOR EACH ROW WHEN (%(changed)s) EXECUTE FUNCTION %(function)s();
    CREATE TRIGGER complaint_stats_deleted AFTER DELETE ON complaint_complaint
        FOR EACH ROW EXECUTE FUNCTION %(function)s();"""


class ComplaintStatsDirty(models.Model):
    """Where the complaints changed, for the month cells of the statistics
    (:class:`.complaint_stats_cell.ComplaintStatsCell`, issue 14).

    Database triggers on ``complaint_complaint`` log, per transaction, the
    UTC days of reception of the complaints it inserted, deleted or changed
    in a :data:`STATS_COLUMNS` column, whoever writes (the ORM, the SLA
    watcher's one-statement flags, a migration): one row per company, day
    and transaction, so a bulk change of a million complaints logs about a
    thousand rows.  A day covers the months it overlaps (a local month
    starts within a UTC day), so a change near a month's edge makes both
    months stale: never less than needed.

    Rows are only ever added by their own transaction (the transaction id
    is part of the key), so concurrent writers never wait on each other; a
    transaction logging a day again moves its row to a new ``id`` (a cell
    computed in between by the same transaction sees the later change).
    A cell is stale as soon as a row of its months was written by a
    transaction its snapshot did not see.  The scheduled clean-up drops
    the rows after a day, once the cells they make stale are gone."""

    _name = "complaint.stats.dirty"
    _description = "Changed Complaint Month (statistics cache)"
    _log_access = False
    _order = "id"

    company_id = fields.Integer("Company", readonly=True, index=False)
    received_day = fields.Datetime("Received (UTC day)", readonly=True)
    logged_at = fields.Datetime(readonly=True)

    def init(self):
        cr = self.env.cr
        cr.execute(
            """ALTER TABLE complaint_stats_dirty
                 ADD COLUMN IF NOT EXISTS xid xid8 DEFAULT pg_current_xact_id(),
                 ALTER COLUMN logged_at SET DEFAULT clock_timestamp()"""
        )
        cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS complaint_stats_dirty_day_index "
            "ON complaint_stats_dirty (company_id, received_day, xid)"
        )
        self._create_triggers()

    def _create_triggers(self):
        """(Re)create the triggers of ``complaint_complaint`` (the column
        list follows :data:`STATS_COLUMNS`)."""
        changed = SQL(" OR ").join(
            SQL(
                "OLD.%s IS DISTINCT FROM NEW.%s",
                SQL.identifier(col),
                SQL.identifier(col),
            )
            for col in STATS_COLUMNS
        )
        self._drop_triggers()
        self.env.cr.execute(
            SQL(
                FUNCTION_SQL + TRIGGERS_SQL,
                function=SQL.identifier(TRIGGER_FUNCTION),
                columns=SQL(", ").join(SQL.identifier(col) for col in STATS_COLUMNS),
                changed=changed,
            )
        )

    def _drop_triggers(self):
        """Remove the triggers and their function (module uninstall)."""
        cr = self.env.cr
        for name in TRIGGERS:
            cr.execute(
                SQL(
                    "DROP TRIGGER IF EXISTS %s ON complaint_complaint",
                    SQL.identifier(name),
                )
            )
        cr.execute(
            SQL("DROP FUNCTION IF EXISTS %s()", SQL.identifier(TRIGGER_FUNCTION))
        )
