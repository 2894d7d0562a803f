import base64
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import ComplaintCase

PHONE = "+86 139 7531 8642"
PHONE_BARE = "13975318642"
EMAIL = "li.si@example.cn"
ID_NUMBER = "110101199003074512"
#: fragments that must not survive a deletion
TRACES = ("7531 8642", "75318642", "li.si@", ID_NUMBER, "李四")


class TestPiplRequests(ComplaintCase):
    """BASE-55 (PIPL art. 45-47): the person is found by contact, phone and
    e-mail, not by company; export, correction and deletion cover the
    complaints, their child records, chatter, tracking and attachments and
    the contact; a deletion leaves none of the person's identifiers in the
    database, except the anonymised log.  BASE-57: the request's outcome is
    written by its action only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.partner"].create(
            {"name": "某贸易公司", "is_company": True}
        )
        cls.person = cls.env["res.partner"].create(
            {"name": "李四", "phone": PHONE, "email": EMAIL, "parent_id": company.id}
        )
        cls.colleague = cls.env["res.partner"].create(
            {"name": "王五", "phone": "13700000009", "parent_id": company.id}
        )
        closed = datetime.now() - timedelta(days=30)
        cls.by_contact = cls._closed(
            closed, partner_id=cls.person.id, id_number=ID_NUMBER, subject="李四的投诉"
        )
        cls.by_phone = cls._closed(
            closed, partner_id=False, contact_name="李四", phone=PHONE_BARE, email=False
        )
        cls.by_email = cls._closed(
            closed,
            partner_id=False,
            contact_name="Li Si",
            phone=False,
            email="LI.SI@example.cn",
        )
        cls.colleague_case = cls._closed(closed, partner_id=cls.colleague.id)
        cls._leave_traces(cls.by_contact)

    @classmethod
    def _closed(cls, closed_at, **vals):
        rec = cls._complaint(legal_basis="consent", **vals)
        rec.write({"state": "closed", "closed_at": closed_at})
        return rec

    @classmethod
    def _leave_traces(cls, complaint):
        """Chatter, tracking, attachments and child records quoting the person."""
        complaint.message_post(
            body=f"客户李四来电 {PHONE}, 邮箱 {EMAIL}",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[(f"身份证 {ID_NUMBER}.txt", b"scan")],
        )
        complaint.write({"email": "li.si@other.example.cn"})  # tracked
        complaint.write({"email": EMAIL})
        evidence = cls.env["ir.attachment"].create(
            {"name": f"录音 {PHONE_BARE}.mp3", "raw": b"sound"}
        )
        cls.env["complaint.investigation.step"].create(
            {
                "complaint_id": complaint.id,
                "name": "Call 李四 back",
                "result": f"李四 confirmed at {PHONE}",
                "attachment_ids": [(6, 0, evidence.ids)],
            }
        )
        cls.env["complaint.transfer"].create(
            {
                "complaint_id": complaint.id,
                "to_team_id": cls.team_b.id,
                "reason": f"李四 ({PHONE}) asked for the billing team",
            }
        )
        cls.env["complaint.responsibility"].create(
            {
                "complaint_id": complaint.id,
                "department_id": cls.department.id,
                "sanction": f"Apologise to 李四 at {EMAIL}",
            }
        )

    def _request(self, request_type, **vals):
        return (
            self.env["complaint.data.request"]
            .with_user(self.manager)
            .create(
                {"partner_id": self.person.id, "request_type": request_type, **vals}
            )
        )

    def _mine(self):
        return self.by_contact | self.by_phone | self.by_email

    # -------------------------------------------------------------- find
    def test_base_55_person_found_by_contact_phone_and_email_not_company(self):
        request = self._request("export")
        request.action_execute()
        self.assertEqual(request.complaint_ids, self._mine())
        self.assertNotIn(self.colleague_case, request.complaint_ids)
        payload = base64.b64decode(
            request.result_attachment_ids.filtered(
                lambda a: a.name.endswith(".json")
            ).datas
        ).decode()
        self.assertIn(ID_NUMBER, payload, "the person gets their own data in clear")
        self.assertNotIn(self.colleague_case.name, payload)

    def test_base_55_request_without_contact_by_phone_only(self):
        request = self._request(
            "export", partner_id=False, lookup_phone="139-7531-8642"
        )
        request.action_execute()
        self.assertEqual(request.complaint_ids, self.by_phone)

    def test_base_55_correction_reaches_complaints_without_contact(self):
        request = self._request("correct", new_phone="13800001111")
        request.action_execute()
        for complaint in self.by_contact | self.by_phone:
            self.assertEqual(complaint.phone, "13800001111")
        self.assertEqual(self.person.phone, "13800001111")
        self.assertNotIn("李四", request.result)

    # ------------------------------------------------------------ delete
    def test_base_55_deletion_leaves_no_identifier_anywhere(self):
        earlier = self._request("export")
        earlier.action_execute()
        request = self._request("delete")
        request.action_execute()
        self.assertEqual(request.state, "done")
        for complaint in self._mine():
            self.assertTrue(complaint.anonymised, complaint.name)
        self.assertFalse(self.person.active, "the contact is archived")
        self.assertNotEqual(self.person.name, "李四")
        self._assert_no_trace()
        self.assertIn(self.by_contact.name, request.result, "the log keeps numbers")
        self.assertFalse(earlier.result_attachment_ids, "the earlier copy is gone")
        self.assertFalse(request.lookup_phone or request.lookup_email)
        # the colleague's complaint is untouched
        self.assertFalse(self.colleague_case.anonymised)
        self.assertEqual(self.colleague_case.partner_id, self.colleague)

    def _assert_no_trace(self):
        env = self.env(context={"active_test": False})
        for text in TRACES:
            with self.subTest(text=text):
                for model, fnames in (
                    (
                        "complaint.complaint",
                        ("phone", "email", "id_number", "contact_name", "subject"),
                    ),
                    ("res.partner", ("name", "phone", "email")),
                    ("mail.message", ("body", "email_from", "subject", "record_name")),
                    ("mail.tracking.value", ("old_value_char", "new_value_char")),
                    ("ir.attachment", ("name",)),
                    ("complaint.investigation.step", ("name", "result")),
                    ("complaint.transfer", ("reason",)),
                    ("complaint.responsibility", ("sanction",)),
                    (
                        "complaint.data.request",
                        ("lookup_phone", "lookup_email", "result"),
                    ),
                    ("res.users", ("login",)),
                ):
                    for fname in fnames:
                        found = env[model].sudo().search([(fname, "ilike", text)])
                        self.assertFalse(found, f"{model}.{fname} still holds {text!r}")

    def test_base_55_deletion_locks_and_archives_when_the_law_requires_keeping(self):
        self.by_contact.legal_basis = "legal_obligation"
        self.env.company.complaint_retention_years = 5
        request = self._request("delete")
        request.action_execute()
        self.assertTrue(self.by_contact.pi_locked)
        self.assertFalse(self.by_contact.anonymised)
        self.assertEqual(self.by_contact.partner_id, self.person)
        self.assertFalse(self.person.active, "archived (store only)")
        self.assertEqual(self.person.name, "李四", "kept while the law requires it")
        self.assertTrue(self.by_phone.anonymised)

    # ----------------------------------------------------------- BASE-57
    def test_base_57_request_outcome_written_by_its_action_only(self):
        Request = self.env["complaint.data.request"].with_user(self.manager)
        with self.assertRaises(UserError):
            Request.create({"partner_id": self.person.id, "state": "done"})
        request = self._request("export")
        for vals in (
            {"state": "done"},
            {"done_by": self.manager.id},
            {"result": "nothing to see"},
            {"complaint_ids": [(6, 0, self.colleague_case.ids)]},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                request.write(vals)
        with self.assertRaises(AccessError):
            request.with_user(self.reviewer).action_execute()
        request.action_execute()
        with self.assertRaises(UserError):
            request.write({"partner_id": self.colleague.id})


class TestDestructionRequest(ComplaintCase):
    """BASE-53/57: a destruction request is approved by another manager
    than the requester, its state and log are written by its actions only,
    its complaints are frozen once submitted; deletion removes the child
    records and every trace, leaving no orphan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager2 = new_test_user(
            cls.env,
            "t_pipl_manager2",
            groups="complaint_base.group_complaint_manager",
            name="Manager Two",
        )
        cls.env.company.complaint_retention_years = 5
        old = datetime.now() - timedelta(days=366 * 6)
        cls.expired = cls._complaint(received_at=old - timedelta(days=3))
        cls.expired.write({"state": "closed", "closed_at": old})

    def _request(self, **vals):
        return (
            self.env["complaint.destruction.request"]
            .with_user(self.manager)
            .create(
                {
                    "method": "delete",
                    "complaint_ids": [(6, 0, self.expired.ids)],
                    **vals,
                }
            )
        )

    def test_base_57_manager_cannot_write_the_state(self):
        request = self._request()
        for vals in (
            {"state": "approved"},
            {"state": "done"},
            {"approved_by": self.manager2.id},
            {"executed_numbers": "none"},
            {"requested_by": self.manager2.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                request.write(vals)
        Request = self.env["complaint.destruction.request"].with_user(self.manager)
        with self.assertRaises(UserError):
            Request.create(
                {"state": "approved", "complaint_ids": [(6, 0, self.expired.ids)]}
            )
        with self.assertRaises(UserError):
            Request.create({"requested_by": self.manager2.id})
        self.assertEqual(request.state, "draft")

    def test_base_57_manager_cannot_approve_own_request(self):
        request = self._request()
        request.action_submit()
        with self.assertRaises(AccessError):
            request.action_approve()
        self.assertEqual(request.state, "to_approve")
        with self.assertRaises(UserError):
            request.write({"complaint_ids": [(5, 0, 0)]})
        with self.assertRaises(UserError):
            request.with_user(self.manager2).write({"method": "anonymise"})
        with self.assertRaises(AccessError):
            request.with_user(self.reviewer).action_approve()
        request.with_user(self.manager2).action_approve()
        self.assertEqual(request.approved_by, self.manager2)

    def test_base_53_delete_leaves_no_orphan(self):
        complaint = self.expired
        children = self._children(complaint)
        complaint.message_post(
            body="call back", attachments=[("note.txt", b"x")], message_type="comment"
        )
        complaint.message_subscribe(partner_ids=self.partner.ids)
        complaint.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.handler.id
        )
        for record in children:
            if hasattr(record, "message_post"):
                record.message_post(body="child note", attachments=[("c.txt", b"y")])
        targets = [(complaint._name, complaint.id)] + [
            (r._name, r.id) for r in children
        ]
        messages = self.env["mail.message"].search(
            ["|"] * (len(targets) - 1)
            + [
                leaf
                for model, rid in targets
                for leaf in ("&", ("model", "=", model), ("res_id", "=", rid))
            ]
        )
        self.assertTrue(messages.tracking_value_ids or messages)
        tracking = messages.tracking_value_ids
        attachments = messages.attachment_ids | children[1].attachment_ids
        request = self._request()
        request.action_submit()
        request.with_user(self.manager2).action_approve()
        request.with_user(self.manager2).action_execute()
        self.assertEqual(request.state, "done")
        self.assertFalse(complaint.exists())
        self.assertFalse(any(r.exists() for r in children))
        self.assertFalse(messages.exists())
        self.assertFalse(tracking.exists())
        self.assertFalse(attachments.exists())
        for model, rid in targets:
            domain = [("res_model", "=", model), ("res_id", "=", rid)]
            self.assertFalse(self.env["mail.followers"].search(domain), model)
            self.assertFalse(self.env["mail.activity"].search(domain), model)
            self.assertFalse(self.env["ir.attachment"].search(domain), model)

    def _children(self, complaint):
        env = self.env
        evidence = env["ir.attachment"].create({"name": "evidence.jpg", "raw": b"img"})
        level = env["complaint.escalation.level"].create({"name": "L", "level": 96})
        now = fields.Datetime.now()
        return [
            env["complaint.responsibility"].create(
                {"complaint_id": complaint.id, "department_id": self.department.id}
            ),
            env["complaint.investigation.step"].create(
                {
                    "complaint_id": complaint.id,
                    "name": "Site survey",
                    "attachment_ids": [(6, 0, evidence.ids)],
                }
            ),
            env["complaint.transfer"].create(
                {
                    "complaint_id": complaint.id,
                    "to_team_id": self.team_b.id,
                    "reason": "r",
                }
            ),
            env["complaint.extension"].create(
                {
                    "complaint_id": complaint.id,
                    "requested_deadline": now + timedelta(days=3),
                    "reason": "appraisal",
                }
            ),
            env["complaint.escalation.log"].create(
                {"complaint_id": complaint.id, "level_id": level.id, "to_level": 96}
            ),
            env["complaint.crisis"].create(
                {"complaint_id": complaint.id, "name": "Press"}
            ),
            env["complaint.capa"].create(
                {"complaint_id": complaint.id, "name": "Train"}
            ),
            env["complaint.sla.pause"].create(
                {
                    "complaint_id": complaint.id,
                    "reason": "waiting_complainant",
                    "start": now,
                }
            ),
        ]
