from datetime import date, datetime, timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from .common import ComplaintCase


class TestComplaintRetention(ComplaintCase):
    """BASE-53: archive after closing, retention period, approved and logged
    destruction; BASE-55: on expiry lock, never keep silently."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager2 = new_test_user(
            cls.env,
            "t_manager2",
            groups="complaint_base.group_complaint_manager",
            name="Manager Two",
            tz="Asia/Shanghai",
        )
        cls.env.company.complaint_retention_years = 5
        cls.today = fields.Date.context_today(cls.env["complaint.complaint"])
        old = datetime.combine(cls.today, datetime.min.time()) - timedelta(days=366 * 6)
        cls.expired = cls._closed(old, subject="六年前的投诉")
        cls.expired_invalid = cls._complaint(received_at=old)
        cls.expired_invalid.write({"state": "invalid"})
        cls.expired_invalid.action_archive()
        cls.expired_invalid.archived_at = old
        cls.recent = cls._closed(datetime.now() - timedelta(days=10))
        cls.open = cls._complaint()

    @classmethod
    def _closed(cls, closed_at, **vals):
        rec = cls._complaint(received_at=closed_at - timedelta(days=5), **vals)
        rec.write({"state": "closed", "closed_at": closed_at})
        return rec

    # ---------------------------------------------------------- retention
    def test_base_53_retention_counts_from_closing(self):
        closed = self.recent.closed_at.date()
        self.assertEqual(
            self.recent.retention_until, closed.replace(year=closed.year + 5)
        )
        self.env.company.complaint_retention_years = 3
        self.assertEqual(
            self.recent.retention_until, closed.replace(year=closed.year + 3)
        )
        self.assertFalse(self.open.retention_until, "open complaints are kept")
        self.assertTrue(self.expired_invalid.retention_until < self.today)

    def test_base_53_retention_of_at_least_one_year(self):
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.env.company.complaint_retention_years = 0
            self.env.flush_all()

    # ------------------------------------------------------------ archive
    def test_base_53_only_finished_complaints_are_archived(self):
        with self.assertRaises(UserError):
            self.open.action_archive()
        self.recent.action_archive()
        self.assertFalse(self.recent.active)
        self.assertTrue(self.recent.archived_at)
        Complaint = self.env["complaint.complaint"]
        self.assertNotIn(self.recent, Complaint.search([]))
        self.assertIn(self.recent, Complaint.search([("active", "=", False)]))
        self.recent.action_unarchive()
        self.assertTrue(self.recent.active)
        self.assertFalse(self.recent.archived_at)

    def test_base_53_cron_archives_after_the_company_delay(self):
        self.env.company.complaint_archive_days = 30
        self.env["complaint.complaint"]._cron_archive_finished()
        self.assertFalse(self.expired.active, "closed 6 years ago: archived")
        self.assertTrue(self.recent.active, "closed 10 days ago: not yet")
        self.assertTrue(self.open.active)
        self.env.company.complaint_archive_days = 5
        self.env["complaint.complaint"]._cron_archive_finished()
        self.assertFalse(self.recent.active)

    # ------------------------------------------------- expiry: lock + ask
    def test_base_55_expiry_locks_and_proposes_destruction(self):
        Complaint = self.env["complaint.complaint"]
        Complaint._cron_retention_expiry()
        for rec in self.expired | self.expired_invalid:
            self.assertTrue(rec.pi_locked, rec.name)
            self.assertTrue(rec.exists(), "nothing is destroyed without approval")
        self.assertFalse(self.recent.pi_locked)
        request = self.env["complaint.destruction.request"].search(
            [("is_automatic", "=", True)]
        )
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "to_approve")
        self.assertEqual(request.complaint_ids, self.expired | self.expired_invalid)
        self.assertTrue(request.activity_ids, "managers are asked to approve")
        # a second run neither duplicates the request nor the lock notes
        Complaint._cron_retention_expiry()
        self.assertEqual(
            self.env["complaint.destruction.request"].search_count(
                [("is_automatic", "=", True)]
            ),
            1,
        )
        # a complaint expiring later joins the pending request
        later = self._closed(
            datetime.combine(self.today, datetime.min.time())
            - timedelta(days=366 * 5 + 10)
        )
        Complaint._cron_retention_expiry()
        self.assertIn(later, request.complaint_ids)

    # --------------------------------------------------------- destruction
    def _request(self, user, **vals):
        return (
            self.env["complaint.destruction.request"]
            .with_user(user)
            .create({"method": "delete", **vals})
        )

    def test_base_53_destruction_needs_approval_and_keeps_a_log(self):
        request = self._request(self.manager)
        self.assertTrue(request.name.startswith("DES/"))
        request.action_select_expired()
        self.assertEqual(request.complaint_ids, self.expired | self.expired_invalid)
        with self.assertRaises(UserError):
            request.action_execute()  # not approved yet
        request.action_submit()
        self.assertEqual(request.state, "to_approve")
        with self.assertRaises(UserError):
            request.action_approve()  # four-eyes principle
        with self.assertRaises(AccessError):
            request.with_user(self.reviewer).action_approve()
        request.with_user(self.manager2).action_approve()
        self.assertEqual(request.approved_by, self.manager2)
        numbers = sorted((self.expired | self.expired_invalid).mapped("name"))
        ids = (self.expired | self.expired_invalid).ids
        request.with_user(self.manager2).action_execute()
        self.assertFalse(
            self.env["complaint.complaint"]
            .with_context(active_test=False)
            .search([("id", "in", ids)]),
            "deleted",
        )
        self.assertEqual(request.state, "done")
        self.assertEqual(request.executed_by, self.manager2)
        self.assertEqual(request.executed_count, 2)
        self.assertEqual(request.executed_numbers, ", ".join(numbers))
        self.assertTrue(request.executed_at)
        self.assertTrue(
            any(numbers[0] in str(m.body) for m in request.message_ids),
            "the chatter of the request keeps the log",
        )
        self.assertTrue(self.recent.exists() and self.open.exists())
        with self.assertRaises(UserError):
            request.unlink()

    def test_base_53_anonymise_keeps_the_figures(self):
        self.expired.message_post(body="客户电话13800138000")
        category, received = self.expired.category_id, self.expired.received_at
        request = self._request(self.manager, method="anonymise")
        request.complaint_ids = self.expired
        request.action_submit()
        request.with_user(self.manager2).action_approve()
        request.with_user(self.manager2).action_execute()
        rec = self.expired.with_context(active_test=False)
        self.assertTrue(rec.exists())
        self.assertTrue(rec.anonymised)
        self.assertFalse(rec.partner_id or rec.phone or rec.email)
        self.assertNotEqual(rec.subject, "六年前的投诉")
        self.assertFalse(rec.message_ids, "messages quoting the complainant are gone")
        self.assertEqual((rec.category_id, rec.received_at), (category, received))
        self.assertEqual(request.executed_numbers, rec.name)
        self.assertIn(rec, self.env["complaint.report"].search([]).complaint_id)

    def test_base_53_only_expired_closed_complaints_can_be_destroyed(self):
        request = self._request(self.manager)
        request.complaint_ids = self.recent | self.expired
        with self.assertRaises(UserError):
            request.action_submit()
        request.complaint_ids = self.expired
        request.action_submit()
        request.with_user(self.manager2).action_approve()
        # reopened after approval: the execution checks again
        self.expired.write({"state": "in_progress", "closed_at": False})
        with self.assertRaises(UserError):
            request.with_user(self.manager2).action_execute()
        self.assertTrue(self.expired.exists())

    def test_base_53_refused_request_changes_nothing(self):
        request = self._request(self.manager)
        request.action_select_expired()
        request.action_submit()
        request.with_user(self.manager2).action_refuse("还在诉讼中")
        self.assertEqual(request.state, "refused")
        self.assertEqual(request.refuse_reason, "还在诉讼中")
        self.assertTrue(self.expired.exists())
        request.action_reset_to_draft()
        self.assertEqual(request.state, "draft")

    def test_base_53_retention_dates_are_dates(self):
        self.assertIsInstance(self.expired.retention_until, date)
