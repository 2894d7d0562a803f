"""BANK-05 half-year statistics per branch, BANK-07 JR/T 0169-2018 codes."""

import datetime as dt
import io

import openpyxl

from odoo.tests import tagged

from .common import BankCase, local


@tagged("post_install", "-at_install")
class TestBankStatistics(BankCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Complaint = cls.env["complaint.complaint"]
        cls.c_cards = cls._complaint(
            received=local(2026, 9, 18, 10, 0),
            bank_business_type=cls.code_cards.id,
            bank_cause=cls.cause_terms.id,
        )
        cls.c_cards_late = cls._complaint(
            received=local(2026, 8, 3, 10, 0),
            bank_business_type=cls.code_cards.id,
            bank_cause=cls.cause_systems.id,
        )
        cls.c_loans = cls._complaint(
            received=local(2026, 11, 28, 23, 30),
            bank_receiving_branch_id=cls.branch.id,
            bank_business_type=cls.code_loans.id,
            bank_cause=cls.cause_terms.id,
            bank_people_in_person=25,
        )
        # outside the branch tree / outside the half-year: not counted
        cls.c_other_branch = cls._complaint(
            bank_receiving_branch_id=cls.other_branch.id,
            bank_business_type=cls.code_payment.id,
            bank_cause=cls.cause_attitude.id,
        )
        cls.c_first_half = cls._complaint(
            received=local(2026, 6, 30, 23, 0),
            bank_business_type=cls.code_payment.id,
            bank_cause=cls.cause_attitude.id,
        )
        cls.c_unclassified = cls._complaint(received=local(2026, 7, 1, 0, 30))
        # decided on time / late
        (cls.c_cards | cls.c_cards_late).write({"state": "resolved"})
        cls.c_cards.resolved_at = local(2026, 9, 30, 10, 0)
        cls.c_cards_late.resolved_at = local(2026, 9, 30, 10, 0)
        Complaint.flush_model()
        cls.report = cls.env["complaint.bank.stat.report"].create(
            {"branch_id": cls.branch.id, "year": 2026, "half": "2"}
        )
        cls.report.action_compute()

    def _line(self, dimension, code):
        return self.report.line_ids.filtered(
            lambda line: line.dimension == dimension and line.code_id == code
        )

    def test_bank_05_period_and_due_date(self):
        """BANK-05: the second half of 2026 is due by 30 January 2027."""
        self.assertEqual(self.report.date_from, dt.date(2026, 7, 1))
        self.assertEqual(self.report.date_to, dt.date(2026, 12, 31))
        self.assertEqual(self.report.due_date, dt.date(2027, 1, 30))
        self.assertEqual(self.report.responsible_id, self.branch_manager)

    def test_bank_05_figures_per_branch_by_business_type_and_cause(self):
        """BANK-05/07: the branch's report counts its own and its
        sub-branches' complaints of the half-year (Shanghai time), by business
        type and cause, decided and decided on time."""
        report = self.report
        self.assertEqual(report.received_count, 4)
        self.assertEqual(report.decided_count, 2)
        self.assertEqual(report.on_time_count, 1)
        self.assertEqual(report.overdue_count, 1)
        self.assertEqual(report.on_time_rate, 50.0)
        self.assertEqual(report.mass_count, 1)
        self.assertEqual(report.unclassified_count, 1)
        cards = self._line("business_type", self.code_cards)
        self.assertEqual(
            (cards.complaint_count, cards.decided_count, cards.on_time_count), (2, 2, 1)
        )
        self.assertEqual(cards.share, 50.0)
        self.assertEqual(
            self._line("business_type", self.code_loans).complaint_count, 1
        )
        self.assertFalse(self._line("business_type", self.code_payment))
        self.assertEqual(self._line("cause", self.cause_terms).complaint_count, 2)
        self.assertEqual(self._line("cause", self.cause_systems).complaint_count, 1)
        unclassified = self.report.line_ids.filtered(
            lambda line: line.dimension == "business_type" and not line.code_id
        )
        self.assertEqual(unclassified.complaint_count, 1)
        # the sub-branch's own report only has its complaints
        sub = self.env["complaint.bank.stat.report"].create(
            {"branch_id": self.sub_branch.id, "year": 2026, "half": "2"}
        )
        sub.action_compute()
        self.assertEqual(sub.received_count, 3)

    def test_bank_05_merged_left_out_withdrawn_counted_apart(self):
        """BANK-05 / BASE-16 (issue 13): a complaint merged into another one is
        not counted again (the original is); a withdrawn complaint counts
        apart, not among the complaints received."""
        merged = self._complaint(
            received=local(2026, 10, 12, 10, 0),
            bank_business_type=self.code_cards.id,
            bank_cause=self.cause_terms.id,
        )
        withdrawn = self._complaint(
            received=local(2026, 10, 13, 10, 0),
            bank_business_type=self.code_loans.id,
            bank_cause=self.cause_terms.id,
        )
        merged.write({"state": "merged"})
        withdrawn.write({"state": "withdrawn"})
        self.report.action_compute()
        self.assertEqual(self.report.received_count, 4)
        self.assertEqual(self.report.merged_count, 1)
        self.assertEqual(self.report.withdrawn_count, 1)
        cards = self._line("business_type", self.code_cards)
        self.assertEqual(cards.complaint_count, 2)
        self.assertEqual(
            self._line("business_type", self.code_loans).complaint_count, 1
        )

    def test_bank_05_xlsx_export(self):
        """BANK-05: the report exports as an XLSX workbook with the summary
        and the tables by business type and by cause."""
        action = self.report.action_export_xlsx()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", self.report._name), ("res_id", "=", self.report.id)],
            order="id desc",
            limit=1,
        )
        self.assertIn(f"/web/content/{attachment.id}", action["url"])
        self.assertTrue(attachment.name.endswith(".xlsx"))
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        self.assertEqual(
            book.sheetnames,
            [
                "Summary",
                "By Business Type",
                "By Cause",
                "By Business Channel",
                "Business Type by Cause",
            ],
        )
        summary = {
            row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)
        }
        self.assertEqual(summary["Complaints Received"], 4)
        self.assertEqual(summary["Due"], "2027-01-30")
        business = list(book["By Business Type"].iter_rows(values_only=True))
        self.assertIn(("B03", "Bank cards", 2, 50.0, 2, 1), business)
        self.assertEqual(business[-1][2], 4)
        matrix = list(book["Business Type by Cause"].iter_rows(values_only=True))
        header = matrix[2]
        cards_row = next(row for row in matrix if row[0] == "B03 Bank cards")
        self.assertEqual(cards_row[header.index("C08 Contract terms")], 1)
        self.assertEqual(cards_row[-1], 2)

    def test_bank_05_pdf_report(self):
        """BANK-05: the PDF (QWeb) report shows the figures per code."""
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(
            "complaint_banking.action_report_bank_stat_report", self.report.ids
        )
        html = html.decode()
        for text in (
            "By Business Type",
            "By Cause",
            "Bank cards",
            "Contract terms",
            "2027",
        ):
            self.assertIn(text, html)

    def test_bank_05_cron_schedules_due_activities_idempotently(self):
        """BANK-05: the scheduled action creates one report per branch and
        one activity for its senior manager due 30 July / 30 January;
        running it again adds nothing; a submitted report has none."""
        Report = self.env["complaint.bank.stat.report"]
        activity_type = self.env.ref(
            "complaint_banking.mail_activity_type_bank_stat_report"
        )
        Report._cron_schedule_half_year_reports(today=dt.date(2026, 7, 10))
        Report._cron_schedule_half_year_reports(today=dt.date(2026, 7, 11))
        mine = Report.search([("branch_id", "=", self.sub_branch.id)])
        self.assertEqual(
            sorted((r.year, r.half) for r in mine), [(2026, "1"), (2026, "2")]
        )
        for report in mine:
            activities = report.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )
            self.assertEqual(len(activities), 1)
            self.assertEqual(activities.user_id, self.sub_manager)
            self.assertEqual(activities.date_deadline, report.due_date)
        first_half = mine.filtered(lambda r: r.half == "1")
        self.assertEqual(first_half.due_date, dt.date(2026, 7, 30))
        first_half.action_submit()
        self.assertFalse(first_half.activity_ids)
        Report._cron_schedule_half_year_reports(today=dt.date(2026, 7, 12))
        self.assertFalse(first_half.activity_ids)
        self.assertEqual(
            len(Report.search([("branch_id", "=", self.sub_branch.id)])), 2
        )
        # after 30 July only the current half-year is created for new branches
        Report._cron_schedule_half_year_reports(today=dt.date(2026, 8, 1))
        self.assertEqual(
            len(Report.search([("branch_id", "=", self.sub_branch.id)])), 2
        )

    def test_bank_07_jrt_0169_codes_shipped(self):
        """BANK-07: the JR/T 0169-2018 business types, causes and business
        channels ship as data and classify complaints."""
        Code = self.env["complaint.bank.code"]
        business = Code.search([("code_type", "=", "business_type")])
        self.assertEqual(
            sorted(business.mapped("code")),
            ["B01", "B02", "B03", "B04", "B05", "B06", "B99"],
        )
        causes = Code.search([("code_type", "=", "cause")])
        self.assertEqual(len(causes), 11)
        self.assertIn("C10", causes.mapped("code"))
        app = self.env.ref("complaint_banking.bank_code_a10303")
        self.assertEqual(
            app.parent_id.parent_id, self.env.ref("complaint_banking.bank_code_a1")
        )
        self.assertEqual(self.code_cards.display_name, "B03 Bank cards")
        self.assertEqual(Code.name_search("B03")[0][0], self.code_cards.id)
        field = self.env["complaint.complaint"]._fields["bank_business_type"]
        self.assertEqual(field.comodel_name, "complaint.bank.code")
