"""The shared report plumbing as plain functions (no database): local days
of the company's complaint zone as UTC bounds (DL-1) and the xlsx writer."""

import io
from datetime import date, datetime

import openpyxl

from odoo.tests import tagged
from odoo.tests.common import BaseCase

from ..tools import local_day, periods, stats_rollup
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

    def test_dl_01_local_date_of_a_utc_moment(self):
        """BASE-05: a complaint received at 23:30 UTC on 31 March is an
        April complaint in Shanghai (and in London, on summer time since
        30 March), a March one in UTC."""
        moment = datetime(2025, 3, 31, 23, 30)
        self.assertEqual(
            local_day.local_date(moment, "Asia/Shanghai"), date(2025, 4, 1)
        )
        self.assertEqual(
            local_day.local_date(moment, "Europe/London"), date(2025, 4, 1)
        )
        self.assertEqual(local_day.local_date(moment, "UTC"), date(2025, 3, 31))
        self.assertEqual(local_day.local_date(moment), date(2025, 4, 1), "default zone")


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


@tagged("post_install", "-at_install")
class TestStatsRollup(BaseCase):
    def _class(self, state, n, **kw):
        row = dict.fromkeys(
            ("major", "late", "resolved", "followed", "transferred", "repeat"), False
        )
        row.update(state=state, n=n, days=None, score=0, transfers=0)
        row.update(kw)
        return row

    def test_base_51_percentile_matches_postgresql(self):
        # percentile_cont(0.9) of 3, 5, 10 is 5 + 0.8 * (10 - 5) = 9.0
        self.assertEqual(stats_rollup.percentile_cont({3: 1, 5: 1, 10: 1}, 0.9), 9.0)
        self.assertEqual(stats_rollup.percentile_cont({7: 4}, 0.9), 7)
        self.assertAlmostEqual(stats_rollup.percentile_cont({1: 9, 2: 1}, 0.9), 1.1)
        self.assertEqual(stats_rollup.percentile_cont({1: 8, 2: 2}, 0.9), 2.0)
        self.assertIsNone(stats_rollup.percentile_cont({}, 0.9))

    def test_base_16_rollup_counts_withdrawn_and_invalid_apart(self):
        figures = stats_rollup.rollup(
            [
                self._class("closed", 2, resolved=True, days=4, late=True, score=5),
                self._class("withdrawn", 1, late=True),
                self._class("invalid", 1, late=True),
                self._class("new", 3, major=True, transferred=True, transfers=2),
            ]
        )
        self.assertEqual(figures["total"], 7)
        self.assertEqual(figures["valid"], 5)
        self.assertEqual(figures["withdrawn"], 1)
        self.assertEqual(figures["invalid"], 1)
        self.assertEqual(figures["overdue"], 2, "withdrawn and invalid are not late")
        self.assertEqual(figures["still_open"], 3)
        self.assertEqual(figures["major"], 3)
        self.assertEqual(figures["avg_days"], 4)
        self.assertEqual(figures["p90_days"], 4)
        self.assertEqual(figures["satisfaction"], 5)
        self.assertEqual(figures["transfers"], 2)
        self.assertEqual(figures["transferred"], 3)

    def test_base_16_breakdown_classes_count_withdrawn_and_invalid_apart(self):
        """A breakdown group's class packs validity (invalid 0, withdrawn 1,
        valid 2, valid and late 3), resolved (2) and rated (1)."""
        parts = dict.fromkeys(stats_rollup.PARTIALS, 0)
        groups = [
            # valid, late, resolved in 4 + 6 days, rated 5 + 3
            {"cls": 3 * 4 + 2 + 1, "n": 2, "sum_days": 10, "sum_sat": 8},
            # withdrawn and invalid: not valid, never overdue
            {"cls": 1 * 4, "n": 1, "sum_days": 0, "sum_sat": 0},
            {"cls": 0 * 4, "n": 1, "sum_days": None, "sum_sat": None},
            # valid, open: its handling days do not count
            {"cls": 2 * 4, "n": 3, "sum_days": 7, "sum_sat": 0},
        ]
        for group in groups:
            stats_rollup.add_partials(parts, group)
        self.assertEqual(
            parts,
            {
                "total": 7,
                "valid": 5,
                "withdrawn": 1,
                "overdue": 2,
                "resolved": 2,
                "sum_days": 10,
                "rated": 2,
                "sum_sat": 8,
            },
        )
