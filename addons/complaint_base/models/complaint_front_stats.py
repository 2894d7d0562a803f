from odoo import fields, models
from odoo.tools import SQL


class ComplaintDashboard(models.AbstractModel):
    """BASE-15: a merged repeat leaves the statistics (its original counts
    once); withdrawn complaints keep their own state (BASE-16)."""

    _inherit = "complaint.dashboard"

    def _where(self, company_ids, start_utc, end_utc):
        where = super()._where(company_ids, start_utc, end_utc)
        return SQL("%s AND c.state != 'merged'", where)


class ComplaintReport(models.Model):
    """The analysis rows: merged repeats are left out (BASE-15); withdrawn
    complaints are a state of their own (BASE-16)."""

    _inherit = "complaint.report"

    state = fields.Selection(
        selection_add=[("withdrawn", "Withdrawn"), ("merged", "Merged")],
        ondelete={"withdrawn": "cascade", "merged": "cascade"},
    )

    def _query(self):
        return SQL("SELECT q.* FROM (%s) q WHERE q.state != 'merged'", super()._query())
