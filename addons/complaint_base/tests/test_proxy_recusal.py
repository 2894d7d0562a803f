"""Proxy and representatives (BASE-17), recusal (BASE-18)."""

import base64

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestProxyRecusal(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.emp_handler = Employee.create(
            {"name": "Handler", "user_id": cls.handler.id}
        )
        cls.emp_reviewer = Employee.create(
            {"name": "Reviewer", "user_id": cls.reviewer.id}
        )
        cls.agent = cls.env["res.partner"].create({"name": "Lawyer Qian"})

    def _document(self):
        return self.env["ir.attachment"].create(
            {"name": "授权委托书.pdf", "datas": base64.b64encode(b"%PDF-1.4")}
        )

    # ------------------------------------------------------------- BASE-17
    def test_base_17_proxy_needs_the_signed_authorisation(self):
        with self.assertRaises(ValidationError) as caught:
            self._complaint(user=self.registrar, proxy_partner_id=self.agent.id)
        self.assertIn("authorisation", str(caught.exception))
        complaint = self._complaint(
            user=self.registrar,
            proxy_partner_id=self.agent.id,
            proxy_document_ids=[(6, 0, self._document().ids)],
        )
        self.assertEqual(complaint.proxy_type, "agent")
        with self.assertRaises(ValidationError):
            complaint.write({"proxy_document_ids": [(5, 0, 0)]})
        heir = self._complaint(
            proxy_partner_id=self.agent.id,
            proxy_type="heir",
            proxy_document_ids=[(6, 0, self._document().ids)],
        )
        self.assertEqual(heir.proxy_type, "heir")

    def test_base_17_mass_complaint_names_at_most_five_representatives(self):
        people = self.env["res.partner"].create(
            [{"name": f"Representative {i}"} for i in range(6)]
        )
        complaint = self._complaint(
            is_mass=True, representative_ids=[(6, 0, people[:5].ids)]
        )
        self.assertEqual(len(complaint.representative_ids), 5)
        with self.assertRaises(ValidationError):
            complaint.write({"representative_ids": [(4, people[5].id)]})

    # ------------------------------------------------------------- BASE-18
    def test_base_18_complained_employee_cannot_handle(self):
        complaint = self._complaint(employee_id=self.emp_handler.id)
        with self.assertRaises(ValidationError) as caught:
            complaint.with_user(self.handler).action_accept()
        self.assertIn("Handler", str(caught.exception))
        self.assertIn("recusal", str(caught.exception))
        with self.assertRaises(ValidationError):
            complaint.write({"user_id": self.handler.id})
        complaint.with_user(self.manager).action_accept()
        self.assertEqual(complaint.user_id, self.manager)

    def test_base_18_naming_the_handler_responsible_is_refused(self):
        complaint = self._complaint(user_id=self.handler.id)
        with self.assertRaises(ValidationError):
            self.env["complaint.responsibility"].create(
                {"complaint_id": complaint.id, "employee_id": self.emp_handler.id}
            )
        with self.assertRaises(ValidationError):
            complaint.write({"employee_id": self.emp_handler.id})

    def test_base_18_person_responsible_or_interested_cannot_review(self):
        complaint = self._complaint()
        self.env["complaint.responsibility"].create(
            {"complaint_id": complaint.id, "employee_id": self.emp_reviewer.id}
        )
        with self.assertRaises(ValidationError):
            complaint.sudo().write({"reviewer_id": self.reviewer.id})
        other = self._complaint(recusal_user_ids=[(6, 0, self.manager.ids)])
        with self.assertRaises(ValidationError):
            other.sudo().write({"reviewer_id": self.manager.id})
        with self.assertRaises(ValidationError):
            other.write({"investigation_user_ids": [(4, self.manager.id)]})

    def test_base_18_routing_never_proposes_the_complained_employee(self):
        """The category's preset handler is the complained-about employee:
        the complaint is registered without him (the team chooses)."""
        employee = self.env["hr.employee"].create(
            {"name": "Handler Two", "user_id": self.handler2.id}
        )
        complaint = self._complaint(
            category_id=self.cat_billing.id, employee_id=employee.id
        )
        self.assertEqual(complaint.team_id, self.team_b)
        self.assertFalse(complaint.user_id)
        with self.assertRaises(ValidationError):
            self._complaint(
                category_id=self.cat_billing.id,
                employee_id=employee.id,
                user_id=self.handler2.id,
            )

    def test_base_18_recusal_message_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["complaint_base"], ["zh_CN"], overwrite=True
        )
        complaint = self._complaint(employee_id=self.emp_handler.id)
        with self.assertRaises(ValidationError) as caught:
            complaint.with_context(lang="zh_CN").write({"user_id": self.handler.id})
        self.assertIn("回避", str(caught.exception))
        self.assertIn("投诉针对的就是其本人", str(caught.exception))
