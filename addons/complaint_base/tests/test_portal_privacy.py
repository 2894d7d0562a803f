from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from ..controllers.portal import ComplaintPortal
from .common import ComplaintCase

INTERNAL_FIELDS = (
    "findings",
    "root_cause",
    "review_note",
    "customer_tier",
    "employee_id",
    "department_id",
    "user_id",
    "team_id",
    "plan_measures",
    "plan_state",
    "responsibility_ids",
    "escalation_level",
    "sla_next_check",
    "severity",
    "is_confidential",
)


class TestPortalPrivacy(ComplaintCase):
    """BASE-03/55: the complainant reads their complaint's status, dates,
    content and answer, never the internal work; they receive only the
    messages meant for them; only they can rate the outcome."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env,
            "t_pp_portal",
            groups="base.group_portal",
            name="钱多多",
            email="qdd@example.cn",
        )
        cls.portal.partner_id.complaint_customer_tier = "risk"
        cls.complaint = cls._complaint(
            partner_id=cls.portal.partner_id.id,
            employee_id=cls.env["hr.employee"].create({"name": "Clerk Wu"}).id,
            department_id=cls.department.id,
        )
        cls.complaint.write(
            {
                "user_id": cls.handler.id,
                "findings": "<p>The clerk was indeed rude</p>",
                "root_cause": "No training",
                "review_note": "Check the CCTV",
            }
        )
        cls.mine = cls.complaint.with_user(cls.portal)

    # ----------------------------------------------------------- fields
    def test_base_03_portal_user_cannot_read_internal_fields(self):
        for fname in INTERNAL_FIELDS:
            with self.subTest(field=fname), self.assertRaises(AccessError):
                self.mine.read([fname])
        values = self.mine.read(["name", "subject", "state", "resolution_deadline"])[0]
        self.assertEqual(values["subject"], "Rude clerk")
        everything = self.mine.read()[0]
        for fname in INTERNAL_FIELDS:
            self.assertNotIn(fname, everything)
        self.assertNotIn("rude</p>", str(everything))
        self.assertNotIn("No training", str(everything))

    def test_base_03_portal_user_cannot_search_group_or_export_internal_fields(self):
        Complaint = self.env["complaint.complaint"].with_user(self.portal)
        with self.assertRaises(AccessError):
            Complaint.search([("root_cause", "ilike", "training")])
        with self.assertRaises(AccessError):
            Complaint.read_group([], ["employee_id"], ["employee_id"])
        with self.assertRaises(AccessError):
            Complaint.search([], order="severity")
        with self.assertRaises(AccessError):
            self.mine.web_read({"findings": {}})
        self.assertNotIn("findings", Complaint.fields_get())
        self.assertIn("subject", Complaint.fields_get())
        self.assertEqual(Complaint.search([]), self.complaint)

    def test_base_03_portal_user_cannot_read_their_customer_tier(self):
        partner = self.portal.partner_id.with_user(self.portal)
        with self.assertRaises(AccessError):
            partner.read(["complaint_customer_tier"])

    # --------------------------------------------------------- messages
    def _portal_messages(self):
        return (
            self.env["mail.message"]
            .with_user(self.portal)
            .search(
                [
                    ("model", "=", "complaint.complaint"),
                    ("res_id", "=", self.complaint.id),
                ]
            )
        )

    def _notified(self, message):
        return self.env["mail.notification"].search(
            [
                ("mail_message_id", "=", message.id),
                ("res_partner_id", "=", self.portal.partner_id.id),
            ]
        )

    def test_base_03_internal_messages_never_reach_the_complainant(self):
        self.complaint.message_subscribe(partner_ids=self.portal.partner_id.ids)
        note = self.complaint.with_user(self.handler).message_post(
            body="Internal: the clerk has a record",
            subtype_xmlid="mail.mt_note",
            partner_ids=self.portal.partner_id.ids,
        )
        self.assertFalse(self._notified(note), "a note is never e-mailed to them")
        notice = self.complaint.with_user(self.handler).message_post(
            body="Leaders informed",
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
            partner_ids=self.manager.partner_id.ids,
        )
        self.assertTrue(notice.is_internal, "addressed to employees only")
        self.assertFalse(self._notified(notice))
        reply = self.complaint.with_user(self.handler).message_post(
            body="We are looking into it",
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
            partner_ids=self.portal.partner_id.ids,
        )
        self.assertTrue(self._notified(reply))
        visible = self._portal_messages()
        self.assertIn(reply, visible)
        self.assertNotIn(note, visible)
        self.assertNotIn(notice, visible)

    # ----------------------------------------------------------- rating
    def test_base_03_only_the_complainant_rates(self):
        self.complaint.write({"state": "resolved", "resolution": "<p>Refunded</p>"})
        controller = ComplaintPortal()
        complaint = self.complaint.sudo()
        self.assertFalse(controller._complaint_rater(complaint, self.handler))
        self.assertFalse(
            controller._complaint_rater(
                complaint, self.handler, complaint.access_token
            ),
            "an internal user cannot rate, even with the token",
        )
        other = new_test_user(self.env, "t_pp_other", groups="base.group_portal")
        self.assertFalse(controller._complaint_rater(complaint, other))
        self.assertFalse(controller._complaint_rater(complaint, other, "forged-token"))
        self.assertEqual(
            controller._complaint_rater(complaint, self.portal), self.portal.partner_id
        )
        public = self.env.ref("base.public_user")
        self.assertEqual(
            controller._complaint_rater(complaint, public, complaint.access_token),
            self.portal.partner_id,
        )
        self.assertEqual(
            controller._complaint_rate(
                complaint, self.handler.partner_id, "5", "", "yes"
            ),
            "not_complainant",
        )
        self.assertFalse(complaint.satisfaction)
