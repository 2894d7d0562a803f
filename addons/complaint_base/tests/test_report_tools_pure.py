"""The shared report plumbing as plain functions (no database): local days
of the company's complaint zone as UTC bounds (DL-1) and the xlsx writer."""

import io
from datetime import date, datetime

import openpyxl

from odoo.tests import tagged
from odoo.tests.common import BaseCase

from ..tools import local_day, periods
from ..tools.xlsx import XlsxBook, sheet_name


class _Company:
    def __init__(self, complaint_tz):
        self.complaint_tz = complaint_tz


@tagged("post_install", "-at_install")
class TestLocalDay(BaseCase):
    def test_dl_01_local_days_of_the_company_zone(self):
        start, end = local_day.local_day_bounds(date(2025, 3, 1), date(2025, 4, 1))
        self.assertEqual(start, datetime(2025, 2, 28, 16, 0))
        self.assertEqual(end, datetime(2025, 3, 31, 16, 0))
        # a "date to" chosen by a user is inclusive
        self.assertEqual(
            local_day.local_day_bounds("2025-03-01", "2025-03-31", inclusive=True),
            (start, end),
        )
        # one day alone
        self.assertEqual(
            local_day.local_day_bounds("2025-03-31"),
            (datetime(2025, 3, 30, 16, 0), end),
        )
        # the periods' helper is the same function
        self.assertEqual(
            periods.local_range_to_utc("2025-03-01", "2025-04-01"), (start, end)
        )

    def test_dl_01_zone_with_daylight_saving_and_default(self):
        tz = local_day.company_tz(_Company("Europe/Paris"))
        self.assertEqual(tz, "Europe/Paris")
        start, end = local_day.local_day_bounds("2025-03-30", None, tz)
        self.assertEqual(start, datetime(2025, 3, 29, 23, 0))
        self.assertEqual(end, datetime(2025, 3, 30, 22, 0), "23-hour day")
        self.assertEqual(local_day.company_tz(_Company(False)), "Asia/Shanghai")
        self.assertEqual(local_day.company_tz(None), "Asia/Shanghai")


@tagged("post_install", "-at_install")
class TestXlsxBook(BaseCase):
    def test_base_51_xlsx_writer_tables_pairs_and_sheet_names(self):
        used = set()
        self.assertEqual(sheet_name("A/B: [x]", used), "A B   x")
        self.assertEqual(sheet_name("a/b: [x]", used), "a b   x (2)")
        self.assertEqual(len(sheet_name("x" * 40, used)), 31)
        book = XlsxBook()
        sheet = book.sheet("Summary")
        row = book.title(sheet, "Report", subtitle="2025-03")
        self.assertEqual(row, 2)
        after = book.table(
            sheet, 3, ["Name", "Count"], [["A", 3], ["B", None]], total=["All", 3]
        )
        self.assertEqual(after, 8)
        book.pairs(book.sheet("Summary"), 0, [("Cases", 4)])
        wb = openpyxl.load_workbook(io.BytesIO(book.close()))
        self.assertEqual(wb.sheetnames, ["Summary", "Summary (2)"])
        ws = wb["Summary"]
        self.assertEqual(ws.cell(1, 1).value, "Report")
        self.assertEqual(ws.cell(4, 1).value, "Name")
        self.assertEqual(ws.cell(5, 2).value, 3)
        self.assertIn(ws.cell(6, 2).value, (None, ""))
        self.assertEqual(ws.cell(7, 1).value, "All")
        self.assertEqual(wb["Summary (2)"].cell(1, 2).value, 4)
