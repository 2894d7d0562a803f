import json
from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from ..tools import masking
from .common import ComplaintCase


class TestComplaintPrivacy(ComplaintCase):
    """BASE-55: legal basis, masking, data subject requests, lock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.front_desk = new_test_user(
            cls.env,
            "t_front_desk",
            groups="complaint_base.group_complaint_user",
            name="Front Desk",
            tz="Asia/Shanghai",
        )
        cls.complaint = cls._complaint(id_number="310115199001011234")
        cls.complaint.action_accept()  # by the superuser: handler of the case
        cls.complaint.user_id = cls.handler

    # ------------------------------------------------------------- masking
    def test_base_55_masking_helpers(self):
        self.assertEqual(masking.mask_phone("13800138000"), "138****8000")
        self.assertEqual(masking.mask_phone("+86 138 0013 8000"), "+86 138 **** 8000")
        self.assertEqual(masking.mask_phone("021-5888 1234"), "021-**** 1234")
        self.assertEqual(
            masking.mask_id_number("310115199001011234"), "3101**********1234"
        )
        self.assertFalse(masking.mask_phone(False))

    def test_base_55_handler_and_team_see_phone_in_clear(self):
        for user in (self.handler, self.registrar):  # handler, team member
            rec = self.complaint.with_user(user)
            self.assertTrue(rec.pi_visible, user.name)
            self.assertEqual(rec.read(["phone"])[0]["phone"], "+86 138 0013 8000")
        self.assertEqual(
            self.complaint.with_user(self.handler).read(["id_number"])[0]["id_number"],
            "310115199001011234",
        )

    def test_base_55_reviewer_not_on_the_case_sees_masked_values(self):
        rec = self.complaint.with_user(self.reviewer)
        self.assertFalse(rec.pi_visible)
        values = rec.read(["phone", "id_number", "phone_masked"])[0]
        self.assertEqual(values["phone"], "+86 138 **** 8000")
        self.assertEqual(values["phone_masked"], "+86 138 **** 8000")
        self.assertEqual(values["id_number"], "3101**********1234")
        # the web client reads through web_read: masked as well
        web = rec.web_read({"phone": {}, "id_number": {}})[0]
        self.assertEqual(web["phone"], "+86 138 **** 8000")
        self.assertNotIn("0013", str(web))

    def test_base_55_nobody_gives_themselves_sight_of_the_complainant(self):
        """The attack: a reviewer, who reads every complaint with masked
        details, names themselves handler, accountable, investigator, plan
        owner or moves the case to their own team, and reads the phone."""
        as_reviewer = self.complaint.with_user(self.reviewer)
        own_team = self.env["complaint.team"].create(
            {"name": "Reviewer's team", "member_ids": [(4, self.reviewer.id)]}
        )
        for vals in (
            {"user_id": self.reviewer.id},
            {"accountable_user_id": self.reviewer.id},
            {"investigation_user_ids": [(4, self.reviewer.id)]},
            {"plan_owner_id": self.reviewer.id},
            {"team_id": own_team.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                as_reviewer.write(vals)
        as_reviewer.invalidate_recordset()
        self.assertEqual(as_reviewer.read(["phone"])[0]["phone"], "+86 138 **** 8000")
        # the case's own people still give the sight to a colleague
        self.complaint.with_user(self.handler).write(
            {"investigation_user_ids": [(4, self.reviewer.id)]}
        )
        self.assertTrue(as_reviewer.pi_visible)

    def test_base_55_reviewer_sees_phone_while_reviewing_or_when_assigned(self):
        self.complaint.state = "review"
        self.assertTrue(self.complaint.with_user(self.reviewer).pi_visible)
        self.complaint.state = "resolved"
        self.assertFalse(self.complaint.with_user(self.reviewer).pi_visible)
        self.complaint.reviewer_id = self.reviewer
        self.assertTrue(self.complaint.with_user(self.reviewer).pi_visible)

    def test_base_55_registrant_sees_phone_only_until_the_handler_accepts(self):
        rec = self._complaint(user=self.front_desk, category_id=self.cat_billing.id)
        self.assertEqual(rec.accountable_user_id, self.front_desk)
        self.assertTrue(rec.with_user(self.front_desk).pi_visible)
        rec.with_user(self.handler2).action_accept()
        rec.invalidate_recordset()
        mine = rec.with_user(self.front_desk)
        self.assertFalse(mine.pi_visible)
        self.assertEqual(mine.read(["phone"])[0]["phone"], "+86 138 **** 8000")

    def test_base_55_form_shows_masked_phone_to_non_handlers(self):
        arch = self.env["complaint.complaint"].get_view(view_type="form")["arch"]
        self.assertIn('name="phone_masked"', arch)
        self.assertIn('name="legal_basis"', arch)

    def test_base_55_legal_basis_recorded(self):
        self.assertEqual(self.complaint.legal_basis, "legal_obligation")
        selection = dict(self.complaint._fields["legal_basis"].selection)
        self.assertIn("consent", selection)
        self.assertIn("contract", selection)

    # --------------------------------------------------------------- lock
    def test_base_55_locked_complaint_is_store_only(self):
        self.complaint._pi_lock("test lock")
        rec = self.complaint.with_user(self.handler)
        self.assertFalse(rec.pi_visible, "nobody sees locked personal data")
        self.assertEqual(rec.read(["phone"])[0]["phone"], "+86 138 **** 8000")
        with self.assertRaises(UserError):
            rec.write({"subject": "changed"})
        with self.assertRaises(UserError):
            rec.message_post(body="still here?")
        self.assertTrue(
            any("test lock" in str(m.body) for m in self.complaint.message_ids)
        )

    # ---------------------------------------------------- data requests
    def _request(self, request_type, partner=None, **vals):
        return (
            self.env["complaint.data.request"]
            .with_user(self.manager)
            .create(
                {
                    "partner_id": (partner or self.partner).id,
                    "request_type": request_type,
                    **vals,
                }
            )
        )

    def test_base_55_export_gives_json_and_excel_copy(self):
        self.complaint.message_post(
            body="我们已收到您的投诉",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.complaint.message_post(body="internal note", subtype_xmlid="mail.mt_note")
        other = self.env["res.partner"].create({"name": "Other"})
        self._complaint(partner_id=other.id, subject="not mine")
        request = self._request("export")
        self.assertTrue(request.name.startswith("PI/"))
        request.action_execute()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.done_by, self.manager)
        self.assertTrue(request.done_at)
        self.assertEqual(request.complaint_ids, self.complaint)
        json_file = request.result_attachment_ids.filtered(
            lambda a: a.name.endswith(".json")
        )
        self.assertTrue(
            request.result_attachment_ids.filtered(lambda a: a.name.endswith(".xlsx"))
        )
        payload = json.loads(json_file.raw)
        text = json.dumps(payload, ensure_ascii=False)
        self.assertIn(self.complaint.name, text)
        self.assertIn("+86 138 0013 8000", text, "the complainant gets clear data")
        self.assertIn("我们已收到您的投诉", text)
        self.assertNotIn("internal note", text)
        self.assertNotIn("not mine", text)
        self.assertIn(".json", request.result)
        self.assertTrue(
            any(".xlsx" in str(m.body) for m in request.message_ids),
            "the log is kept in the request's chatter",
        )

    def test_base_55_export_covers_the_person_not_their_colleagues(self):
        company = self.env["res.partner"].create(
            {"name": "上海某贸易有限公司", "is_company": True}
        )
        person = self.env["res.partner"].create(
            {"name": "钱伟", "parent_id": company.id, "phone": "13700000001"}
        )
        colleague = self.env["res.partner"].create(
            {"name": "孙芳", "parent_id": company.id, "phone": "13700000002"}
        )
        mine = self._complaint(partner_id=person.id, subject="我的投诉")
        self._complaint(partner_id=colleague.id, subject="同事的投诉")
        request = self._request("export", partner=person)
        request.action_execute()
        self.assertEqual(request.complaint_ids, mine)

    def test_base_55_correction_applies_everywhere_with_log(self):
        request = self._request(
            "correct", new_phone="13912345678", new_email="zhao.min@example.cn"
        )
        request.action_execute()
        self.assertEqual(self.complaint.phone, "13912345678")
        self.assertEqual(self.complaint.email, "zhao.min@example.cn")
        self.assertEqual(self.partner.phone, "13912345678")
        self.assertIn("Phone", request.result)
        with self.assertRaises(UserError):
            self._request("correct").action_execute()

    def test_base_55_deletion_anonymises_or_locks_when_law_requires_keeping(self):
        self.complaint.write({"state": "closed", "closed_at": datetime(2026, 1, 5, 2)})
        consent = self._complaint(legal_basis="consent", subject="同意处理的投诉")
        consent.write({"state": "closed", "closed_at": datetime(2026, 1, 6, 2)})
        consent.message_post(body="客户电话 13800138000")
        request = self._request("delete")
        request.action_execute()
        # consent withdrawn: personal information removed
        self.assertTrue(consent.anonymised)
        self.assertFalse(consent.partner_id)
        self.assertFalse(consent.phone)
        self.assertNotEqual(consent.subject, "同意处理的投诉")
        self.assertFalse(
            consent.message_ids.filtered(lambda m: "13800138000" in str(m.body))
        )
        # legal duty, retention running: kept but locked (store only)
        self.assertTrue(self.complaint.pi_locked)
        self.assertFalse(self.complaint.anonymised)
        self.assertEqual(self.complaint.partner_id, self.partner)
        self.assertIn(self.complaint.name, request.result)
        self.assertIn(consent.name, request.result)

    def test_base_55_deletion_refused_while_complaint_is_handled(self):
        with self.assertRaises(UserError):
            self._request("delete").action_execute()
        self.assertFalse(self.complaint.anonymised)

    def test_base_55_only_managers_carry_out_requests(self):
        request = self._request("export")
        with self.assertRaises(AccessError):
            request.with_user(self.reviewer).action_execute()
        request.action_execute()
        with self.assertRaises(UserError):
            request.unlink()

    def test_base_55_refusal_needs_a_reason(self):
        request = self._request("delete")
        with self.assertRaises(UserError):
            request.action_refuse()
        request.refuse_reason = "身份无法核实"
        request.action_refuse()
        self.assertEqual(request.state, "refused")
