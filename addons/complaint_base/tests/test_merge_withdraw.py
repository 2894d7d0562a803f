"""Merge of a repeat (BASE-15, BANK-01b hook) and withdrawal (BASE-16)."""

import base64
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestMergeWithdraw(ComplaintCase):
    def _pair(self):
        original = self._complaint(
            received_at=fields.Datetime.now() - timedelta(days=3)
        )
        repeat = self._complaint()
        self.assertEqual(repeat.parent_id, original, "linked as a repeat (BASE-08)")
        return original, repeat

    def test_base_15_merge_moves_history_and_leaves_statistics(self):
        original, repeat = self._pair()
        witness = self.env["res.partner"].create({"name": "Witness"})
        repeat.message_subscribe(partner_ids=witness.ids)
        note = repeat.with_user(self.handler).message_post(
            body="Customer called again with the same story", message_type="comment"
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": "receipt.png",
                "datas": base64.b64encode(b"png"),
                "res_model": "complaint.complaint",
                "res_id": repeat.id,
            }
        )
        repeat.with_user(self.handler).action_merge_into(original.id)
        self.assertEqual(repeat.state, "merged")
        self.assertEqual(repeat.merged_into_id, original)
        self.assertFalse(repeat.sla_next_check)
        self.assertEqual(note.res_id, original.id, "messages move")
        self.assertEqual(attachment.res_id, original.id, "attachments move")
        self.assertIn(witness, original.message_partner_ids, "followers move")
        self.assertNotIn(witness, repeat.message_partner_ids)
        self.assertEqual(original.merged_count, 1)
        self.assertTrue(
            any(repeat.name in (m.body or "") for m in original.message_ids)
        )
        statuses = repeat.with_context(active_test=False).sla_status_ids
        self.assertTrue(statuses)
        self.assertFalse(any(statuses.mapped("active")), "out of the SLA report")
        # out of the statistics: the analysis and the dashboard count it once
        rows = (
            self.env["complaint.report"]
            .with_user(self.reviewer)
            .search([("complaint_id", "in", (original | repeat).ids)])
        )
        self.assertEqual(rows.complaint_id, original)
        Dashboard = self.env["complaint.dashboard"].with_user(self.reviewer)
        start = fields.Datetime.now() - timedelta(days=10)
        # the end is exclusive and now() has whole seconds: a complaint
        # registered within this second must still count
        end = fields.Datetime.now() + timedelta(seconds=1)
        stats = Dashboard._stats(self.company.ids, start, end)
        repeat.sudo()._workflow_write({"state": "new"})
        with_repeat = Dashboard._stats(self.company.ids, start, end)
        self.assertEqual(with_repeat["total"], stats["total"] + 1)

    def test_base_15_merge_refusals(self):
        original, repeat = self._pair()
        with self.assertRaises(AccessError):
            repeat.with_user(self.registrar).action_merge_into(original.id)
        with self.assertRaises(UserError):
            repeat.with_user(self.handler).action_merge_into(repeat.id)
        original.sudo()._workflow_write({"state": "closed"})
        with self.assertRaises(UserError):
            repeat.with_user(self.handler).action_merge_into(original.id)
        other = self.env["res.company"].create({"name": "Other Co"})
        foreign = self._complaint(company_id=other.id)
        with self.assertRaises(UserError):
            repeat.action_merge_into(foreign)
        self.assertEqual(repeat.state, "new")

    def test_bank_01b_merge_keeps_or_restarts_the_clock(self):
        original, repeat = self._pair()
        deadline = original.resolution_deadline
        self.assertTrue(deadline)
        repeat.with_user(self.handler).action_merge_into(original.id)
        self.assertEqual(original.resolution_deadline, deadline, "same matter")
        self.assertFalse(original.merge_clock_start)
        third = self._complaint(received_at=fields.Datetime.now())
        Complaint = type(self.env["complaint.complaint"])
        with patch.object(Complaint, "_merge_restarts_clock", lambda s, t: True):
            third.with_user(self.handler).action_merge_into(original.id)
        self.assertEqual(original.merge_clock_start, third.received_at)
        self.assertGreater(original.resolution_deadline, deadline, "new facts")

    def test_base_16_withdrawal_ends_the_case_on_the_request_day(self):
        complaint = self._complaint(
            received_at=fields.Datetime.now() - timedelta(days=3)
        )
        requested = fields.Datetime.now().replace(microsecond=0) - timedelta(days=1)
        complaint.with_user(self.handler).action_withdraw(
            "Settled with the branch", requested_at=requested
        )
        self.assertEqual(complaint.state, "withdrawn")
        self.assertEqual(complaint.withdrawn_at, requested)
        self.assertEqual(complaint.withdrawal_reason, "Settled with the branch")
        told = complaint.message_ids.filtered(
            lambda m: self.partner in m.partner_ids and "withdrawn" in (m.subject or "")
        )
        self.assertTrue(told, "the complainant is told")
        statuses = complaint.with_context(active_test=False).sla_status_ids
        self.assertFalse(any(statuses.mapped("active")))
        self.env.flush_all()
        groups = self.env["complaint.report"]._read_group(
            [("complaint_id", "=", complaint.id)], ["state"], ["__count"]
        )
        self.assertEqual(groups, [("withdrawn", 1)], "counted apart")

    def test_base_16_withdrawn_counts_apart_in_the_dashboard(self):
        """A withdrawn complaint is neither valid nor overdue in the key
        figures: it has its own count."""
        Dashboard = self.env["complaint.dashboard"].with_user(self.reviewer)
        start = fields.Datetime.now() - timedelta(days=10)
        end = fields.Datetime.now() + timedelta(seconds=1)
        complaint = self._complaint(
            received_at=fields.Datetime.now() - timedelta(days=3)
        )
        before = Dashboard._stats(self.company.ids, start, end)
        complaint.with_user(self.handler).action_withdraw("Settled")
        after = Dashboard._stats(self.company.ids, start, end)
        self.assertEqual(after["total"], before["total"])
        self.assertEqual(after["withdrawn"], before["withdrawn"] + 1)
        self.assertEqual(after["valid"], before["valid"] - 1)

    def test_base_16_withdrawal_refusals(self):
        complaint = self._complaint()
        handler = complaint.with_user(self.handler)
        with self.assertRaises(UserError):
            handler.action_withdraw("  ")
        with self.assertRaises(UserError):
            handler.action_withdraw(
                "later", requested_at=fields.Datetime.now() + timedelta(days=1)
            )
        with self.assertRaises(AccessError):
            complaint.with_user(self.registrar).action_withdraw("by phone")
        complaint.sudo()._workflow_write({"state": "closed"})
        with self.assertRaises(UserError):
            handler.action_withdraw("too late")

    def test_base_57_withdrawal_and_merge_fields_refused_over_rpc(self):
        original, repeat = self._pair()
        handler = repeat.with_user(self.handler)
        for vals in (
            {"state": "withdrawn"},
            {"withdrawn_at": fields.Datetime.now()},
            {"state": "merged"},
            {"merged_into_id": original.id},
            {"merge_clock_start": fields.Datetime.now()},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                handler.write(vals)
        with self.assertRaises(UserError):
            self.env["complaint.complaint"].with_user(self.handler).create(
                {"subject": "forged", "state": "withdrawn", "contact_name": "x"}
            )

    def test_base_15_16_notes_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["complaint_base"], ["zh_CN"], overwrite=True
        )
        original, repeat = self._pair()
        handler = self.handler.with_context(lang="zh_CN")
        repeat.with_user(handler).with_context(lang="zh_CN").action_merge_into(
            original.id
        )
        self.assertTrue(
            any("已合并到投诉" in (m.body or "") for m in repeat.message_ids)
        )
        other = self._complaint()
        with self.assertRaises(UserError) as caught:
            other.with_user(self.handler).with_context(lang="zh_CN").action_withdraw("")
        self.assertIn("撤回", str(caught.exception))
