from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .sms_common import NoticeCase


class RatingCase(NoticeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.complaint_sms_gateway_id = cls.demo

    def _resolved(self, **vals):
        complaint = self._complaint(**vals)
        complaint.with_user(self.handler).action_accept()
        complaint.resolution = "<p>Apologised and retrained the clerk.</p>"
        complaint.with_user(self.handler).action_resolve()
        return complaint

    def _rating(self, complaint):
        return (
            self.env["rating.rating"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "complaint.complaint"),
                    ("res_id", "=", complaint.id),
                ]
            )
        )


@tagged("post_install", "-at_install")
class TestRatingLink(RatingCase):
    """BASE-47 / BASE-41: the follow-up sends a link only the complainant
    can use; the answer fills the follow-up; dissatisfied reopens."""

    def test_base_47_resolution_sends_the_link_by_mail_and_sms(self):
        complaint = self._resolved()
        rating = self._rating(complaint)
        self.assertEqual(len(rating), 1)
        self.assertFalse(rating.consumed)
        self.assertTrue(complaint.rating_requested_at)
        sms = self._sms_of(complaint).filtered(lambda s: "rate" in s.body)
        self.assertIn(f"/complaint/rate/{rating.access_token}", sms.body)
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [("model", "=", "complaint.complaint"), ("res_id", "=", complaint.id)]
            )
        )
        self.assertTrue(
            any(rating.access_token in (m.body_html or "") for m in mails),
            "the e-mail carries the link",
        )
        chatter = "".join(complaint.message_ids.mapped("body"))
        self.assertNotIn(rating.access_token, chatter, "colleagues never see it")

    def test_base_47_handler_cannot_rate_for_the_complainant(self):
        complaint = self._resolved()
        rating = self._rating(complaint)
        as_handler = complaint.with_user(self.handler)
        with self.assertRaises(AccessError):
            as_handler.rating_apply(5, token=rating.access_token)
        self.assertFalse(
            self.env["rating.rating"]
            .with_user(self.handler)
            .search([("id", "=", rating.id)]),
            "the open rating and its token are hidden from users",
        )
        with self.assertRaises(AccessError):
            rating.with_user(self.manager).write({"rating": 5, "consumed": True})
        as_handler.message_post(body="great", rating_value=5)
        self.assertFalse(self._rating(complaint).filtered("consumed"))
        self.assertFalse(complaint.satisfaction)

    def test_base_41_dissatisfied_answer_reopens(self):
        complaint = self._resolved()
        rating = self._rating(complaint)
        complaint.sudo().rating_apply(
            1, token=rating.access_token, feedback="Still rude"
        )
        self.assertEqual(complaint.satisfaction, "1")
        self.assertEqual(complaint.followup_method, "survey")
        self.assertEqual(complaint.followup_comment, "Still rude")
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.reopen_count, 1)

    def test_base_41_satisfied_answer_counts_once(self):
        complaint = self._resolved()
        rating = self._rating(complaint)
        complaint.sudo().rating_apply(5, token=rating.access_token)
        self.assertEqual((complaint.satisfaction, complaint.state), ("5", "resolved"))
        complaint.sudo().rating_apply(1, token=rating.access_token, feedback="thanks")
        self.assertEqual(complaint.satisfaction, "5", "the first answer counts")
        self.assertEqual(rating.rating, 5)
        self.assertEqual(complaint.followup_comment, "thanks")

    def test_base_47_manual_request_refused_without_contact(self):
        complaint = self._resolved(
            partner_id=False, contact_name="来电客户", phone=False, email=False
        )
        self.assertFalse(complaint.rating_requested_at)
        with self.assertRaisesRegex(UserError, "No rating link sent"):
            complaint.with_user(self.handler).action_send_rating_request()
        with self.assertRaises(AccessError):
            complaint.with_user(self.registrar).action_send_rating_request()
