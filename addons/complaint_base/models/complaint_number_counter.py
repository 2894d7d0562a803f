from odoo import fields, models


class ComplaintNumberCounter(models.Model):
    """Monthly serial counter behind complaint numbers (BASE-05).

    One row per company and YYMM period.  Serials are reserved with a single
    ``INSERT ... ON CONFLICT DO UPDATE``, which PostgreSQL serialises per row:
    concurrent registrations never share a number and never block a whole
    table, and a batch of N complaints reserves N serials in one statement.
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

    def _reserve(self, company_id, period, count=1):
        """Reserve ``count`` serials; return the last one reserved."""
        self.env.cr.execute(
            """
            INSERT INTO complaint_number_counter (company_id, period, last_serial)
            VALUES (%s, %s, %s)
            ON CONFLICT (company_id, period)
            DO UPDATE SET last_serial = complaint_number_counter.last_serial
                                        + EXCLUDED.last_serial
            RETURNING last_serial
            """,
            (company_id, period, count),
        )
        return self.env.cr.fetchone()[0]
