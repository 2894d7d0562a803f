"""Confidentiality and personal data of the insurance records (BASE-54,
BASE-55, PIPL): comfort fund requests and liability disputes follow their
complaint's visibility on every read path; anonymisation and destruction
cover the insurance fields and records."""

import datetime as dt

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import InsuranceCase


class TestInsurancePrivacy(InsuranceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Other Insurer"})
        cls.reviewer_b = new_test_user(
            cls.env,
            login="ins_reviewer_b",
            groups="complaint_base.group_complaint_reviewer,base.group_allow_export",
            name="Other Company Reviewer",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        cls.outsider = new_test_user(
            cls.env,
            login="ins_outsider",
            groups="complaint_base.group_complaint_handler,base.group_allow_export",
            name="Handler of Another Team",
        )
        cls.accused = new_test_user(
            cls.env,
            login="ins_accused",
            groups="complaint_base.group_complaint_manager,base.group_allow_export",
            name="Claims Manager Zhao",
        )
        cls.manager_2 = new_test_user(
            cls.env,
            login="ins_privacy_manager_2",
            groups="complaint_base.group_complaint_manager",
            name="Head Office Manager Sun",
        )
        cls.accused_employee = cls.env["hr.employee"].create(
            {"name": "Claims Manager Zhao", "user_id": cls.accused.id}
        )
        cls.complaint = cls._offsite(user_id=cls.branch_handler.id)
        cls.fund = cls._fund(cls.complaint)
        cls.dispute = cls.env["complaint.liability.dispute"].create(
            {
                "complaint_id": cls.complaint.id,
                "raised_by_branch_id": cls.branch_js.id,
                "reason": "张伟的保单 PDAA202632010000123456 由上海查勘。",
            }
        )

    @classmethod
    def _offsite(cls, **vals):
        return cls._complaint(
            underwriting_branch_id=cls.branch_js.id,
            loss_branch_id=cls.branch_sh.id,
            claim_number="RDAA2026320100000777",
            **vals,
        )

    @classmethod
    def _fund(cls, complaint, user=None):
        Fund = cls.env["complaint.comfort.fund.request"]
        return Fund.with_user(user or cls.branch_handler).create(
            {
                "complaint_id": complaint.id,
                "amount": 800.0,
                "reason": "张伟 13800138000 赔款延迟，给予安抚。",
            }
        )

    def _assert_hidden(self, user, records):
        """``user`` finds nothing and reads nothing of ``records``, on every
        read path an RPC caller has."""
        Model = self.env[records._name].with_user(user)
        ids = records.ids
        self.assertFalse(Model.search([("id", "in", ids)]))
        self.assertFalse(Model.search_read([("id", "in", ids)], ["complaint_id"]))
        self.assertFalse(Model.search_count([("complaint_id", "=", self.complaint.id)]))
        groups = Model.read_group(
            [("id", "in", ids)], ["complaint_id"], ["complaint_id"]
        )
        self.assertFalse(groups)
        found = [row[0] for row in Model.name_search("", limit=None)]
        self.assertFalse(set(ids) & set(found))
        with self.assertRaises(AccessError):
            Model.browse(ids).read(["complaint_id", "reason"])
        with self.assertRaises(AccessError):
            Model.browse(ids).export_data(["complaint_id", "reason"])

    # -------------------------------------------------------- BASE-54/55
    def test_base_55_case_handler_sees_comfort_fund_and_dispute(self):
        """Control: the branch handler of the case reads both."""
        for records in (self.fund, self.dispute):
            Model = self.env[records._name].with_user(self.branch_handler)
            self.assertEqual(Model.search([("id", "in", records.ids)]), records)
            self.assertTrue(records.with_user(self.branch_handler).read(["reason"]))

    def test_base_55_outsider_handler_cannot_read_comfort_fund_or_dispute(self):
        """A handler of the same company who is not on the case."""
        self.assertFalse(
            self.env["complaint.complaint"]
            .with_user(self.outsider)
            .search([("id", "=", self.complaint.id)])
        )
        for records in (self.fund, self.dispute):
            with self.subTest(model=records._name):
                self._assert_hidden(self.outsider, records)

    def test_base_55_second_company_cannot_read_comfort_fund_or_dispute(self):
        for records in (self.fund, self.dispute):
            with self.subTest(model=records._name):
                self._assert_hidden(self.reviewer_b, records)

    def test_base_54_accused_cannot_read_comfort_fund_of_confidential_case(self):
        self.complaint.write(
            {"is_confidential": True, "employee_id": self.accused_employee.id}
        )
        # a manager sees every complaint, but not the one about himself
        for records in (self.fund, self.dispute):
            with self.subTest(model=records._name):
                self._assert_hidden(self.accused, records)
        self.assertTrue(self.fund.with_user(self.manager).read(["amount"]))

    def test_base_54_accused_manager_not_asked_to_approve(self):
        """The approval activity of a comfort payment on a confidential case
        goes to managers who may see it, never to the accused."""
        complaint = self._offsite(
            user_id=self.branch_handler.id,
            is_confidential=True,
            employee_id=self.accused_employee.id,
        )
        fund = self._fund(complaint)
        fund.with_user(self.branch_handler).action_submit()
        asked = fund.activity_ids.user_id
        self.assertIn(self.manager, asked)
        self.assertNotIn(self.accused, asked)
        self.assertNotIn(self.reviewer_b, asked)

    # --------------------------------------------------------- PIPL
    def test_base_55_anonymisation_clears_policy_claim_and_case_numbers(self):
        case = self._complaint(
            channel_id=self.channel_regulator.id,
            regulator_case_no="SH12378-PIPL-1",
            regulator_forward_date=dt.date(2026, 9, 30),
            claim_number="RDAA2026320100000888",
            regulator_reply="已向张伟解释。",
            user_id=self.handler.id,
        )
        fund = self._fund(case, user=self.handler)
        fund.with_user(self.handler).action_submit()
        fund.message_post(body="张伟来电 13800138000 询问安抚金。")
        self.assertTrue(fund.activity_ids)
        case._pi_anonymise()
        for name in (
            "policy_number",
            "claim_number",
            "regulator_case_no",
            "regulator_reply",
        ):
            self.assertFalse(case[name], name)
        self.assertTrue(case.regulator_forwarded)  # a fact for the statistics
        self.assertNotIn("13800138000", fund.reason)
        self.assertEqual(fund.amount, 800.0)  # the figure stays
        self.assertFalse(fund.message_ids)
        self.assertFalse(fund.activity_ids)

    def test_base_55_anonymisation_clears_dispute_text(self):
        self.complaint._pi_anonymise()
        self.assertNotIn("PDAA", self.dispute.reason)
        self.assertFalse(self.complaint.claim_number)

    def _expired(self, complaint):
        self.company.complaint_retention_years = 1
        complaint.write(
            {
                "state": "closed",
                "closed_at": fields.Datetime.now() - dt.timedelta(days=800),
            }
        )
        self.assertLess(complaint.retention_until, fields.Date.today())
        return complaint

    def test_base_55_destruction_deletes_complaint_with_comfort_fund(self):
        """The destruction by deletion used to crash on a comfort fund
        request (ondelete restrict); it now removes it, with its chatter."""
        self.fund.with_user(self.branch_handler).action_submit()
        self.fund.with_user(self.manager).action_approve()
        self.fund.message_post(body="张伟来电 13800138000 询问安抚金。")
        self.dispute.message_post(body="上海分公司查勘记录。")
        complaint = self._expired(self.complaint)
        fund_ids, dispute_ids = self.fund.ids, self.dispute.ids
        number = complaint.name
        Request = self.env["complaint.destruction.request"].with_user(self.manager)
        request = Request.create(
            {"method": "delete", "complaint_ids": [(6, 0, complaint.ids)]}
        )
        request.action_submit()
        request.with_user(self.manager_2).action_approve()
        request.action_execute()
        self.assertEqual(request.state, "done")
        self.assertIn(number, request.executed_numbers)
        self.assertFalse(complaint.exists())
        self.assertFalse(
            self.env["complaint.comfort.fund.request"].browse(fund_ids).exists()
        )
        self.assertFalse(
            self.env["complaint.liability.dispute"].browse(dispute_ids).exists()
        )
        leftovers = self.env["mail.message"].search(
            [
                "|",
                "&",
                ("model", "=", "complaint.comfort.fund.request"),
                ("res_id", "in", fund_ids),
                "&",
                ("model", "=", "complaint.liability.dispute"),
                ("res_id", "in", dispute_ids),
            ]
        )
        self.assertFalse(leftovers)

    def test_base_55_submitted_comfort_fund_keeps_the_complaint(self):
        """Outside a destruction, a manager deleting the complaint does not
        silently erase a submitted comfort payment."""
        complaint = self._complaint(user_id=self.handler.id)
        fund = self._fund(complaint, user=self.handler)
        fund.with_user(self.handler).action_submit()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            complaint.with_user(self.manager).unlink()
        self.assertTrue(complaint.exists())
        self.assertTrue(fund.exists())
