import io
import json
from datetime import datetime

import openpyxl

from odoo.exceptions import AccessError, UserError

from ..tools import periods
from .common import ComplaintCase


def utc(*args):
    return datetime(*args)


class ComplaintStatsCase(ComplaintCase):
    """March 2025 (no public holiday in China) with known figures.

    ==  =========  ===========  =====  ==========  ========  ====================
    #   received   resolved     days   deadline    overdue   other
    ==  =========  ===========  =====  ==========  ========  ====================
    c1  Mon 03-03  Thu 03-06    3      03-06       no        closed, followed, 5
    c2  Mon 03-03  Mon 03-10    5      03-06       yes       followed, 2
    c3  Tue 03-04  Tue 03-18    10     03-07       yes       2 transfers
    c4  Wed 03-05  (open)       -      03-10       yes       major
    c5  Thu 03-06  (invalid)    -      -           -         Billing category
    c6  Fri 03-07  (new)        -      2030        no
    c7  Mon 03-10  (new)        -      -           no        repeat of c1
    ==  =========  ===========  =====  ==========  ========  ====================

    Times are 10:00 in Shanghai (02:00 UTC); deadlines end of day local.
    February 2025 has two complaints (for the trend).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # complaints already in the database (demo data) for the periods the
        # tests look at, so the figures asserted are the fixture's own
        Complaint = cls.env["complaint.complaint"].with_context(active_test=False)

        def count(start, end):
            return Complaint.search_count(
                [
                    ("company_id", "=", cls.env.company.id),
                    ("received_at", ">=", start),
                    ("received_at", "<", end),
                ]
            )

        cls.before_q1_2025 = count("2024-12-31 16:00:00", "2025-03-31 16:00:00")
        cls.before_2025 = count("2024-12-31 16:00:00", "2025-12-31 16:00:00")
        Partner = cls.env["res.partner"]
        cls.partners = Partner.create(
            [{"name": f"投诉人{i}", "phone": f"1380000000{i}"} for i in range(8)]
        )
        cls.cat_cn = cls.env["complaint.category"].create(
            {"name": "服务态度", "team_id": cls.team_a.id}
        )

        def make(
            i,
            received,
            state="new",
            resolved=None,
            deadline=None,
            overdue=False,
            **vals,
        ):
            values = {"partner_id": cls.partners[i].id, "received_at": received}
            values.update(vals)
            rec = cls._complaint(**values)
            write = {}
            if state != "new":
                write["state"] = state
            if resolved:
                write["resolved_at"] = resolved
            if write:
                rec.write(write)
            rec.write({"resolution_deadline": deadline, "is_overdue": overdue})
            return rec

        cls.c1 = make(
            1,
            utc(2025, 3, 3, 2),
            "closed",
            utc(2025, 3, 6, 2),
            utc(2025, 3, 6, 15, 59, 59),
            closed_at=utc(2025, 3, 7, 2),
            followup_done_at=utc(2025, 3, 7, 2),
            satisfaction="5",
            substantiated="yes",
            substantiation_basis="internal_rules",
            root_cause="柜员服务意识不足",
            department_id=cls.department.id,
        )
        cls.c2 = make(
            2,
            utc(2025, 3, 3, 2),
            "resolved",
            utc(2025, 3, 10, 2),
            utc(2025, 3, 6, 15, 59, 59),
            followup_done_at=utc(2025, 3, 11, 2),
            satisfaction="2",
            department_id=cls.department.id,
        )
        cls.c3 = make(
            3,
            utc(2025, 3, 4, 2),
            "resolved",
            utc(2025, 3, 18, 2),
            utc(2025, 3, 7, 15, 59, 59),
            overdue=True,
            department_id=cls.department_b.id,
        )
        cls.c3.transfer_count = 2
        cls.c4 = make(
            4,
            utc(2025, 3, 5, 2),
            "in_progress",
            None,
            utc(2025, 3, 10, 15, 59, 59),
            severity="major",
        )
        cls.c5 = make(5, utc(2025, 3, 6, 2), "invalid", category_id=cls.cat_billing.id)
        cls.c6 = make(6, utc(2025, 3, 7, 2), "new", None, utc(2030, 1, 1))
        cls.c7 = make(1, utc(2025, 3, 10, 2), "new")
        cls.feb = cls._complaint(
            partner_id=cls.partners[7].id, received_at=utc(2025, 2, 10, 2)
        )
        cls.feb |= cls._complaint(
            partner_id=cls.partners[0].id, received_at=utc(2025, 2, 11, 2)
        )
        cls.march = cls.c1 | cls.c2 | cls.c3 | cls.c4 | cls.c5 | cls.c6 | cls.c7
        cls.capa = cls.env["complaint.capa"].create(
            {
                "name": "柜台服务培训",
                "complaint_id": cls.c1.id,
                "root_cause": "培训不足",
                "date_deadline": "2025-04-30",
            }
        )
        cls.env.flush_all()


class TestComplaintStats(ComplaintStatsCase):
    def test_base_51_handling_days_count_working_days_from_receipt(self):
        self.assertEqual(
            (self.c1 | self.c2 | self.c3).mapped("handling_days"), [3, 5, 10]
        )
        self.assertEqual(self.c4.handling_days, 0)
        self.assertTrue(self.c7.is_repeat, "fixture: c7 repeats c1")

    def test_base_51_handling_days_use_local_dates_and_skip_weekends(self):
        # Friday 00:30 in Shanghai is still Thursday in UTC: same local day
        same_day = self._complaint(
            partner_id=self.partners[0].id, received_at=utc(2025, 3, 6, 16, 30)
        )
        same_day.write({"state": "resolved", "resolved_at": utc(2025, 3, 7, 3)})
        self.assertEqual(same_day.handling_days, 0)
        # Friday -> Monday: the weekend does not count
        weekend = self._complaint(
            partner_id=self.partners[0].id, received_at=utc(2025, 3, 7, 2)
        )
        weekend.write({"state": "resolved", "resolved_at": utc(2025, 3, 10, 2)})
        self.assertEqual(weekend.handling_days, 1)
        # reopening clears the figure until the complaint is resolved again
        weekend.write({"resolved_at": False, "state": "in_progress"})
        self.assertEqual(weekend.handling_days, 0)

    def test_base_51_dashboard_key_figures_and_trend(self):
        data = (
            self.env["complaint.dashboard"]
            .with_user(self.reviewer)
            .get_dashboard_data("month", "2025-03-15")
        )
        kpis = {k["key"]: k for k in data["kpis"]}
        self.assertEqual(data["period_label"], "2025-03")
        self.assertEqual(data["previous_label"], "2025-02")
        self.assertEqual(kpis["total"]["value"], 7)
        self.assertEqual(kpis["total"]["previous"], 2)
        self.assertEqual(kpis["total"]["trend"], 250.0)
        # overdue: c2 (resolved late), c3 (flagged), c4 (open past deadline)
        # out of 6 valid complaints
        self.assertEqual(kpis["overdue_rate"]["value"], 50.0)
        self.assertEqual(kpis["avg_days"]["value"], 6.0)
        # percentile_cont(0.9) of 3, 5, 10 = 5 + 0.8 * 5
        self.assertEqual(kpis["p90_days"]["value"], 9.0)
        self.assertEqual(kpis["followup_rate"]["value"], 66.7)
        self.assertEqual(kpis["satisfaction"]["value"], 3.5)
        self.assertEqual(kpis["transfers"]["value"], 2)
        self.assertEqual(kpis["repeat_rate"]["value"], 14.3)
        self.assertEqual(kpis["major"]["value"], 1)
        self.assertEqual(kpis["still_open"]["value"], 3)
        categories = {row["name"]: row["count"] for row in data["by_category"]}
        self.assertEqual(categories, {"Service": 6, "Billing": 1})
        # routing puts c4, c6, c7 in the category's department too: c2 and c4
        # of its 5 complaints are overdue
        worst = data["by_department"][0]
        self.assertEqual(worst["id"], self.department.id)
        self.assertEqual((worst["count"], worst["overdue"]), (5, 2))
        self.assertEqual(worst["overdue_rate"], 40.0)
        trend = {row["month"]: row["count"] for row in data["trend"]}
        self.assertEqual(len(data["trend"]), 12)
        self.assertEqual(trend["2025-03"], 7)
        self.assertEqual(trend["2025-02"], 2)

    def test_base_51_dashboard_quarter_and_year(self):
        Dashboard = self.env["complaint.dashboard"].with_user(self.manager)
        quarter = Dashboard.get_dashboard_data("quarter", "2025-02-01")
        self.assertEqual(quarter["period_label"], "2025-Q1")
        self.assertEqual(quarter["kpis"][0]["value"], 9 + self.before_q1_2025)
        year = Dashboard.get_dashboard_data("year", "2025-12-31")
        self.assertEqual(year["kpis"][0]["value"], 9 + self.before_2025)
        self.assertEqual(year["previous_label"], "2024")

    def test_base_51_statistics_only_for_reviewers(self):
        with self.assertRaises(AccessError):
            self.env["complaint.dashboard"].with_user(self.handler).get_dashboard_data()
        with self.assertRaises(AccessError):
            self.env["complaint.report"].with_user(self.handler).search([])

    def test_base_51_analysis_view_measures_by_category(self):
        Report = self.env["complaint.report"].with_user(self.reviewer)
        domain = [
            ("received_at", ">=", "2025-03-01"),
            ("received_at", "<", "2025-04-01"),
        ]
        rows = Report._read_group(
            domain,
            ["main_category_id"],
            [
                "nbr:sum",
                "overdue_rate:avg",
                "handling_days:avg",
                "followup_rate:avg",
                "satisfaction_score:avg",
                "transfer_count:sum",
                "repeat_rate:avg",
            ],
        )
        by_cat = {cat: rest for cat, *rest in rows}
        count, overdue, days, followup, satisfaction, transfers, repeat = by_cat[
            self.cat_l1
        ]
        self.assertEqual(count, 6)
        self.assertAlmostEqual(overdue, 50.0)
        self.assertAlmostEqual(days, 6.0)
        self.assertAlmostEqual(followup, 200 / 3)
        self.assertAlmostEqual(satisfaction, 3.5)
        self.assertEqual(transfers, 2)
        self.assertAlmostEqual(repeat, 100 / 6)
        # the invalid complaint is not counted in the overdue rate
        self.assertFalse(by_cat[self.cat_billing][1])

    def test_base_51_handling_time_cohorts(self):
        rows = self.env["complaint.report"]._read_group(
            [("complaint_id", "in", self.march.ids)], ["handling_bucket"], ["nbr:sum"]
        )
        self.assertEqual(dict(rows), {"a_5": 2, "b_10": 1, "open": 4})

    def test_base_51_periods_are_local_months_quarters_years(self):
        self.assertEqual(
            periods.period_bounds("quarter", "2025-05-17"),
            (datetime(2025, 4, 1).date(), datetime(2025, 7, 1).date()),
        )
        self.assertEqual(periods.period_key("quarter", "2025-11-02"), "2025-Q4")
        start, end = periods.local_range_to_utc("2025-03-01", "2025-04-01")
        self.assertEqual(start, datetime(2025, 2, 28, 16))
        self.assertEqual(end, datetime(2025, 3, 31, 16))
        self.assertEqual(
            periods.last_complete_period("year", "2025-01-01")[0].year, 2024
        )
        self.assertIsNone(periods.trend(5, 0))
        self.assertEqual(periods.trend(5, 4), 25.0)


class TestComplaintPeriodReport(ComplaintStatsCase):
    def _data(self, period_type="month", day="2025-03-10"):
        return self.env["complaint.period.report"]._build_data(
            period_type, day, self.env.company
        )

    def test_base_51_monthly_report_lists(self):
        data = self._data()
        self.assertEqual(data["period_label"], "2025-03")
        overdue = {row["name"]: row for row in data["overdue"]}
        self.assertEqual(set(overdue), {self.c2.name, self.c3.name, self.c4.name})
        # deadline Thu 03-06, resolved Mon 03-10: two working days late
        self.assertEqual(overdue[self.c2.name]["days_late"], 2)
        self.assertEqual(overdue[self.c3.name]["days_late"], 7)
        self.assertEqual(data["root_causes"][0]["root_cause"], "柜员服务意识不足")
        self.assertEqual(data["capas"][0]["name"], "柜台服务培训")
        self.assertEqual(data["worst_departments"][0]["id"], self.department.id)
        kpis = {k["key"]: k for k in data["kpis"]}
        self.assertEqual(kpis["total"]["previous"], 2)
        self.assertEqual(kpis["total"]["last_year"], 0)
        json.dumps(data)  # plain values only: usable as report data

    def test_base_51_quarterly_and_yearly_reports(self):
        quarter = self._data("quarter", "2025-03-10")
        self.assertEqual(quarter["period_label"], "2025 Q1")
        self.assertEqual(
            [t["month"] for t in quarter["trend"]], ["2025-01", "2025-02", "2025-03"]
        )
        self.assertEqual(quarter["kpis"][0]["value"], 9 + self.before_q1_2025)
        year = self._data("year", "2025-03-10")
        self.assertEqual(len(year["trend"]), 12)
        self.assertEqual(year["kpis"][0]["value"], 9 + self.before_2025)

    def test_base_51_excel_report(self):
        Report = self.env["complaint.period.report"]
        data = self._data()
        book = openpyxl.load_workbook(io.BytesIO(Report._render_xlsx(data)))
        for sheet in (
            "Summary",
            "Main Categories",
            "Departments",
            "Overdue",
            "Root Causes",
            "Corrective Actions",
            "Trend",
        ):
            self.assertIn(sheet, book.sheetnames)
        summary = book["Summary"]
        self.assertEqual(summary.cell(5, 1).value, "Complaints")
        self.assertEqual(summary.cell(5, 2).value, 7)
        overdue = book["Overdue"]
        self.assertEqual(
            {overdue.cell(r, 1).value for r in range(2, 5)},
            {self.c2.name, self.c3.name, self.c4.name},
        )

    def test_base_51_pdf_report_content(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "complaint_base.action_report_complaint_period",
                None,
                data={
                    "period_type": "month",
                    "date": "2025-03-10",
                    "company_id": self.env.company.id,
                },
            )[0]
            .decode()
        )
        self.assertIn("Monthly", html)
        self.assertIn("2025-03", html)
        self.assertIn("柜员服务意识不足", html)
        self.assertIn(self.c4.name, html)

    def test_base_51_reports_only_for_own_companies(self):
        other = self.env["res.company"].create({"name": "分公司"})
        Report = self.env["complaint.period.report"].with_user(self.reviewer)
        with self.assertRaises(AccessError):
            Report._build_data("month", "2025-03-10", other)
        with self.assertRaises(AccessError):
            self.env["complaint.period.report"].with_user(self.handler)._build_data(
                "month", "2025-03-10", self.env.company
            )

    def test_base_51_wizard_print_download_send(self):
        wizard = (
            self.env["complaint.report.wizard"]
            .with_user(self.reviewer)
            .create({"period_type": "quarter", "date": "2025-02-14"})
        )
        self.assertIn("2025 Q1", wizard.period_label)
        action = wizard.action_print_pdf()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["data"]["period_type"], "quarter")
        download = wizard.action_download_xlsx()
        self.assertTrue(download["url"].startswith("/complaint/period_report/xlsx?"))
        self.env.company.complaint_report_recipient_ids = False
        with self.assertRaises(UserError):
            wizard.action_send()

    def test_base_51_reports_mailed_once_per_period(self):
        boss = self.env["res.partner"].create(
            {"name": "总经理", "email": "boss@example.cn"}
        )
        company = self.env.company
        company.write(
            {
                "complaint_report_recipient_ids": [(6, 0, boss.ids)],
                "complaint_report_last_month": False,
                "complaint_report_last_quarter": False,
                "complaint_report_last_year": False,
            }
        )
        Report = self.env["complaint.period.report"]
        mails = Report._cron_send_period_reports(today="2025-04-01")
        self.assertEqual(len(mails), 3, "month, quarter and year ended")
        self.assertEqual(mails.mapped("recipient_ids"), boss)
        for mail in mails:
            self.assertEqual(len(mail.attachment_ids), 2)
            self.assertEqual(
                sorted(a.name.rsplit(".", 1)[1] for a in mail.attachment_ids),
                ["pdf", "xlsx"],
            )
        self.assertIn("2025-03", " ".join(mails.mapped("subject")))
        self.assertEqual(company.complaint_report_last_month, "2025-03")
        self.assertFalse(Report._cron_send_period_reports(today="2025-04-02"))
        again = Report._cron_send_period_reports(today="2025-05-01")
        self.assertEqual(len(again), 1)
        self.assertIn("2025-04", again.subject)
        company.complaint_report_monthly = False
        self.assertFalse(Report._cron_send_period_reports(today="2025-06-01"))


class TestComplaintDossier(ComplaintStatsCase):
    def test_base_52_dossier_has_every_section_in_chinese(self):
        complaint = self.c1
        complaint.write(
            {
                "findings": "<p>经调查,柜员确有不当言语。</p>",
                "resolution": "<p>已向客户当面道歉。</p>",
                "plan_measures": "<p>当面道歉并培训</p>",
                "team_id": self.team_a.id,
                "user_id": self.handler.id,
            }
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.handler)
            ._render_qweb_html(
                "complaint_base.action_report_complaint_dossier", complaint.ids
            )[0]
            .decode()
        )
        for text in (
            "Registration Form",
            "Investigation",
            "Resolution Plan",
            "Result",
            "Follow-up Visit",
            "Closing Review",
            "经调查,柜员确有不当言语",
            "已向客户当面道歉",
            "投诉人1",
            "柜员服务意识不足",
            "柜台服务培训",
            complaint.name,
        ):
            self.assertIn(text, html)
        self.assertIn("13800000001", html, "the handler sees the phone")

    def test_base_52_dossier_masks_phone_for_non_handlers(self):
        html = (
            self.env["ir.actions.report"]
            .with_user(self.reviewer)
            ._render_qweb_html(
                "complaint_base.action_report_complaint_dossier", self.c2.ids
            )[0]
            .decode()
        )
        self.assertNotIn("13800000002", html)
        self.assertIn("138****0002", html)
