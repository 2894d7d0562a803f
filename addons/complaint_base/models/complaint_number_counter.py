import logging
import threading

from odoo import SUPERUSER_ID, api, fields, models
from odoo.tools import SQL

from ..tools import numbering

_logger = logging.getLogger(__name__)

#: code of the per-company ``ir.sequence`` of complaint numbers
SEQUENCE_CODE = "complaint.complaint"
#: first key of the advisory lock taken while a sequence or a month is
#: created (the second key is the company id)
LOCK_KEY = 0x434D504C  # "CMPL"


def _in_test_mode(env):
    return env.registry.in_test_mode() or getattr(
        threading.current_thread(), "testing", False
    )


class ComplaintNumberCounter(models.Model):
    """Complaint numbers (BASE-05) from per-company ``ir.sequence`` records.

    Each company has one sequence (code ``complaint.complaint``, standard
    implementation, one date range per month, prefix YYMM, 4 digits).  A
    standard range is a PostgreSQL sequence: ``nextval`` never waits for
    another transaction and never fails on a concurrent update, so
    registrations of the same company and month run in parallel, and a
    batch of N complaints reserves its N serials in one query.

    **Rolled-back registrations leave a gap.**  ``nextval`` is not undone by
    a rollback: a registration that fails after drawing its number (a
    validation error, a lost connection, a crash) leaves that serial
    unused.  BASE-05 asks for a unique number per complaint, YYMM plus a
    serial restarting every month, per company: a gap breaks none of this.
    Numbers are never reused (two complaints can never share one, which a
    gap-free counter can only promise by making every registration of the
    company wait for the previous one to commit), and a gap is explainable
    as a registration that did not complete.

    The sequence of a company and the range of a month are created on first
    use, as superuser, in a short transaction of their own under a
    transaction advisory lock (so two first registrations of a month never
    create two ranges),
    and a new range starts after the highest number of that month already
    given (the legacy counters below included): numbers never go back.

    The rows of this model are the monthly counters used before the
    sequences (one per company and YYMM); they are only read now, to seed
    the sequences (``_migrate_counters_to_sequences``).
    """

    _name = "complaint.number.counter"
    _description = "Complaint Number Counter"
    _log_access = False

    company_id = fields.Many2one("res.company", required=True, ondelete="cascade")
    period = fields.Char(required=True, help="YYMM")
    last_serial = fields.Integer(required=True, default=0)

    _sql_constraints = [
        (
            "company_period_uniq",
            "unique(company_id, period)",
            "One counter per company and month.",
        ),
    ]

    # ============================================================ numbers
    @api.model
    def _next_numbers(self, company_id, local_date, count=1):
        """``count`` new numbers of company ``company_id`` for the month of
        ``local_date`` (the receipt date in the company's time zone): one
        query finds the month's range and draws the serials."""
        month = numbering.month_bounds(local_date)[0]
        self.env.cr.execute(
            SQL(
                """SELECT q.prefix, q.suffix, q.padding, nextval(q.seq::regclass)
                     FROM (%s) q, generate_series(1, %s)""",
                self._range_query(company_id, month),
                count,
            )
        )
        rows = self.env.cr.fetchall()
        if not rows:
            seq_name, prefix, suffix, padding = self._ensure_range(company_id, month)
            self.env.cr.execute(
                SQL("SELECT nextval(%s) FROM generate_series(1, %s)", seq_name, count)
            )
            serials = [row[0] for row in self.env.cr.fetchall()]
        else:
            prefix, suffix, padding = rows[0][:3]
            serials = [row[3] for row in rows]
        prefix = numbering.interpolate(prefix, local_date)
        suffix = numbering.interpolate(suffix, local_date)
        return [numbering.render(prefix, s, padding, suffix) for s in sorted(serials)]

    @api.model
    def _range_query(self, company_id, month):
        """The company's range for ``month`` (its first day): PostgreSQL
        sequence name (``ir_sequence_<sequence>_<range>``, as ``ir.sequence``
        names it), prefix, suffix and padding."""
        return SQL(
            """SELECT 'ir_sequence_'
                      || lpad(s.id::text, greatest(3, length(s.id::text)), '0')
                      || '_'
                      || lpad(r.id::text, greatest(3, length(r.id::text)), '0')
                      AS seq,
                      s.prefix, s.suffix, s.padding
                 FROM ir_sequence s
                 JOIN ir_sequence_date_range r ON r.sequence_id = s.id
                WHERE s.code = %s AND s.company_id = %s AND s.active
                  AND s.implementation = 'standard' AND s.use_date_range
                  AND s.number_increment = 1
                  AND r.date_from = %s AND r.date_to = %s
             ORDER BY s.id LIMIT 1""",
            SEQUENCE_CODE,
            company_id,
            month,
            numbering.month_bounds(month)[1],
        )

    @api.model
    def _range_info(self, company_id, month):
        """``(PostgreSQL sequence, prefix, suffix, padding)`` of the
        company's range for ``month``, or ``None``."""
        self.env.cr.execute(self._range_query(company_id, month))
        return self.env.cr.fetchone()

    @api.model
    def _ensure_range(self, company_id, month):
        """Create the company's sequence and/or the month's range when
        missing, in a short transaction of its own (committed at once,
        whatever happens to the registration), and return ``_range_info``.

        That transaction runs in READ COMMITTED and takes a transaction
        advisory lock of the company first: the statements after the lock
        see a range created meanwhile by whoever held it, so a month never
        gets two ranges; no session-level lock is held (safe behind a
        transaction-pooling proxy).  The range is created in the current
        transaction instead when no other transaction could use it anyway:
        in tests, and for a company created by the current transaction (not
        visible to others yet)."""
        if _in_test_mode(self.env):
            return self._create_range(company_id, month, xact_lock=True)
        with self.env.registry.cursor() as cr:
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_KEY, company_id))
            cr.execute("SELECT 1 FROM res_company WHERE id = %s", (company_id,))
            if cr.fetchone():
                env = api.Environment(cr, SUPERUSER_ID, {})
                info = env[self._name]._create_range(company_id, month)
                # its own short transaction, not the registration's
                cr.commit()  # pylint: disable=invalid-commit
                return info
            cr.rollback()
        return self._create_range(company_id, month, xact_lock=True)

    @api.model
    def _create_range(self, company_id, month, xact_lock=False):
        """Find or create (as superuser) the sequence and the range; the
        caller holds the advisory lock of the company."""
        if xact_lock:
            self.env.cr.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_KEY, company_id)
            )
        info = self._range_info(company_id, month)
        if info:
            return info
        sequence = self._get_sequence(company_id)
        first, last = numbering.month_bounds(month)
        seed = self._first_free_serial(sequence, company_id, first)
        self.env["ir.sequence.date_range"].sudo().create(
            {
                "sequence_id": sequence.id,
                "date_from": first,
                "date_to": last,
                "number_next": seed,
                "number_next_actual": seed,
            }
        )
        _logger.info(
            "Complaint numbers of company %s for %s start at serial %s",
            company_id,
            first.strftime("%Y-%m"),
            seed,
        )
        return self._range_info(company_id, month)

    @api.model
    def _get_sequence(self, company_id):
        """The company's complaint sequence, created when missing."""
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [
                ("code", "=", SEQUENCE_CODE),
                ("company_id", "=", company_id),
                ("implementation", "=", "standard"),
                ("use_date_range", "=", True),
                ("number_increment", "=", 1),
            ],
            order="id",
            limit=1,
        )
        if sequence:
            return sequence
        company = self.env["res.company"].sudo().browse(company_id)
        return Sequence.create(
            {
                "name": f"Complaint numbers ({company.name})",
                "code": SEQUENCE_CODE,
                "company_id": company_id,
                "implementation": "standard",
                "use_date_range": True,
                "prefix": numbering.DEFAULT_PREFIX,
                "padding": numbering.DEFAULT_PADDING,
                "number_increment": 1,
            }
        )

    @api.model
    def _first_free_serial(self, sequence, company_id, first_day):
        """Serial after the highest of the month already given: by the
        legacy counter or found in complaint numbers (imported data, a
        sequence an administrator deleted)."""
        prefix = numbering.interpolate(sequence.prefix, first_day)
        suffix = numbering.interpolate(sequence.suffix, first_day)
        self.env.cr.execute(
            SQL(
                "SELECT last_serial FROM complaint_number_counter "
                "WHERE company_id = %s AND period = %s",
                company_id,
                numbering.period_key(first_day),
            )
        )
        legacy = (self.env.cr.fetchone() or [0])[0]
        self.env.cr.execute(
            SQL(
                "SELECT name FROM complaint_complaint "
                "WHERE company_id = %s AND name LIKE %s",
                company_id,
                prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%",
            )
        )
        names = [row[0] for row in self.env.cr.fetchall()]
        return numbering.next_serial(names, prefix, suffix, legacy_last=legacy)

    # ========================================================= migration
    @api.model
    def _migrate_counters_to_sequences(self):
        """Give every month of the legacy counters its sequence range, so
        that numbers continue after the last one given (run at each install
        or update of the module; does nothing once done)."""
        self.env.cr.execute(
            "SELECT company_id, period FROM complaint_number_counter "
            "WHERE last_serial > 0 ORDER BY company_id, period"
        )
        for company_id, period in self.env.cr.fetchall():
            try:
                month = fields.Date.to_date(f"20{period[:2]}-{period[2:4]}-01")
            except ValueError:
                continue
            self._create_range(company_id, month, xact_lock=True)
        return True
