"""Upgrade, liability, comfort fund, rectification, live transfer
(INS-04, 05, 07, 08, 09)."""

import datetime as dt

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import InsuranceCase, end_of_day, local

RECTIFICATION = "complaint_insurance.mail_activity_type_rectification"


class TestHandling(InsuranceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Level = cls.env["complaint.escalation.level"]
        cls.level_1 = Level.search(
            [("level", "=", 1), ("company_id", "in", [False, cls.company.id])], limit=1
        ) or Level.create({"name": "Department manager", "level": 1})
        cls.level_1.user_ids = [(4, cls.manager.id)]

    def _partner(self, tier):
        return self.env["res.partner"].create(
            {"name": f"Customer {tier}", "complaint_customer_tier": tier}
        )

    # ------------------------------------------------------------ INS-04
    def test_ins_04_important_customer_upgraded(self):
        complaint = self._complaint(partner_id=self._partner("important").id)
        self.assertTrue(complaint.is_upgraded)
        self.assertEqual(complaint.upgrade_reason, "important_customer")
        self.assertEqual(complaint.severity, "important")
        self.assertGreaterEqual(complaint.escalation_level, self.level_1.level)
        self.assertTrue(complaint.escalation_log_ids.filtered(lambda log: log.level_id))
        self.assertTrue(
            complaint.activity_ids.filtered(lambda a: a.user_id == self.manager)
        )

    def test_ins_04_urgent_value_and_normal_customers_upgraded(self):
        for tier in ("value", "normal"):
            partner = self._partner(tier)
            calm = self._complaint(partner_id=partner.id)
            self.assertFalse(calm.is_upgraded, tier)
            self.assertEqual(calm.severity, "general", tier)
            urgent = self._complaint(partner_id=partner.id, is_urgent=True)
            self.assertTrue(urgent.is_upgraded, tier)
            self.assertEqual(urgent.upgrade_reason, "urgent", tier)
            self.assertEqual(urgent.severity, "important", tier)
        # a complaint becoming urgent later is upgraded then
        calm.is_urgent = True
        self.assertTrue(calm.is_upgraded)

    def test_ins_04_no_business_risk_no_upgrade(self):
        complaint = self._complaint(
            partner_id=self._partner("important").id, business_risk=False
        )
        self.assertFalse(complaint.is_upgraded)
        self.assertEqual(complaint.severity, "general")
        self.assertEqual(complaint.escalation_level, 0)
        risk = self._complaint(partner_id=self._partner("risk").id, is_urgent=True)
        self.assertFalse(risk.is_upgraded)

    # ------------------------------------------------------------ INS-05
    def _offsite(self, **vals):
        return self._complaint(
            underwriting_branch_id=self.branch_js.id,
            loss_branch_id=self.branch_sh.id,
            **vals,
        )

    def test_ins_05_liable_branch_decided_and_counted(self):
        complaint = self._offsite()
        self.assertEqual(complaint.counted_branch_id, self.branch_js)
        as_handler = complaint.with_user(self.branch_handler)
        with self.assertRaises(UserError):
            as_handler.action_decide_liability()
        as_handler.responsible_branch_id = self.branch_sh
        as_handler.action_decide_liability()
        self.assertEqual(complaint.liability_state, "decided")
        # handled in time: counts against the underwriting branch
        self.assertEqual(complaint.counted_branch_id, self.branch_js)
        # overdue: counts against the liable branch
        complaint.sudo().with_context(complaint_sla_recompute=True).write(
            {"is_overdue": True}
        )
        self.assertEqual(complaint.counted_branch_id, self.branch_sh)
        self.assertEqual(self.branch_sh.counted_complaint_count, 1)
        self.assertEqual(self.branch_js.offsite_complaint_count, 1)

    def test_ins_05_repeat_counts_against_liable_branch(self):
        first = self._offsite()
        first.responsible_branch_id = self.branch_sh
        repeat = self._offsite(
            parent_id=first.id, responsible_branch_id=self.branch_sh.id
        )
        self.assertTrue(repeat.is_repeat)
        self.assertEqual(repeat.counted_branch_id, self.branch_sh)
        self.assertEqual(first.counted_branch_id, self.branch_js)

    def test_ins_05_dispute_arbitrated_by_head_office(self):
        complaint = self._offsite(responsible_branch_id=self.branch_js.id)
        complaint.with_user(self.branch_handler).action_decide_liability()
        dispute = (
            self.env["complaint.liability.dispute"]
            .with_user(self.branch_handler)
            .create(
                {
                    "complaint_id": complaint.id,
                    "raised_by_branch_id": self.branch_js.id,
                    "proposed_branch_id": self.branch_js.id,
                    "reason": "出险地上海分公司查勘延误三天，应由上海分公司担责。",
                }
            )
        )
        self.assertEqual(complaint.liability_state, "disputed")
        with self.assertRaises(UserError):
            complaint.with_user(self.branch_handler).action_decide_liability()
        with self.assertRaises(AccessError):
            dispute.with_user(self.branch_handler).action_arbitrate()
        as_hq = dispute.with_user(self.manager)
        with self.assertRaises(UserError):
            as_hq.action_arbitrate()  # no decision yet
        as_hq.write(
            {"decided_branch_id": self.branch_sh.id, "decision": "查勘延误属实。"}
        )
        as_hq.action_arbitrate()
        self.assertEqual(dispute.state, "decided")
        self.assertEqual(dispute.decided_by, self.manager)
        self.assertEqual(complaint.responsible_branch_id, self.branch_sh)
        self.assertEqual(complaint.liability_state, "arbitrated")

    def test_ins_05_offsite_complaint_closes_only_with_liability(self):
        complaint = self._offsite(user_id=self.branch_handler.id)
        complaint.write(
            {
                "state": "resolved",
                "reply_at": local(2026, 10, 9, 10, 0),
                "substantiated": "no",
                "substantiation_basis": "internal_rules",
                "complainant_acceptance": "accepted",
                "category_id": self.cat_claims_l4.id,
                "category_confirmed": True,
            }
        )
        with self.assertRaisesRegex(UserError, "decide the liable branch"):
            complaint.with_user(self.reviewer).action_close()
        complaint.write({"responsible_branch_id": self.branch_sh.id})
        complaint.action_decide_liability()
        complaint.with_user(self.reviewer).action_close()
        self.assertEqual(complaint.state, "closed")

    # ------------------------------------------------------------ INS-07
    def test_ins_07_comfort_fund_request_approved_by_manager(self):
        complaint = self._complaint(user_id=self.handler.id)
        Request = self.env["complaint.comfort.fund.request"].with_user(self.handler)
        request = Request.create(
            {
                "complaint_id": complaint.id,
                "amount": 500.0,
                "reason": "赔款延迟支付，给予客户安抚。",
            }
        )
        self.assertTrue(request.name.startswith("AF"))
        self.assertEqual(request.requested_by, self.handler)
        request.action_submit()
        self.assertEqual(request.state, "to_approve")
        with self.assertRaises(AccessError):
            request.action_approve()
        request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approved_by, self.manager)
        self.assertEqual(complaint.comfort_fund_approved_amount, 500.0)
        self.assertEqual(complaint.comfort_fund_count, 1)
        with self.assertRaises(AccessError):  # four-eyes: not the requester
            request.action_mark_paid()
        request.with_user(self.manager).action_mark_paid()
        self.assertEqual(request.state, "paid")
        self.assertEqual(request.paid_by, self.manager)
        self.assertTrue(request.paid_at)

    def test_ins_07_refusal_needs_a_reason_and_amount_is_positive(self):
        complaint = self._complaint(user_id=self.handler.id)
        Request = self.env["complaint.comfort.fund.request"].with_user(self.handler)
        request = Request.create(
            {"complaint_id": complaint.id, "amount": 2000.0, "reason": "安抚"}
        )
        request.action_submit()
        as_manager = request.with_user(self.manager)
        with self.assertRaises(UserError):
            as_manager.action_refuse()
        as_manager.refuse_reason = "超出分公司安抚基金权限。"
        as_manager.action_refuse()
        self.assertEqual(request.state, "refused")
        self.assertEqual(complaint.comfort_fund_approved_amount, 0.0)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            Request.create({"complaint_id": complaint.id, "amount": 0, "reason": "x"})

    # ------------------------------------------------------------ INS-08
    def test_ins_08_rectification_report_due_one_month_after_media(self):
        """A major complaint that reached the media on 2026-09-01: the branch
        manager writes the rectification report by 2026-10-08 (Oct 1 is a
        holiday, the period ends on the next working day)."""
        complaint = self._complaint(
            underwriting_branch_id=self.branch_js.id,
            media_involved=True,
            external_escalation_at=local(2026, 9, 1, 10, 0),
        )
        self.assertEqual(complaint.severity, "major")
        self.assertTrue(complaint.rectification_required)
        self.assertEqual(complaint.rectification_deadline, end_of_day(2026, 10, 8))
        self.assertEqual(complaint.rectification_user_id, self.branch_manager)
        activity = complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(RECTIFICATION)
        )
        self.assertEqual(activity.user_id, self.branch_manager)
        self.assertEqual(activity.date_deadline, dt.date(2026, 10, 8))
        as_manager = complaint.with_user(self.branch_manager)
        with self.assertRaises(UserError):
            as_manager.action_record_rectification()
        as_manager.rectification_report = "<p>查勘时效整改：增设夜间查勘岗。</p>"
        as_manager.action_record_rectification()
        self.assertTrue(complaint.rectification_reported_at)
        self.assertFalse(
            complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(RECTIFICATION)
            )
        )

    def test_ins_08_only_major_complaints_reaching_outside(self):
        general = self._complaint(reached_head_office=True)
        self.assertFalse(general.rectification_required)
        self.assertFalse(general.rectification_deadline)
        general.serious_harm = True  # makes it major (BASE-11)
        self.assertEqual(general.severity, "major")
        self.assertTrue(general.rectification_required)
        self.assertTrue(general.external_escalation_at)
        self.assertGreater(general.rectification_deadline, fields.Datetime.now())

    # ------------------------------------------------------------ INS-09
    def test_ins_09_live_transfer_after_15_minutes_online(self):
        now = fields.Datetime.now()
        complaint = self._complaint(
            user=self.registrar,
            underwriting_branch_id=self.branch_js.id,
            call_started_at=now - dt.timedelta(minutes=10),
        )
        as_agent = complaint.with_user(self.registrar)
        with self.assertRaisesRegex(UserError, "10 minutes"):
            as_agent.action_live_transfer()
        complaint.call_started_at = now - dt.timedelta(minutes=16)
        as_agent.action_live_transfer()
        self.assertEqual(complaint.live_transfer_user_id, self.branch_handler)
        self.assertTrue(complaint.live_transfer_at)
        self.assertIn(self.branch_handler.partner_id, complaint.message_partner_ids)

    def test_ins_09_live_transfer_needs_a_branch_handler(self):
        complaint = self._complaint(
            underwriting_branch_id=self.branch_sh.id,
            call_started_at=fields.Datetime.now() - dt.timedelta(minutes=20),
        )
        with self.assertRaises(UserError):
            complaint.action_live_transfer()
