"""Insurance data, reason catalogue and routing (INS-01, 03, 05, 06)."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .common import InsuranceCase


class TestCatalogueRouting(InsuranceCase):
    def test_ins_01_insurance_data_on_the_complaint(self):
        complaint = self._complaint(
            line_of_business="motor",
            claim_number="RDAA202632010000987654",
            underwriting_branch_id=self.branch_js.id,
            loss_branch_id=self.branch_sh.id,
        )
        self.assertEqual(complaint.sector, "insurance")
        self.assertEqual(complaint.policy_number, "PDAA202632010000123456")
        self.assertEqual(complaint.claim_number, "RDAA202632010000987654")
        self.assertEqual(complaint.line_of_business, "motor")
        self.assertEqual(complaint.underwriting_branch_id, self.branch_js)
        self.assertEqual(complaint.loss_branch_id, self.branch_sh)
        self.assertTrue(complaint.is_offsite_claim)
        self.assertEqual(complaint.handling_branch_id, self.branch_js)
        self.assertEqual(
            self.branch_js.complete_name, f"{self.head_office.name} / Jiangsu"
        )
        found = self.env["complaint.complaint"].search(
            [("policy_number", "=", "PDAA202632010000123456")]
        )
        self.assertEqual(found, complaint)

    def test_ins_01_insurance_page_of_the_form(self):
        """An agent registers a 12378 case in the form: the channel marks it
        forwarded, the branches route it, the deadlines appear."""
        model = self.env["complaint.complaint"].with_user(self.registrar)
        with Form(model.with_context(default_sector="insurance")) as form:
            form.subject = "监管转办：异地理赔定损慢"
            form.partner_id = self.partner
            form.channel_id = self.channel_regulator
            self.assertTrue(form.regulator_forwarded)
            form.regulator_case_no = "SH12378-FORM-1"
            form.category_id = self.cat_claims_l3
            form.policy_number = "PDAA202632010000999999"
            form.line_of_business = "motor"
            form.underwriting_branch_id = self.branch_js
            form.loss_branch_id = self.branch_sh
            self.assertTrue(form.is_offsite_claim)
            self.assertEqual(form.user_id, self.branch_handler)
        complaint = form.record
        self.assertEqual(complaint.sector, "insurance")
        self.assertTrue(complaint.regulator_forwarded)
        self.assertEqual(complaint.team_id, self.team_js)
        self.assertEqual(complaint.user_id, self.branch_handler)
        self.assertTrue(complaint.ack_deadline)
        self.assertTrue(complaint.resolution_deadline)

    def test_ins_01_branch_of_another_company_refused(self):
        other = self.env["res.company"].create({"name": "Other Insurer"})
        foreign = self.env["complaint.insurance.branch"].create(
            {"name": "Foreign", "company_id": other.id}
        )
        with self.assertRaises(ValidationError):
            self._complaint(underwriting_branch_id=foreign.id)

    def test_ins_01_one_head_office_per_company(self):
        with self.assertRaises(ValidationError):
            self.env["complaint.insurance.branch"].create(
                {"name": "Second head office", "is_head_office": True}
            )

    def test_ins_03_catalogue_has_four_levels(self):
        """The shipped catalogue: insurance categories, 4 levels, every
        level-3 reason refined by level-4 reasons for the handler."""
        cats = self.env["complaint.category"].search(
            [("code", "=like", "I%"), ("sector", "=", "insurance")]
        )
        self.assertGreaterEqual(len(cats), 60)
        self.assertEqual(set(cats.mapped("level")), {1, 2, 3, 4})
        roots = cats.filtered(lambda c: c.level == 1)
        self.assertEqual(
            set(roots.mapped("name")),
            {"Sales", "Underwriting and policy service", "Claims", "Customer service"},
        )
        for cat in cats.filtered(lambda c: c.level == 3):
            self.assertTrue(cat.child_ids, f"{cat.complete_name} has no 4th level")
        self.assertFalse(cats.filtered(lambda c: c.level == 4).child_ids)
        self.assertTrue(all(root.team_id for root in roots))

    def test_ins_03_intake_levels_1_to_3_handler_confirms_level_4(self):
        """The agent picks levels 1-3; only the handler sets and confirms
        the 4th level."""
        with self.assertRaises(ValidationError):
            self._complaint(user=self.registrar, category_id=self.cat_claims_l4.id)
        complaint = self._complaint(user=self.registrar, user_id=self.handler.id)
        self.assertEqual(complaint.category_id.level, 3)
        with self.assertRaises(ValidationError):
            complaint.with_user(self.registrar).category_id = self.cat_claims_l4
        with self.assertRaises(AccessError):
            complaint.with_user(self.registrar).action_confirm_category()
        as_handler = complaint.with_user(self.handler)
        with self.assertRaises(UserError):
            as_handler.action_confirm_category()  # still level 3
        as_handler.category_id = self.cat_claims_l4
        as_handler.action_confirm_category()
        self.assertTrue(complaint.category_confirmed)
        self.assertEqual(complaint.category_id.level, 4)

    def test_ins_03_catalogue_routes_to_preset_team_department_handler(self):
        claims = self.env.ref("complaint_insurance.ins_cat_claims")
        department = self.env["hr.department"].create({"name": "Claims Dept 理赔部"})
        claims.write({"department_id": department.id, "user_id": self.handler.id})
        complaint = self._complaint()
        self.assertEqual(
            complaint.team_id, self.env.ref("complaint_insurance.team_ins_claims")
        )
        self.assertEqual(complaint.department_id, department)
        self.assertEqual(complaint.user_id, self.handler)

    def test_ins_03_category_of_insurance_makes_the_sector(self):
        complaint = self._complaint(sector=False)
        self.assertEqual(complaint.sector, "insurance")

    def test_ins_05_offsite_claim_handled_by_underwriting_branch(self):
        """The loss happened in Shanghai on a Jiangsu policy: Jiangsu handles
        it, whatever the catalogue's preset handler."""
        self.env.ref("complaint_insurance.ins_cat_claims").user_id = self.handler
        complaint = self._complaint(
            underwriting_branch_id=self.branch_js.id, loss_branch_id=self.branch_sh.id
        )
        self.assertEqual(complaint.team_id, self.team_js)
        self.assertEqual(complaint.user_id, self.branch_handler)

    def test_ins_05_branch_fills_what_the_catalogue_leaves_open(self):
        self.env.ref("complaint_insurance.ins_cat_claims").user_id = False
        complaint = self._complaint(
            underwriting_branch_id=self.branch_js.id, loss_branch_id=self.branch_js.id
        )
        self.assertFalse(complaint.is_offsite_claim)
        # the catalogue's team stays, the branch gives the handler
        self.assertEqual(
            complaint.team_id, self.env.ref("complaint_insurance.team_ins_claims")
        )
        self.assertEqual(complaint.user_id, self.branch_handler)

    def test_ins_06_cross_selling_routed_by_who_sold_what(self):
        """Seed 000 4.(1): our force selling a group product -> sales channel;
        a group company selling our product -> product department; our
        customers' data used for marketing -> customer service."""
        expected = {
            "ins_cat_sales_cross_own_staff": (
                "own_staff_other_product",
                "complaint_insurance.team_ins_sales",
            ),
            "ins_cat_sales_cross_group_staff": (
                "group_staff_our_product",
                "complaint_insurance.team_ins_product",
            ),
            "ins_cat_sales_cross_customer_data": (
                "customer_data",
                "complaint_base.team_customer_service",
            ),
        }
        for xmlid, (case, team) in expected.items():
            category = self.env.ref(f"complaint_insurance.{xmlid}")
            complaint = self._complaint(category_id=category.id)
            self.assertEqual(complaint.cross_sell_case, case, xmlid)
            self.assertEqual(complaint.team_id, self.env.ref(team), xmlid)
            # the 4th level keeps the case
            complaint.category_id = category.child_ids[0]
            self.assertEqual(complaint.cross_sell_case, case, xmlid)

    def test_ins_06_other_company_product_is_referred(self):
        category = self.env.ref("complaint_insurance.ins_cat_sales_cross_other_company")
        complaint = self._complaint(category_id=category.id, user_id=self.handler.id)
        self.assertEqual(complaint.cross_sell_case, "other_company")
        with self.assertRaisesRegex(UserError, "another company's product"):
            complaint.with_user(self.handler).action_accept()
        as_user = complaint.with_user(self.handler)
        with self.assertRaisesRegex(UserError, "referred to"):
            as_user.action_refer_other_company()
        as_user.referred_to = "某人寿保险公司 95519"
        as_user.action_refer_other_company()
        self.assertEqual(complaint.state, "invalid")
        self.assertEqual(complaint.invalid_reason, "out_of_scope")
        self.assertIn("95519", complaint.invalid_note)
