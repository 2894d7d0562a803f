import logging

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import sla_status as st
from ..tools import sql_insert
from ..tools.cron_retry import retry_delay

_logger = logging.getLogger(__name__)

#: complaints looked at per transaction by the watcher
WATCH_BATCH_SIZE = 500
_WATCHER = "SLA-watcher"
#: field types whose SQL value is the written value, ``None`` for empty
_PLAIN_TYPES = ("many2one", "selection", "datetime", "date", "char", "text")


def _empty_is_null(value):
    return None if value is False or value is None else value


def _int_or_zero(value):
    return int(value or 0)


def _column_converter(field, record):
    """The function giving the SQL value of ``field`` from a written value:
    ``field.convert_to_column_insert`` without its cost for the plain types
    of a status row (issue 14), the same SQL value."""
    if field.translate or field.company_dependent:
        return lambda value: field.convert_to_column_insert(value, record)
    if field.type == "boolean":
        return bool
    if field.type == "integer":
        return _int_or_zero
    if field.type in _PLAIN_TYPES:
        return _empty_is_null
    return lambda value: field.convert_to_column_insert(value, record)


class ComplaintSlaStatus(models.Model):
    """One SLA target of one complaint and how it stands (BASE-27).

    Kept in step with the complaint's deadlines and events by the
    complaint itself (``models/complaint_sla_status_sync.py``); the
    scheduled watcher (:meth:`_cron_watch`) fails a target whose deadline
    passed unreached, escalates by the existing rules and warns before each
    breach.  Its cost follows what is due: it reads only the rows whose
    ``next_check`` is due, through a partial index.

    Workflow fields (BASE-57): everything but the manager's ``note`` is set
    by the watcher or the complaint's events, never typed.  Visibility
    follows the complaint (``complaint.child.access``).
    """

    _name = "complaint.sla.status"
    _inherit = ["complaint.workflow.guard", "complaint.child.access"]
    _description = "Complaint SLA Target Status"
    _order = "deadline, id"
    _rec_name = "target_kind"
    _workflow_fields = dict.fromkeys(
        (
            "complaint_id",
            "target_kind",
            "deadline",
            "start_at",
            "reached_at",
            "status",
            "active",
            "warned",
            "next_check",
            "failed_at",
            "check_failures",
        ),
        _WATCHER,
    )

    complaint_id = fields.Many2one(
        "complaint.complaint", required=True, ondelete="cascade", index=True
    )
    target_kind = fields.Selection(
        selection="_selection_target_kind", string="Target", required=True
    )
    deadline = fields.Datetime(readonly=True)
    start_at = fields.Datetime(string="Clock Start", readonly=True)
    reached_at = fields.Datetime(string="Reached", readonly=True)
    status = fields.Selection(
        [
            (st.ONGOING, "Ongoing"),
            (st.MET, "Met"),
            (st.FAILED, "Failed"),
            (st.PAUSED, "Paused"),
        ],
        default=st.ONGOING,
        required=True,
        readonly=True,
        index=True,
    )
    active = fields.Boolean(
        default=True,
        readonly=True,
        help="Set aside when the case ended before the target applied "
        "(closed, invalid) or left the statistics (withdrawn, merged).",
    )
    warned = fields.Boolean(string="Warning Sent", readonly=True)
    next_check = fields.Datetime(readonly=True, index="btree_not_null")
    failed_at = fields.Datetime(readonly=True)
    check_failures = fields.Integer(readonly=True)
    note = fields.Text(help="A manager's explanation, e.g. of a failure.")
    # the stored computes are given by the INSERT (precompute): a status is
    # not written a second time right after it is created
    met_count = fields.Integer(
        string="Met",
        compute="_compute_counts",
        store=True,
        precompute=True,
        aggregator="sum",
    )
    failed_count = fields.Integer(
        string="Failed",
        compute="_compute_counts",
        store=True,
        precompute=True,
        aggregator="sum",
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, precompute=True
    )
    team_id = fields.Many2one(
        related="complaint_id.team_id", store=True, precompute=True, string="Team"
    )
    user_id = fields.Many2one(
        related="complaint_id.user_id", store=True, precompute=True, string="Handler"
    )
    category_id = fields.Many2one(
        related="complaint_id.category_id",
        store=True,
        precompute=True,
        string="Category",
    )
    sector = fields.Selection(
        related="complaint_id.sector", store=True, precompute=True
    )

    _sql_constraints = [
        (
            "complaint_kind_uniq",
            "unique(complaint_id, target_kind)",
            "A complaint has one status per SLA target.",
        ),
    ]

    def _complaint_columns(self, complaint):
        """The columns a status takes from its complaint (in cache: the
        sync has just read it): stored computes, given by the INSERT
        whether it comes from ``create`` or ``_insert_new``."""
        return {
            "company_id": complaint.company_id.id,
            "team_id": complaint.team_id.id,
            "user_id": complaint.user_id.id,
            "category_id": complaint.category_id.id,
            "sector": complaint.sector,
        }

    @api.model
    def _count_columns(self, status):
        """The counts of a status (``_compute_counts``), given by the INSERT."""
        return {
            "met_count": int(status == st.MET),
            "failed_count": int(status == st.FAILED),
        }

    def _add_precomputed_values(self, vals_list):
        """The complaint's columns and the counts of new statuses
        (``_complaint_columns``, ``_count_columns``) instead of one
        in-memory record per status, stored by the INSERT."""
        Complaint = self.env["complaint.complaint"]
        for vals in vals_list:
            complaint = Complaint.browse(vals.get("complaint_id") or [])
            if not complaint:
                continue
            computed = {
                **self._complaint_columns(complaint),
                **self._count_columns(vals.get("status") or st.ONGOING),
            }
            missing = {k: v for k, v in computed.items() if k not in vals}
            if missing:
                vals.update(missing)
                vals.setdefault("__precomputed__", set()).update(
                    self._fields[name] for name in missing
                )
        return super()._add_precomputed_values(vals_list)

    @api.model
    def _insert_new(self, vals_list):
        """Statuses of complaints just registered, in one plain INSERT
        (issue 14: the ORM's ``create`` cost more than the rest of the
        sync).  The rows are those ``create`` would store: the given values
        (they carry the status, so the counts follow it), the complaint's
        columns and the counts (stored computes always computed, as
        ``create`` discards given ones), the defaults of the other columns
        and the log columns of this transaction.  Nothing here has a
        constraint method nor a field depending on it; the complaints'
        one2many is invalidated."""
        if not vals_list:
            return
        Complaint = self.env["complaint.complaint"]
        now = self.env.cr.now()
        rows, complaint_columns = [], {}  # complaint id -> its columns
        for vals in vals_list:
            cid = vals["complaint_id"]
            if cid not in complaint_columns:
                complaint_columns[cid] = self._complaint_columns(Complaint.browse(cid))
            rows.append(
                {
                    **vals,
                    **complaint_columns[cid],
                    **self._count_columns(vals.get("status") or st.ONGOING),
                    "create_uid": self.env.uid,
                    "create_date": now,
                    "write_uid": self.env.uid,
                    "write_date": now,
                }
            )
        fields_ = [
            field
            for name, field in self._fields.items()
            if field.store and field.column_type and name != "id"
        ]
        missing = [field.name for field in fields_ if field.name not in rows[0]]
        defaults = self.default_get(missing) if missing else {}
        for row in rows:
            for name, value in defaults.items():
                row.setdefault(name, value)
        converters = [(field.name, _column_converter(field, self)) for field in fields_]
        values = [
            tuple(
                convert(row[name])
                if name in row
                else None  # no value, no default: the column's NULL, as create
                for name, convert in converters
            )
            for row in rows
        ]
        self.env.cr.execute(
            *sql_insert.values_insert(self._table, [f.name for f in fields_], values)
        )
        Complaint.browse(complaint_columns).invalidate_recordset(["sla_status_ids"])

    @api.model
    def _selection_target_kind(self):
        return (
            self.env["complaint.sla.target"]
            ._fields["kind"]
            ._description_selection(self.env)
        )

    @api.depends("status")
    def _compute_counts(self):
        for rec in self:
            rec.met_count = int(rec.status == st.MET)
            rec.failed_count = int(rec.status == st.FAILED)

    @api.depends("complaint_id", "target_kind")
    def _compute_display_name(self):
        kinds = dict(self._selection_target_kind())
        for rec in self:
            rec.display_name = (
                f"{rec.complaint_id.name or ''} {kinds.get(rec.target_kind, '')}"
            )

    # ============================================================ watcher
    def _due_rows(self, now, limit, seen):
        """``[(status id, complaint id)]`` due at ``now``, locked (other
        workers skip them), through the partial index on ``next_check``."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id, complaint_id FROM complaint_sla_status "
                "WHERE next_check IS NOT NULL AND next_check <= %s "
                "AND id != ALL(%s) ORDER BY next_check, id LIMIT %s "
                "FOR UPDATE SKIP LOCKED",
                now,
                list(seen) or [0],
                limit,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _cron_watch(self, batch_size=WATCH_BATCH_SIZE, now=None):
        """SLA target watcher (scheduled action, BASE-27/58).

        Batches of due rows, committed one by one outside tests.  A batch
        runs in one savepoint; if it fails, each of its complaints runs in
        its own, so one bad complaint is logged, put back with a growing
        delay, and the others go on."""
        now = now or fields.Datetime.now()
        Complaint = self.env["complaint.complaint"].sudo()
        processed, seen = 0, set()
        while True:
            rows = self._due_rows(now, batch_size, seen)
            if not rows:
                break
            seen.update(row[0] for row in rows)
            complaints = Complaint.browse(list(dict.fromkeys(r[1] for r in rows)))
            self._watch_batch(complaints, now)
            processed += len(rows)
            self.env["ir.cron"]._notify_progress(done=processed, remaining=0)
            Complaint._sla_commit()
        return processed

    @api.model
    def _watch_batch(self, complaints, now):
        """The whole batch in one savepoint (cheap); when it fails, each
        complaint again in its own savepoint, so only the bad one is left
        for later (BASE-58)."""
        try:
            with self.env.cr.savepoint():
                self._watch(complaints, now)
        except Exception:
            for complaint in complaints:
                self._watch_complaint(complaint, now)

    @api.model
    def _watch(self, complaints, now):
        """Sync, warn and fail the due targets of ``complaints``, the notes
        written in each company's language."""
        for lang, recs in complaints._group_by_front_lang().items():
            recs = recs.with_context(lang=lang)
            events = recs._sla_status_sync(now=now, watcher=True)
            recs._sla_status_notify(events, now)

    @api.model
    def _watch_complaint(self, complaint, now):
        try:
            with self.env.cr.savepoint():
                self._watch(complaint, now)
        except Exception:
            _logger.exception(
                "SLA target watcher: complaint %s (id %s) failed; retried later",
                complaint.name,
                complaint.id,
            )
            self._watch_failed(complaint, now)

    @api.model
    def _watch_failed(self, complaint, now):
        """Put the complaint's due rows back after a growing delay, in plain
        SQL so the cause of the failure cannot fail this too."""
        self.env.cr.execute(
            SQL(
                "SELECT id, COALESCE(check_failures, 0) + 1 FROM complaint_sla_status "
                "WHERE complaint_id = %s AND next_check <= %s",
                complaint.id,
                now,
            )
        )
        for status_id, failures in self.env.cr.fetchall():
            self.env.cr.execute(
                SQL(
                    "UPDATE complaint_sla_status SET check_failures = %s, "
                    "next_check = %s WHERE id = %s",
                    failures,
                    now + retry_delay(failures),
                    status_id,
                )
            )
        self.invalidate_model(["next_check", "check_failures"])
