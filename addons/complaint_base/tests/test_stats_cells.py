"""The statistics' month cells (issue 14, BASE-51/54): a period of whole
months is read from stored cells, and the figures stay exactly those of a
live count whatever changes, whoever reads and whenever they read."""

import re
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo import fields

from .. import uninstall_hook
from ..models.complaint_stats_dirty import STATS_COLUMNS
from .test_stats import ComplaintStatsCase, utc

DAY = "2025-03-15"


class TestStatsCells(ComplaintStatsCase):
    def _cells(self):
        self.env.cr.execute("SELECT count(*) FROM complaint_stats_cell")
        return self.env.cr.fetchone()[0]

    def _dashboard(self, user, period="month", day=DAY):
        return (
            self.env["complaint.dashboard"]
            .with_user(user)
            .get_dashboard_data(period, day)
        )

    @contextmanager
    def _live(self):
        """Every range counted live, as before the cells."""
        Dashboard = type(self.env["complaint.dashboard"])
        with patch.object(Dashboard, "_cell_edges", lambda *args, **kw: None):
            yield

    def _assert_same_as_live(self, user, period="month", day=DAY):
        cached = self._dashboard(user, period, day)
        with self._live():
            live = self._dashboard(user, period, day)
        self.assertEqual(cached, live, f"{period} of {user.login}")
        return cached

    def _kpi(self, data, key):
        return next(k["value"] for k in data["kpis"] if k["key"] == key)

    def test_base_51_cells_give_the_live_figures(self):
        for user in (self.reviewer, self.manager):
            for period in ("month", "quarter", "year"):
                self._assert_same_as_live(user, period)
        data = self._dashboard(self.reviewer)
        self.assertEqual(self._kpi(data, "total"), 7)
        self.assertEqual(self._kpi(data, "overdue_rate"), 50.0)

    def test_base_51_cells_are_reused_and_counted_again_after_a_change(self):
        self._dashboard(self.reviewer, "year")
        stored = self._cells()
        self.assertTrue(stored)
        self._dashboard(self.manager, "year")
        self.assertEqual(
            self._cells(), stored, "valid cells are read, not counted again"
        )
        # a complaint of March is resolved late: March alone is counted again
        self.c4.write({"state": "resolved", "resolved_at": utc(2025, 3, 20, 2)})
        data = self._assert_same_as_live(self.reviewer)
        self.assertEqual(self._kpi(data, "still_open"), 2)
        self.assertGreater(self._cells(), stored)

    def test_base_51_a_change_in_sql_marks_the_month(self):
        """The SLA watcher flags in one SQL statement: the triggers see any
        writer, not only the ORM."""
        self._dashboard(self.reviewer)
        self.env.cr.execute(
            "UPDATE complaint_complaint SET is_overdue = TRUE WHERE id = %s",
            [self.c6.id],
        )
        self.env.invalidate_all()
        data = self._assert_same_as_live(self.reviewer)
        # c2, c3, c4 and now c6 of the 6 valid complaints
        self.assertEqual(self._kpi(data, "overdue_rate"), 66.7)

    def test_base_51_a_deleted_or_moved_complaint_leaves_its_month(self):
        self._dashboard(self.reviewer, "quarter")
        self.c7.received_at = utc(2025, 2, 20, 2)
        data = self._assert_same_as_live(self.reviewer)
        self.assertEqual(self._kpi(data, "total"), 6)
        self.assertEqual(data["kpis"][0]["previous"], 3, "February gains it")
        self._assert_same_as_live(self.reviewer, "quarter")
        self.c5.unlink()
        data = self._assert_same_as_live(self.reviewer)
        self.assertEqual(self._kpi(data, "invalid"), 0)

    def test_base_51_a_cell_expires_when_an_open_complaint_falls_due(self):
        """Lateness is the figure that changes with time alone: a cell is
        good until the first deadline of an open complaint of its month."""
        now = fields.Datetime.now()
        self.c6.resolution_deadline = now + timedelta(hours=1)
        before = self._assert_same_as_live(self.reviewer)
        later = now + timedelta(hours=2)
        with patch.object(fields.Datetime, "now", lambda *args: later):
            after = self._assert_same_as_live(self.reviewer)
        self.assertEqual(self._kpi(before, "overdue_rate"), 50.0)
        self.assertEqual(self._kpi(after, "overdue_rate"), 66.7)

    def test_base_54_cells_subtract_what_the_reader_may_not_read(self):
        employee = self.env["hr.employee"].create(
            {"name": "Reviewer", "user_id": self.reviewer.id}
        )
        self.c6.write({"is_confidential": True, "employee_id": employee.id})
        for period in ("month", "year"):
            mine = self._assert_same_as_live(self.reviewer, period)
            everyone = self._assert_same_as_live(self.manager, period)
            self.assertEqual(self._kpi(mine, "total"), self._kpi(everyone, "total") - 1)

    def test_base_51_cells_read_only_the_columns_the_triggers_watch(self):
        """A statistic reading a column no trigger watches would keep
        stale cells: the cells' SQL reads only :data:`STATS_COLUMNS`."""
        Dashboard = self.env["complaint.dashboard"]
        sql = Dashboard._cells_sql(
            [(self.company.id, 0, utc(2025, 3, 1), utc(2025, 4, 1))],
            fields.Datetime.now(),
        )
        read = set(re.findall(r"\bc\.(\w+)", sql.code))
        self.assertTrue(read)
        self.assertLessEqual(read, set(STATS_COLUMNS))

    def test_base_51_clean_up_drops_stale_cells_and_old_changes(self):
        self._dashboard(self.reviewer)
        self.c4.severity = "major" if self.c4.severity != "major" else "general"
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE complaint_stats_dirty SET logged_at = logged_at - interval '2 days'"
        )
        self.env["complaint.stats.cell"]._cron_clean()
        self.env.cr.execute("SELECT count(*) FROM complaint_stats_dirty")
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self._assert_same_as_live(self.reviewer)
        self.assertTrue(
            self.env["complaint.stats.cell"].search_count([]),
            "the clean-up computes the recent months again",
        )

    def test_base_51_only_administrators_read_the_cells(self):
        Cell = self.env["complaint.stats.cell"]
        self._dashboard(self.manager)
        self.assertFalse(Cell.with_user(self.manager).has_access("read"))
        self.assertTrue(
            Cell.with_user(self.env.ref("base.user_admin")).has_access("read")
        )

    def test_base_51_uninstall_leaves_no_trigger_behind(self):
        query = (
            "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal "
            "AND tgrelid = 'complaint_complaint'::regclass "
            "AND tgname LIKE 'complaint_stats_%'"
        )
        self.env.cr.execute(query)
        self.assertEqual(self.env.cr.fetchone()[0], 3)
        uninstall_hook(self.env)
        self.env.cr.execute(query)
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.env.cr.execute(
            "SELECT count(*) FROM pg_proc WHERE proname = 'complaint_stats_mark_changed'"
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_base_51_the_current_month_is_counted_live_not_stored(self):
        """A month still under way changes with every registration: no new
        cell per dashboard view, its figures always live."""
        today = fields.Date.context_today(self.env["complaint.dashboard"])
        self._complaint(partner_id=self.partners[0].id)
        self._assert_same_as_live(self.manager, "month", today)
        self.env.cr.execute(
            "SELECT count(*) FROM complaint_stats_cell WHERE end_utc > %s",
            [fields.Datetime.now()],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assertTrue(self._cells(), "the finished months of the trend are stored")

    def test_base_51_changes_are_logged_once_per_day_and_transaction(self):
        """A bulk change logs one row per company, UTC day and transaction
        (c1 and c2, received on 3 March, were written several times)."""
        self.env.cr.execute(
            "SELECT count(*) FROM complaint_stats_dirty "
            "WHERE company_id = %s AND received_day = %s",
            [self.company.id, utc(2025, 3, 3)],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 1)
