"""Workflow integrity of the insurance records at the model boundary
(BASE-57, INS-05, INS-07, INS-10): what a user could send over RPC with
``create``/``write`` is refused; approvals are four-eyes."""

import datetime as dt

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import InsuranceCase, end_of_day, local


class TestInsuranceIntegrity(InsuranceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_2 = new_test_user(
            cls.env,
            login="ins_manager_2",
            groups="complaint_base.group_complaint_manager",
            name="Head Office Manager Sun",
        )
        cls.complaint = cls._complaint(user_id=cls.handler.id)
        cls.Fund = cls.env["complaint.comfort.fund.request"]

    def _fund(self, user=None, **vals):
        values = {
            "complaint_id": self.complaint.id,
            "amount": 500.0,
            "reason": "赔款延迟支付，给予客户安抚。",
        }
        values.update(vals)
        return self.Fund.with_user(user or self.handler).create(values)

    def _offsite(self, **vals):
        return self._complaint(
            underwriting_branch_id=self.branch_js.id,
            loss_branch_id=self.branch_sh.id,
            **vals,
        )

    # ------------------------------------------------- comfort fund (INS-07)
    def test_base_57_ins_07_request_cannot_be_created_approved(self):
        forged = {
            "state": "approved",
            "approved_by": self.manager.id,
            "approved_at": fields.Datetime.now(),
            "paid_at": fields.Datetime.now(),
            "paid_by": self.manager.id,
            "requested_by": self.manager.id,
            "name": "AF-FORGED",
        }
        for name, value in forged.items():
            with self.subTest(field=name), self.assertRaises(UserError):
                self._fund(**{name: value})
        # a default_state in the context (any RPC caller controls it) is dropped
        request = (
            self.Fund.with_user(self.handler)
            .with_context(default_state="approved", default_approved_by=self.manager.id)
            .create(
                {"complaint_id": self.complaint.id, "amount": 300.0, "reason": "安抚"}
            )
        )
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.approved_by)
        self.assertEqual(request.requested_by, self.handler)
        self.assertTrue(request.name.startswith("AF"))

    def test_base_57_ins_07_handler_cannot_write_state_or_approver(self):
        request = self._fund()
        as_handler = request.with_user(self.handler)
        for vals in (
            {"state": "to_approve"},
            {"state": "approved"},
            {"approved_by": self.manager.id},
            {"paid_at": fields.Datetime.now()},
            {"requested_by": self.manager.id},
            {"name": "AF-RENAMED"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                as_handler.write(vals)
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.requested_by, self.handler)

    def test_base_57_ins_07_amount_frozen_once_submitted(self):
        request = self._fund()
        request.with_user(self.handler).amount = 600.0  # draft: still editable
        request.with_user(self.handler).action_submit()
        other = self._complaint(user_id=self.handler.id)
        for user in (self.handler, self.manager):
            for vals in (
                {"amount": 99999.0},
                {"complaint_id": other.id},
                {"reason": "改写的理由"},
            ):
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaisesRegex(UserError, "submitted"):
                        request.with_user(user).write(vals)
        request.with_user(self.manager).action_approve()
        with self.assertRaises(UserError):
            request.with_user(self.handler).write({"amount": 99999.0})
        self.assertEqual(request.amount, 600.0)
        self.assertEqual(self.complaint.comfort_fund_approved_amount, 600.0)

    def test_ins_07_four_eyes_requester_cannot_approve(self):
        request = self._fund(user=self.manager)
        request.with_user(self.manager).action_submit()
        with self.assertRaisesRegex(AccessError, "four-eyes"):
            request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "to_approve")
        # the requester is not even asked to approve
        self.assertNotIn(self.manager, request.activity_ids.user_id)
        request.with_user(self.manager_2).action_approve()
        self.assertEqual(request.approved_by, self.manager_2)

    def test_ins_07_approval_and_refusal_need_a_manager(self):
        request = self._fund()
        with self.assertRaises(AccessError):
            request.with_user(self.registrar).action_submit()
        request.with_user(self.handler).action_submit()
        for method in ("action_approve", "action_refuse"):
            for user in (self.handler, self.reviewer):
                with self.subTest(method=method, user=user.login):
                    with self.assertRaises(AccessError):
                        getattr(request.with_user(user), method)()
        self.assertEqual(request.state, "to_approve")

    def test_ins_07_mark_paid_needs_approval_and_another_person(self):
        request = self._fund()
        with self.assertRaisesRegex(UserError, "Draft"):
            request.with_user(self.manager).action_mark_paid()
        request.with_user(self.handler).action_submit()
        with self.assertRaisesRegex(UserError, "Waiting Approval"):
            request.with_user(self.manager).action_mark_paid()
        request.with_user(self.manager).action_approve()
        with self.assertRaises(AccessError):  # agent: not a handler
            request.with_user(self.registrar).action_mark_paid()
        with self.assertRaisesRegex(AccessError, "four-eyes"):
            request.with_user(self.handler).action_mark_paid()  # the requester
        request.with_user(self.manager_2).action_mark_paid()
        self.assertEqual(request.state, "paid")
        self.assertEqual(request.paid_by, self.manager_2)

    def test_ins_07_no_payment_without_a_recorded_approver(self):
        request = self._fund()
        # a state that no action could give (e.g. an old import): no approver
        request.sudo().write({"state": "approved"})
        with self.assertRaisesRegex(AccessError, "approved by a manager"):
            request.with_user(self.manager).action_mark_paid()
        self.assertEqual(request.state, "approved")

    def test_ins_07_submitted_request_stays_in_the_file(self):
        request = self._fund()
        request.with_user(self.handler).action_submit()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            request.with_user(self.manager).unlink()
        draft = self._fund(amount=100.0)
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    # ------------------------------------------- liability dispute (INS-05)
    def _dispute(self, complaint, user=None, **vals):
        values = {
            "complaint_id": complaint.id,
            "raised_by_branch_id": self.branch_js.id,
            "proposed_branch_id": self.branch_js.id,
            "reason": "出险地上海分公司查勘延误三天，应由上海分公司担责。",
        }
        values.update(vals)
        Dispute = self.env["complaint.liability.dispute"]
        return Dispute.with_user(user or self.branch_handler).create(values)

    def test_base_57_ins_05_dispute_cannot_be_created_arbitrated(self):
        complaint = self._offsite(responsible_branch_id=self.branch_js.id)
        forged = {
            "state": "decided",
            "decided_by": self.manager.id,
            "decided_at": fields.Datetime.now(),
            "decided_branch_id": self.branch_sh.id,
            "decision": "由上海分公司担责。",
        }
        for name, value in forged.items():
            with self.subTest(field=name), self.assertRaises(UserError):
                self._dispute(complaint, **{name: value})
        with self.assertRaises(AccessError):  # an agent does not dispute
            self._dispute(complaint, user=self.registrar)
        self.assertEqual(complaint.liability_state, "pending")

    def test_base_57_ins_05_arbitration_only_by_the_action(self):
        complaint = self._offsite(responsible_branch_id=self.branch_js.id)
        dispute = self._dispute(complaint)
        with self.assertRaisesRegex(UserError, "already disputed"):
            self._dispute(complaint)
        as_handler = dispute.with_user(self.branch_handler)
        for vals in (
            {"state": "decided"},
            {"decided_by": self.branch_handler.id},
            {"decided_branch_id": self.branch_sh.id},
            {"decision": "由上海分公司担责。"},
            {"reason": "改写的争议理由"},
            {"proposed_branch_id": self.branch_sh.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                as_handler.write(vals)
        with self.assertRaisesRegex(UserError, "dispute was raised"):
            dispute.with_user(self.manager).write({"reason": "改写"})
        # the liable branch waits for the head office
        with self.assertRaisesRegex(UserError, "disputed"):
            complaint.with_user(self.branch_handler).write(
                {"responsible_branch_id": self.branch_sh.id}
            )
        with self.assertRaises(UserError):
            complaint.with_user(self.branch_handler).write(
                {"liability_state": "arbitrated"}
            )
        as_hq = dispute.with_user(self.manager)
        as_hq.write({"decided_branch_id": self.branch_sh.id, "decision": "属实。"})
        as_hq.action_arbitrate()
        self.assertEqual(complaint.liability_state, "arbitrated")
        self.assertEqual(complaint.responsible_branch_id, self.branch_sh)
        with self.assertRaises(UserError):  # the decision is final
            as_hq.write({"decided_branch_id": self.branch_js.id})
        with self.assertRaisesRegex(UserError, "already decided"):
            complaint.with_user(self.branch_handler).action_decide_liability()
        with self.assertRaises(UserError):
            complaint.with_user(self.manager).write(
                {"responsible_branch_id": self.branch_js.id}
            )
        with self.assertRaisesRegex(UserError, "not deleted"):
            dispute.with_user(self.manager).unlink()
        self.assertEqual(complaint.responsible_branch_id, self.branch_sh)

    # ------------------------------------------- complaint fields (INS-02…10)
    def test_base_57_ins_handler_cannot_forge_insurance_workflow_fields(self):
        complaint = self._regulator_case(
            involves_violation=True, user_id=self.handler.id
        )
        as_handler = complaint.with_user(self.handler)
        now = fields.Datetime.now()
        forged = {
            "audit_report_deadline": now + dt.timedelta(days=300),
            "audit_reported_at": now,
            "regulator_reply_at": now,
            "is_upgraded": True,
            "upgrade_reason": "urgent",
            "liability_state": "decided",
            "rectification_deadline": now + dt.timedelta(days=300),
            "rectification_reported_at": now,
            "live_transfer_at": now,
            "live_transfer_user_id": self.reviewer.id,
            "recheck_window_deadline": now + dt.timedelta(days=300),
            "recheck_deadline": now + dt.timedelta(days=300),
            "review_requested_at": now,
            "review_decided_at": now,
        }
        for name, value in forged.items():
            with self.subTest(field=name):
                with self.assertRaisesRegex(UserError, "workflow action"):
                    as_handler.write({name: value})
        self.assertFalse(complaint.audit_reported_at)
        # at registration either: an agent cannot skip the upgrade (INS-04)
        with self.assertRaises(UserError):
            self._complaint(user=self.registrar, is_upgraded=True)

    def test_base_57_ins_08_recorded_moments_never_in_the_future(self):
        """The escalation, the live call and the hotline's forwarding drive
        deadlines (INS-08's rectification): a future value would move them."""
        complaint = self._regulator_case(user_id=self.handler.id)
        as_handler = complaint.with_user(self.handler)
        later = fields.Datetime.now() + dt.timedelta(days=90)
        for vals in (
            {"external_escalation_at": later},
            {"call_started_at": later},
            {"regulator_forward_date": later.date()},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "future"):
                as_handler.write(vals)
        self.assertFalse(complaint.external_escalation_at)
        as_handler.write({"external_escalation_at": fields.Datetime.now()})
        self.assertTrue(complaint.external_escalation_at)

    def test_base_57_ins_02_reported_texts_are_frozen(self):
        complaint = self._regulator_case(user_id=self.handler.id)
        as_handler = complaint.with_user(self.handler)
        as_handler.regulator_reply = "已向客户解释理赔时效并支付延迟利息。"
        as_handler.action_record_regulator_reply()
        with self.assertRaisesRegex(UserError, "recorded"):
            as_handler.write({"regulator_reply": "改写后的上报结果"})
        with self.assertRaisesRegex(UserError, "recorded"):
            as_handler.action_record_regulator_reply()
        self.assertIn("延迟利息", complaint.regulator_reply)

    def test_base_57_ins_actions_check_their_group(self):
        complaint = self._regulator_case(
            involves_violation=True,
            user_id=self.handler.id,
            audit_report="已报审计部。",
            regulator_reply="已答复。",
        )
        as_agent = complaint.with_user(self.registrar)
        for method in (
            "action_record_audit_report",
            "action_record_regulator_reply",
            "action_record_rectification",
            "action_decide_liability",
            "action_open_liability_dispute",
            "action_request_review",
            "action_refer_other_company",
            "action_open_comfort_fund",
        ):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(as_agent, method)()
        # the review decision: a reviewer, never the complaint's handler
        complaint.sudo().write({"state": "resolved", "reply_at": fields.Datetime.now()})
        review = (
            self.env["complaint.review"]
            .with_user(self.handler)
            .create({"complaint_id": complaint.id})
        )
        with self.assertRaises(AccessError):
            review.with_user(self.handler).write(
                {"result": "upheld", "result_note": "维持。"}
            )
        with self.assertRaises(AccessError):
            review.with_user(self.handler).action_decide()
        self.assertFalse(complaint.audit_reported_at)
        self.assertFalse(complaint.regulator_reply_at)

    # ------------------------------------------- superior approval (INS-10)
    def test_base_57_ins_10_superior_approval_is_four_eyes(self):
        complaint = self._complaint(user_id=self.handler.id)
        Extension = self.env["complaint.extension"]
        with self.assertRaises(UserError):  # the requester is who asks
            Extension.with_user(self.handler).create(
                {
                    "complaint_id": complaint.id,
                    "requested_deadline": end_of_day(2026, 11, 30),
                    "reason": "需委托公估机构鉴定。",
                    "requested_by": self.manager.id,
                }
            )
        ext = Extension.with_user(self.manager).create(
            {
                "complaint_id": complaint.id,
                "requested_deadline": end_of_day(2026, 11, 30),
                "reason": "需委托公估机构鉴定。",
            }
        )
        with self.assertRaisesRegex(UserError, "Submit"):  # a draft date moves
            ext.with_user(self.manager_2).action_approve_superior()
        ext.with_user(self.manager).action_submit()
        self.assertTrue(ext.superior_approval_required)
        with self.assertRaises(UserError):
            ext.with_user(self.manager).write({"approval_level": "superior"})
        with self.assertRaises(AccessError):
            ext.with_user(self.handler).action_approve_superior()
        with self.assertRaisesRegex(AccessError, "four-eyes"):
            ext.with_user(self.manager).action_approve_superior()
        ext.with_user(self.manager_2).action_approve_superior()
        self.assertEqual(ext.approval_level, "superior")
        self.assertEqual(ext.superior_approved_by, self.manager_2)
        # the date approved by the superior institution cannot move
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            ext.with_user(self.manager).write(
                {"requested_deadline": local(2026, 11, 29, 12, 0)}
            )
