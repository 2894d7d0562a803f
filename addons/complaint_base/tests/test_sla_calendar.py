"""Working calendars of complaint deadlines through the ORM (DL-1 … DL-5)."""

import datetime as dt

from odoo.tests import tagged

from .sla_common import SlaCase, end_of_day, local


@tagged("post_install", "-at_install")
class TestSlaCalendar(SlaCase):
    def test_dl_2_banking_15_working_days_from_friday_2026_09_18(self):
        """DL-2: a banking-style 15 working days target computed for a
        complaint received on Friday 2026-09-18 lands on 2026-10-15 end of
        day in Asia/Shanghai (Sun 09-20 and Sat 10-10 are make-up working
        days; 09-25 and 10-01..07 are holidays)."""
        self._make_policy(
            "Banking-style",
            {"resolution": (15, "working_days", "received")},
            channel_id=self.channel_web.id,
        )
        complaint = self._complaint(
            local(2026, 9, 18, 10, 0), channel_id=self.channel_web.id
        )
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 15))
        self.assertEqual(
            complaint.resolution_deadline, dt.datetime(2026, 10, 15, 15, 59, 59)
        )

    def test_dl_2_receipt_day_not_counted_and_makeup_sunday_counts(self):
        """DL-2/DL-5: received Friday, 1 working day -> Sunday 2026-09-20
        (make-up working day), never the Friday itself."""
        complaint = self._complaint(local(2026, 9, 18, 9, 0))
        self.assertEqual(complaint.ack_deadline, end_of_day(2026, 9, 20))
        # 3 working days: Sun 20, Mon 21, Tue 22
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 9, 22))

    def test_dl_1_local_receipt_date_decides(self):
        """DL-1: 2026-09-13 17:00 UTC is Monday 09-14 01:00 in Shanghai: the
        receipt day is the local Monday, so 1 working day is Tuesday 09-15
        (counting on the UTC date, Sunday, would give Monday)."""
        complaint = self._complaint(dt.datetime(2026, 9, 13, 17, 0))
        self.assertEqual(complaint.ack_deadline, end_of_day(2026, 9, 15))
        self.assertEqual(complaint.ack_deadline, dt.datetime(2026, 9, 15, 15, 59, 59))

    def test_dl_1_company_time_zone_setting(self):
        """DL-1: the company's complaint time zone is the counting zone."""
        self.company.complaint_tz = "Europe/Paris"
        complaint = self._complaint(dt.datetime(2026, 9, 13, 17, 0))  # Sun 19:00 Paris
        # Monday 09-14 is the first working day after Sunday, 23:59:59 Paris
        # (UTC+2 in September)
        self.assertEqual(complaint.ack_deadline, dt.datetime(2026, 9, 14, 21, 59, 59))

    def test_dl_3_calendar_days_roll_to_next_working_day(self):
        """DL-3: 3 calendar days from Monday 2026-09-28 end on Thursday
        10-01, a National Day holiday: the period ends on the next working
        day, Thursday 10-08."""
        self._make_policy(
            "Calendar days",
            {"resolution": (3, "calendar_days", "received")},
            channel_id=self.channel_web.id,
        )
        complaint = self._complaint(
            local(2026, 9, 28, 11, 0), channel_id=self.channel_web.id
        )
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 8))

    def test_dl_4_hours_are_elapsed_clock_time(self):
        """DL-4: "within 2 hours" is plain elapsed time, even on a holiday."""
        self._make_policy(
            "Hours",
            {"acknowledge": (2, "hours", "received")},
            channel_id=self.channel_web.id,
        )
        received = local(2026, 10, 2, 22, 30)  # National Day holiday, late evening
        complaint = self._complaint(received, channel_id=self.channel_web.id)
        self.assertEqual(complaint.ack_deadline, received + dt.timedelta(hours=2))

    def test_dl_4_working_hours_follow_the_company_schedule(self):
        """DL-4: 4 working hours from Friday 2026-09-18 16:00 with the
        company's 08-12 / 13-17 week: 1 h on Friday, then the make-up Sunday
        09-20 (Monday hours) 08:00-11:00."""
        self._make_policy(
            "Working hours",
            {"first_response": (4, "working_hours", "received")},
            channel_id=self.channel_web.id,
        )
        complaint = self._complaint(
            local(2026, 9, 18, 16, 0), channel_id=self.channel_web.id
        )
        self.assertEqual(complaint.first_response_deadline, local(2026, 9, 20, 11, 0))

    def test_dl_5_weekly_schedule_from_resource_calendar(self):
        """DL-5: a Saturday with attendance in the company's working schedule
        is a working day."""
        self.week_40h.write(
            {
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Saturday",
                            "dayofweek": "5",
                            "hour_from": 9,
                            "hour_to": 12,
                            "day_period": "morning",
                        },
                    )
                ]
            }
        )
        self.env.registry.clear_cache()
        calendar = self.company._get_complaint_calendar()
        self.assertIn(5, calendar.weekdays)
        self.assertEqual(calendar.day_intervals[0], ((8.0, 12.0), (13.0, 17.0)))
        # received Friday 2026-11-13: Saturday 11-14 is now the first working day
        complaint = self._complaint(local(2026, 11, 13, 10, 0))
        self.assertEqual(complaint.ack_deadline, end_of_day(2026, 11, 14))

    def test_dl_5_administrator_overrides_win_over_the_library(self):
        """DL-5: an extra holiday and an extra working day entered by the
        administrator change the deadlines at once (cache cleared, open
        complaints recomputed)."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0))  # Monday
        # 3 working days: Tue 17, Wed 18, Thu 19
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 19))
        Override = self.env["complaint.calendar.override"]
        Override.create(
            {"date": "2026-11-18", "override_type": "extra_holiday", "note": "Typhoon"}
        )
        self.assertFalse(
            self.company._get_complaint_calendar().is_working_day(dt.date(2026, 11, 18))
        )
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 20))
        # an extra working day on Wednesday's place: Sat 11-21 ... not needed,
        # a Sunday before the deadline is enough
        other = self._complaint(local(2026, 11, 20, 10, 0))  # Friday
        # Mon 23, Tue 24, Wed 25
        self.assertEqual(other.resolution_deadline, end_of_day(2026, 11, 25))
        Override.create({"date": "2026-11-22", "override_type": "extra_workday"})
        # Sun 22 (extra working day), Mon 23, Tue 24
        self.assertEqual(other.resolution_deadline, end_of_day(2026, 11, 24))

    def test_dl_5_company_override_applies_to_its_company_only(self):
        """DL-5: an override with a company does not touch other companies."""
        other_company = self.env["res.company"].create({"name": "上海分公司"})
        self.env["complaint.calendar.override"].create(
            {
                "date": "2026-12-01",
                "override_type": "extra_holiday",
                "company_id": other_company.id,
            }
        )
        self.assertTrue(
            self.company._get_complaint_calendar().is_working_day(dt.date(2026, 12, 1))
        )
        self.assertFalse(
            other_company._get_complaint_calendar().is_working_day(dt.date(2026, 12, 1))
        )

    def test_dl_5_country_setting_changes_the_holidays(self):
        """DL-5: the holidays follow the configured country: 2026-10-01 is a
        holiday in China but a working Thursday without a country."""
        calendar = self.company._get_complaint_calendar()
        self.assertFalse(calendar.is_working_day(dt.date(2026, 10, 1)))
        settings = self.env["res.config.settings"].create({})
        settings.complaint_country_id = False
        settings.execute()
        self.assertTrue(
            self.company._get_complaint_calendar().is_working_day(dt.date(2026, 10, 1))
        )
