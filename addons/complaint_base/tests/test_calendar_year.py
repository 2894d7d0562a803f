"""Next year's official calendar (DL-7)."""

import datetime as dt

from odoo.tests import tagged

from ..tools import calendar_year as cy
from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestCalendarYear(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "complaint_country_id": cls.env.ref("base.cn").id,
                "complaint_subdivision": False,
            }
        )
        cls.env["complaint.calendar.override"].search([]).unlink()

    def test_dl_7_schedule_source_per_year(self):
        self.assertEqual(cy.schedule_source("CN", None, 2026), cy.LIBRARY)
        self.assertEqual(cy.schedule_source("CN", None, 2030), cy.UNKNOWN)
        self.assertEqual(cy.schedule_source("CN", None, 2030, {2030}), cy.OVERRIDES)
        self.assertEqual(cy.schedule_source("US", None, 2030), cy.RULES)
        self.assertIsNone(cy.reminder_due(dt.date(2029, 10, 31), "CN", None))
        self.assertEqual(cy.reminder_due(dt.date(2029, 11, 1), "CN", None), 2030)
        self.assertIsNone(cy.reminder_due(dt.date(2029, 11, 1), "CN", None, {2030}))
        self.assertIsNone(cy.reminder_due(dt.date(2029, 11, 1), "US", None))

    def test_dl_7_administrators_reminded_from_1_november_until_known(self):
        Year = self.env["complaint.calendar.year"]
        Year._cron_remind_next_year(today=dt.date(2029, 10, 31))
        self.assertFalse(Year.search([("year", "=", 2030)]))
        Year._cron_remind_next_year(today=dt.date(2029, 11, 1))
        year = Year.search([("year", "=", 2030), ("company_id", "=", self.company.id)])
        self.assertEqual(year.source, cy.UNKNOWN)
        reminded = year.activity_ids.user_id
        self.assertTrue(reminded)
        self.assertTrue(
            all(u.has_group("complaint_base.group_complaint_manager") for u in reminded)
        )
        Year._cron_remind_next_year(today=dt.date(2029, 11, 2))
        self.assertEqual(len(year.activity_ids), len(reminded), "one reminder each")
        self.env["complaint.calendar.override"].create(
            {"date": dt.date(2030, 2, 9), "override_type": "extra_workday"}
        )
        Year._cron_remind_next_year(today=dt.date(2029, 11, 20))
        self.assertEqual(year.source, cy.OVERRIDES)
        self.assertFalse(year.activity_ids, "done once the schedule is known")

    def test_dl_7_settings_show_each_year(self):
        settings = self.env["res.config.settings"].create({})
        html = str(settings.complaint_calendar_years)
        today = self.env["complaint.calendar.year"]._company_today(self.company)
        self.assertIn(str(today.year), html)
        self.assertIn(str(today.year + 1), html)
        expected = self.env["complaint.calendar.year"]._source_for(
            self.company, today.year + 1
        )
        label = dict(self.env["complaint.calendar.year"]._fields["source"].selection)[
            expected
        ]
        self.assertIn(label, html)
