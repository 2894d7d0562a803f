from odoo import api, fields, models, tools
from odoo.addons.base.models.res_partner import _tz_get

from ..tools import deadline as dl

#: years of public holidays loaded around the current year
CALENDAR_YEARS_BEFORE = 2
CALENDAR_YEARS_AFTER = 3


def _merge_intervals(intervals):
    """Sorted intervals with overlaps merged (attendance lines may touch)."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class ResCompany(models.Model):
    # a change clears the registry cache: the working calendar
    # (``_get_complaint_calendar``) and the registrations' master snapshot
    _name = "res.company"
    _inherit = ["res.company", "complaint.registry.cached"]

    complaint_country_id = fields.Many2one(
        "res.country",
        string="Complaint Holidays Country",
        default=lambda self: self.env.ref("base.cn", raise_if_not_found=False),
        help="Public holidays and make-up working days (调休) of this country "
        "decide the working days of complaint deadlines (DL-5).",
    )
    complaint_subdivision = fields.Char(
        string="Complaint Holidays Subdivision",
        help="Province or region code of the holidays library, when it has "
        "local holidays (e.g. HK for Hong Kong). Leave empty for the whole "
        "country.",
    )
    complaint_tz = fields.Selection(
        _tz_get,
        string="Complaint Time Zone",
        default="Asia/Shanghai",
        help="Days are counted on this time zone's calendar (DL-1).",
    )
    complaint_sla_warning_threshold = fields.Integer(
        string="SLA Warning Threshold (%)",
        default=80,
        help="Warn the handler when this share of the resolution time is used.",
    )
    complaint_autoclose_days = fields.Integer(
        string="Auto-close After (days)",
        default=7,
        help="Days after the follow-up date without an answer from the "
        "complainant before a resolved complaint is closed automatically. "
        "0 disables the automatic closing.",
    )

    complaint_backdate_days = fields.Integer(
        string="Back-dating Limit (days)",
        default=7,
        help="How many days before its registration a handler may set a "
        "complaint's receipt time (a phone call logged later), with a reason "
        "(BASE-57).",
    )

    _sql_constraints = [
        (
            "complaint_backdate_days_positive",
            "CHECK(complaint_backdate_days >= 0)",
            "The back-dating limit cannot be negative.",
        ),
        (
            "complaint_sla_warning_threshold_range",
            "CHECK(complaint_sla_warning_threshold >= 0 "
            "AND complaint_sla_warning_threshold <= 100)",
            "The SLA warning threshold is a percentage between 0 and 100.",
        ),
        (
            "complaint_autoclose_days_positive",
            "CHECK(complaint_autoclose_days >= 0)",
            "The auto-close delay cannot be negative.",
        ),
    ]

    def _get_complaint_calendar(self):
        """The :class:`WorkCalendar` of complaint deadlines (DL-1, DL-5).

        Built from the company's country/subdivision holidays, the
        administrator's overrides (global ones and the company's) and the
        weekly hours of the company's working schedule; cached per company
        and year, the cache is cleared when overrides or settings change.
        """
        company = self[:1] or self.env.company
        schedule = company.sudo().resource_calendar_id
        return self.browse()._complaint_calendar_cached(
            company.id,
            fields.Date.context_today(self).year,
            # editing the weekly hours in the schedule's form rewrites it
            (schedule.id, schedule.write_date),
        )

    @tools.ormcache("company_id", "year", "schedule_key")
    def _complaint_calendar_cached(self, company_id, year, schedule_key):
        company = self.sudo().browse(company_id)
        overrides = (
            self.env["complaint.calendar.override"]
            .sudo()
            .search([("company_id", "in", [False, company_id])])
        )
        weekdays, day_intervals = company._complaint_weekly_schedule()
        return dl.build_calendar(
            country=company.complaint_country_id.code or None,
            subdiv=company.complaint_subdivision or None,
            years=range(year - CALENDAR_YEARS_BEFORE, year + CALENDAR_YEARS_AFTER + 1),
            tz=company.complaint_tz or dl.DEFAULT_TZ,
            weekdays=weekdays,
            extra_holidays=overrides.filtered(
                lambda o: o.override_type == "extra_holiday"
            ).mapped("date"),
            extra_workdays=overrides.filtered(
                lambda o: o.override_type == "extra_workday"
            ).mapped("date"),
            day_intervals=day_intervals,
        )

    def _complaint_weekly_schedule(self):
        """``(weekdays, {weekday: intervals})`` of the company's working
        schedule (``resource_calendar_id``); the library default (Monday to
        Friday, 9-12 and 13-18) without one."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar:
            return dl.DEFAULT_WEEKDAYS, None
        intervals = {}
        for att in calendar.attendance_ids:
            if att.display_type or att.resource_id or att.day_period == "lunch":
                continue
            if calendar.two_weeks_calendar and att.week_type == "1":
                continue  # the first week stands for the pattern
            if att.date_to or att.date_from:
                continue  # temporary schedules do not define the week
            if att.hour_to <= att.hour_from:
                continue
            intervals.setdefault(int(att.dayofweek), []).append(
                (att.hour_from, min(att.hour_to, 24.0))
            )
        if not intervals:
            return dl.DEFAULT_WEEKDAYS, None
        intervals = {wd: _merge_intervals(ivs) for wd, ivs in intervals.items()}
        return tuple(sorted(intervals)), intervals

    @api.model
    def _complaint_clear_calendar_cache(self):
        self.env.registry.clear_cache()
