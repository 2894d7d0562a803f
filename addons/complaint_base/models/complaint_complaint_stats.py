from odoo import api, fields, models


class ComplaintComplaint(models.Model):
    """Stored figures of a complaint used by statistics and reports (BASE-51).

    Working days cannot be counted in SQL (holidays, make-up days), so the
    handling time is computed once in Python when the complaint is resolved
    and stored; the analysis view and the dashboard aggregate it."""

    _inherit = "complaint.complaint"

    # computed before the INSERT too (no UPDATE of a complaint just registered)
    handling_days = fields.Integer(
        string="Handling Time (working days)",
        compute="_compute_handling_days",
        store=True,
        precompute=True,
        aggregator="avg",
        copy=False,
        help="Working days from receipt to resolution; the day of receipt is "
        "not counted (DL-2). Zero while the complaint is not resolved.",
    )

    @api.depends("received_at", "resolved_at", "company_id")
    def _compute_handling_days(self):
        calendars = {}
        for rec in self:
            if not (rec.received_at and rec.resolved_at):
                rec.handling_days = 0
                continue
            company = rec.company_id or self.env.company
            if company.id not in calendars:
                calendars[company.id] = rec._stats_calendar()
            calendar = calendars[company.id]
            start = calendar.to_local(rec.received_at).date()
            end = calendar.to_local(rec.resolved_at).date()
            rec.handling_days = max(calendar.working_days_between(start, end), 0)

    def _stats_calendar(self):
        """Working calendar used to count handling days (the SLA calendar)."""
        return self._get_sla_calendar()
