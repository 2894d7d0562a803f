from datetime import datetime, time, timedelta

from odoo import api, fields, models


class ComplaintCalendarOverride(models.Model):
    """An administrator's correction of the public-holiday calendar (DL-5).

    Next year's holidays are announced late each year: an extra holiday or
    an extra working day entered here wins over the ``holidays`` library.
    Without a company it applies to every company.
    """

    _name = "complaint.calendar.override"
    _description = "Complaint Calendar Override"
    _order = "date desc, id desc"
    _rec_name = "date"

    date = fields.Date(required=True, index=True)
    override_type = fields.Selection(
        [
            ("extra_holiday", "Extra Holiday"),
            ("extra_workday", "Extra Working Day"),
        ],
        string="Type",
        required=True,
        default="extra_holiday",
    )
    note = fields.Char(translate=True, help="E.g. the official announcement.")
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty for every company."
    )

    _sql_constraints = [
        (
            "date_company_uniq",
            "unique NULLS NOT DISTINCT (date, company_id)",
            "A date can only be overridden once per company.",
        ),
    ]

    @api.depends("date", "override_type")
    def _compute_display_name(self):
        labels = dict(self._fields["override_type"]._description_selection(self.env))
        for rec in self:
            rec.display_name = f"{rec.date or ''} {labels.get(rec.override_type, '')}"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._calendar_changed(records.mapped("date"))
        return records

    def write(self, vals):
        dates = self.mapped("date")
        res = super().write(vals)
        self._calendar_changed(dates + self.mapped("date"))
        return res

    def unlink(self):
        dates = self.mapped("date")
        res = super().unlink()
        self._calendar_changed(dates)
        return res

    def _calendar_changed(self, dates):
        """Clear the cached calendars and recompute the deadlines of the open
        complaints the changed dates can affect (DL-6): received before the
        date, resolution deadline after it."""
        self.env.registry.clear_cache()
        if not dates:
            return
        first, last = min(dates), max(dates)
        complaints = (
            self.env["complaint.complaint"]
            .sudo()
            .search(
                [
                    ("state", "in", ("new", "accepted", "in_progress")),
                    ("received_at", "<=", datetime.combine(last, time.max)),
                    (
                        "resolution_deadline",
                        ">=",
                        datetime.combine(first, time.min) - timedelta(days=1),
                    ),
                ]
            )
        )
        complaints._recompute_sla_deadlines()
