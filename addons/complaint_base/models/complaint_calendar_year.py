from markupsafe import Markup, escape

from odoo import _, api, fields, models

from ..tools import calendar_year as cy

MANAGER = "complaint_base.group_complaint_manager"
#: administrators reminded per company at most
MAX_REMINDED = 5


class ComplaintCalendarYear(models.Model):
    """Whether a year's official working calendar is known (DL-7).

    One record per company and year, created by the scheduled reminder; it
    carries the reminder activities: from 1 November, while next year's
    make-up working days are neither in the ``holidays`` library nor
    entered as calendar overrides, the administrators get an activity; it
    is marked done once the schedule is known.
    """

    _name = "complaint.calendar.year"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Complaint Calendar Year"
    _order = "year desc, company_id"
    _rec_name = "year"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    year = fields.Integer(required=True)
    source = fields.Selection(
        [
            (cy.LIBRARY, "Official schedule (holidays library)"),
            (cy.RULES, "Fixed rules (holidays library)"),
            (cy.OVERRIDES, "Entered by an administrator (overrides)"),
            (cy.UNKNOWN, "Unknown: enter the make-up working days"),
        ],
        string="Schedule",
        compute="_compute_source",
    )

    _sql_constraints = [
        ("company_year_uniq", "unique(company_id, year)", "One line per year."),
    ]

    @api.model
    def _override_years(self, company):
        overrides = (
            self.env["complaint.calendar.override"]
            .sudo()
            .search([("company_id", "in", [False, company.id])])
        )
        return {date.year for date in overrides.mapped("date")}

    @api.model
    def _source_for(self, company, year, override_years=None):
        if override_years is None:
            override_years = self._override_years(company)
        return cy.schedule_source(
            company.complaint_country_id.code,
            company.complaint_subdivision or None,
            year,
            override_years,
        )

    @api.depends("company_id", "year")
    def _compute_source(self):
        for rec in self:
            rec.source = self._source_for(rec.company_id, rec.year)

    @api.model
    def _company_today(self, company):
        calendar = company._get_complaint_calendar()
        return calendar.to_local(fields.Datetime.now()).date()

    @api.model
    def _reminded_users(self, company):
        managers = (
            self.env.ref(MANAGER)
            .sudo()
            .users.filtered(
                lambda u: u.active
                and not u.share
                and company in u.company_ids
                and u.id != self.env.ref("base.user_root").id
            )
        )
        admins = managers.filtered(lambda u: u.has_group("base.group_system"))
        return (admins or managers)[:MAX_REMINDED]

    @api.model
    def _cron_remind_next_year(self, today=None):
        """DL-7: from 1 November, remind the administrators while next
        year's schedule is unknown; close the reminders once it is known."""
        companies = self.env["res.company"].sudo().search([])
        for company in companies:
            day = today or self._company_today(company)
            overrides = self._override_years(company)
            year = cy.reminder_due(
                day,
                company.complaint_country_id.code,
                company.complaint_subdivision or None,
                overrides,
            )
            if year:
                self._remind(company, year, day)
            self._close_known_reminders(company, overrides)
        return True

    @api.model
    def _remind(self, company, year, day):
        record = self.sudo().search(
            [("company_id", "=", company.id), ("year", "=", year)]
        ) or self.sudo().create({"company_id": company.id, "year": year})
        lang = company.partner_id.lang or self.env.lang
        record = record.with_context(lang=lang)
        for user in self._reminded_users(company):
            if record.activity_ids.filtered(lambda a, u=user: a.user_id == u):
                continue
            record.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=day,
                user_id=user.id,
                summary=record.env._(
                    "Enter the official %(year)s holiday schedule (%(company)s)",
                    year=year,
                    company=company.name,
                ),
                note=record.env._(
                    "The make-up working days of %s are not known yet: enter "
                    "the State Council's schedule as calendar overrides (extra "
                    "holidays and extra working days) as soon as it is "
                    "published, or update the holidays library.",
                    year,
                ),
            )

    @api.model
    def _close_known_reminders(self, company, overrides):
        records = self.sudo().search(
            [("company_id", "=", company.id), ("activity_ids", "!=", False)]
        )
        for record in records:
            if self._source_for(company, record.year, overrides) != cy.UNKNOWN:
                record.activity_feedback(
                    ["mail.mail_activity_data_todo"],
                    feedback=_("The schedule is known now."),
                )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_calendar_years = fields.Html(
        string="Official Schedules",
        compute="_compute_complaint_calendar_years",
        sanitize=False,
    )

    @api.depends("company_id")
    def _compute_complaint_calendar_years(self):
        Year = self.env["complaint.calendar.year"]
        labels = dict(Year._fields["source"]._description_selection(self.env))
        for settings in self:
            company = settings.company_id or self.env.company
            overrides = Year._override_years(company)
            today = Year._company_today(company)
            rows = []
            for year in cy.shown_years(today):
                source = Year._source_for(company, year, overrides)
                css = "text-danger" if source == cy.UNKNOWN else "text-success"
                rows.append(
                    Markup('<li><strong>%s</strong>: <span class="%s">%s</span></li>')
                    % (year, css, escape(labels.get(source, source)))
                )
            settings.complaint_calendar_years = Markup("<ul class='mb-0'>%s</ul>") % (
                Markup("").join(rows)
            )
