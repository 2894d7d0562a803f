import io

from werkzeug.datastructures import FileStorage

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from ..controllers.portal import PORTAL_STATES, ComplaintPortal
from ..controllers.portal_form import (
    MAX_DESCRIPTION,
    MAX_FILE_SIZE,
    MAX_NEW_PER_HOUR,
)
from .common import ComplaintCase


def upload(name, size=10, content_type="image/jpeg"):
    return FileStorage(
        stream=io.BytesIO(b"x" * size), filename=name, content_type=content_type
    )


class TestComplaintPortal(ComplaintCase):
    """BASE-03: complainants follow, answer, rate and file complaints online;
    a portal user never sees another person's complaint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_test_user(
            cls.env,
            "t_portal_a",
            groups="base.group_portal",
            name="王芳",
            email="wangfang@example.cn",
        )
        cls.portal_b = new_test_user(
            cls.env,
            "t_portal_b",
            groups="base.group_portal",
            name="李雷",
            email="lilei@example.cn",
        )
        cls.portal_a.partner_id.phone = "13911112222"
        cls.complaint_a = cls._complaint(
            partner_id=cls.portal_a.partner_id.id, subject="账单错误"
        )
        cls.complaint_b = cls._complaint(
            partner_id=cls.portal_b.partner_id.id, subject="排队太久"
        )
        cls.controller = ComplaintPortal()

    def _portal_env(self, user):
        return self.env(user=user)

    # ------------------------------------------------------------ isolation
    def test_base_55_colleagues_of_a_customer_company_do_not_see_each_other(self):
        company = self.env["res.partner"].create(
            {"name": "上海某贸易公司", "is_company": True}
        )
        self.portal_a.partner_id.parent_id = company
        self.portal_b.partner_id.parent_id = company
        Complaint = self._portal_env(self.portal_b)["complaint.complaint"]
        self.assertEqual(Complaint.search([]), self.complaint_b)
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.portal_b).read(["subject"])

    def test_base_03_portal_user_sees_only_own_complaints(self):
        Complaint = self._portal_env(self.portal_a)["complaint.complaint"]
        self.assertEqual(Complaint.search([]), self.complaint_a)
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.portal_a).check_access("read")
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.portal_a).read(["subject"])
        other = self._portal_env(self.portal_b)["complaint.complaint"].search([])
        self.assertEqual(other, self.complaint_b)

    def test_base_03_portal_user_cannot_write_or_create_directly(self):
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.portal_a).write({"state": "closed"})
        with self.assertRaises(AccessError):
            self._portal_env(self.portal_a)["complaint.complaint"].create(
                {"subject": "x"}
            )

    def test_base_03_portal_url_and_chatter_signature(self):
        self.assertEqual(
            self.complaint_a.access_url, f"/my/complaints/{self.complaint_a.id}"
        )
        pid = self.portal_a.partner_id.id
        token = self.complaint_a._sign_token(pid)
        Complaint = self._portal_env(self.portal_a)["complaint.complaint"]
        # no write access: the portal chatter posts with the signed pid
        self.assertFalse(
            Complaint._get_thread_with_access(self.complaint_a.id, "write")
        )
        self.assertEqual(
            Complaint._get_thread_with_access(
                self.complaint_a.id, "write", hash=token, pid=pid
            ),
            self.complaint_a,
        )
        self.assertFalse(
            Complaint._get_thread_with_access(
                self.complaint_b.id, "write", hash=token, pid=pid
            ),
            "a signature is valid for one complaint only",
        )

    # ----------------------------------------------------------- new form
    def test_base_03_form_validation_limits(self):
        env = self._portal_env(self.portal_a)
        validate = self.controller._complaint_validate
        clean, contents, errors = validate(
            env,
            {
                "subject": " 柜台态度差 ",
                "description": "柜员不耐烦",
                "phone": "139",
                "category_id": str(self.cat_l1.id),
            },
            [upload("photo.jpg")],
        )
        self.assertFalse(errors)
        self.assertEqual(clean["subject"], "柜台态度差")
        self.assertEqual(clean["category_id"], self.cat_l1.id)
        self.assertEqual(contents[0][0], "photo.jpg")
        cases = [
            ({"subject": "", "description": "x"}, [], "subject"),
            ({"subject": "x" * 201, "description": "x"}, [], "subject"),
            (
                {"subject": "x", "description": "x" * (MAX_DESCRIPTION + 1)},
                [],
                "description",
            ),
            (
                {"subject": "x", "description": "x", "category_id": "99999999"},
                [],
                "category_id",
            ),
            (
                {"subject": "x", "description": "x"},
                [upload(f"{i}.jpg") for i in range(4)],
                "attachments",
            ),
            (
                {"subject": "x", "description": "x"},
                [upload("virus.exe")],
                "attachments",
            ),
            (
                {"subject": "x", "description": "x"},
                [upload("big.pdf", MAX_FILE_SIZE + 1)],
                "attachments",
            ),
        ]
        for post, files, field in cases:
            _clean, _contents, errors = validate(env, post, files)
            self.assertIn(field, errors, (post.get("subject", "")[:10], field))

    def test_base_03_new_complaint_from_portal(self):
        env = self._portal_env(self.portal_a)
        clean, contents, errors = self.controller._complaint_validate(
            env,
            {
                "subject": "信用卡年费重复扣收",
                "description": "3月账单扣了两次年费。",
                "demand": "退还680元",
                "category_id": str(self.cat_billing.id),
            },
            [upload("bill.pdf", content_type="application/pdf")],
        )
        complaint = self.controller._complaint_create(env, clean, contents)
        self.assertEqual(complaint.partner_id, self.portal_a.partner_id)
        self.assertEqual(complaint.channel_id.code, "portal")
        self.assertEqual(complaint.phone, "13911112222")
        self.assertEqual(complaint.team_id, self.team_b, "routed like any complaint")
        self.assertNotEqual(complaint.registrant_id, self.portal_a)
        self.assertEqual(
            complaint.registrant_id,
            self.team_b.leader_id or self.env["res.users"],
            "the routed team's leader registers a portal complaint",
        )
        self.assertIn(self.portal_a.partner_id, complaint.message_partner_ids)
        self.assertIn("信用卡年费重复扣收", complaint.display_name)
        message = complaint.message_ids.filtered("attachment_ids")
        self.assertEqual(message.author_id, self.portal_a.partner_id)
        self.assertEqual(message.attachment_ids.name, "bill.pdf")
        # the complainant can read it, the other portal user cannot
        self.assertIn(complaint, env["complaint.complaint"].search([]))
        with self.assertRaises(AccessError):
            complaint.with_user(self.portal_b).check_access("read")

    def test_base_03_rate_limit_new_complaints_per_hour(self):
        env = self._portal_env(self.portal_a)
        clean = {
            "subject": "x",
            "description": "x",
            "demand": "",
            "phone": "",
            "category_id": False,
        }
        for _i in range(MAX_NEW_PER_HOUR - 1):
            self.controller._complaint_create(env, clean, [])
        self.assertFalse(self.controller._complaint_rate_limited(env))
        self.controller._complaint_create(env, clean, [])
        self.assertTrue(self.controller._complaint_rate_limited(env))
        self.assertFalse(
            self.controller._complaint_rate_limited(self._portal_env(self.portal_b)),
            "the limit is per user",
        )

    # -------------------------------------------------------------- rating
    def _resolved(self):
        self.complaint_a.write(
            {"state": "resolved", "resolution": "<p>已退还多收的费用。</p>"}
        )
        return self.complaint_a.sudo()

    def test_base_03_rating_records_the_follow_up(self):
        complaint = self._resolved()
        partner = self.portal_a.partner_id
        error = self.controller._complaint_rate(complaint, partner, "4", "谢谢", "yes")
        self.assertIsNone(error)
        self.assertEqual(complaint.satisfaction, "4")
        self.assertEqual(complaint.followup_comment, "谢谢")
        self.assertEqual(complaint.followup_method, "survey")
        self.assertEqual(complaint.complainant_acceptance, "accepted")
        self.assertTrue(complaint.followup_done_at)
        self.assertEqual(complaint.state, "resolved")
        self.assertTrue(
            complaint.message_ids.filtered(
                lambda m: m.author_id == partner and "4/5" in str(m.body)
            )
        )
        self.assertEqual(
            self.controller._complaint_rate(complaint, partner, "5", "", "yes"),
            "not_rateable",
            "rated only once",
        )

    def test_base_03_dissatisfied_rating_reopens(self):
        complaint = self._resolved()
        self.controller._complaint_rate(
            complaint, self.portal_a.partner_id, "1", "没有解决", "no"
        )
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.reopen_count, 1)
        self.assertEqual(complaint.complainant_acceptance, "rejected")

    def test_base_03_rating_refused_while_handled_or_invalid_score(self):
        partner = self.portal_a.partner_id
        complaint = self.complaint_a.sudo()
        self.assertEqual(
            self.controller._complaint_rate(complaint, partner, "4", "", "yes"),
            "not_rateable",
        )
        complaint = self._resolved()
        self.assertEqual(
            self.controller._complaint_rate(complaint, partner, "9", "", "yes"),
            "satisfaction",
        )
        self.assertFalse(complaint.satisfaction)

    def test_base_16_withdrawn_complaint_listed_as_closed(self):
        """A withdrawn or merged complaint is ended for the complainant: the
        portal lists it under "Closed", not under none of the filters."""
        self.assertIn("withdrawn", PORTAL_STATES["closed"])
        self.assertIn("merged", PORTAL_STATES["closed"])
        states = {s for states in PORTAL_STATES.values() for s in states}
        selection = (
            self.env["complaint.complaint"]._fields["state"].get_values(self.env)
        )
        self.assertEqual(states, set(selection), "every state has its portal filter")
