import json

from odoo.tests import HttpCase, tagged

from .test_rating_link import RatingCase

RECEIPT_LOGGER = "odoo.addons.complaint_base.controllers.sms_receipt"


@tagged("post_install", "-at_install", "complaint_tour")
class TestNoticeHttp(RatingCase, HttpCase):
    """Over HTTP, without an account: the provider's receipt (BASE-46), the
    tracking link (BASE-09) and the rating link (BASE-47).

    No browser, but a real HTTP server: run by Odoo's test runner with the
    tours (``complaint_tour``; pytest-odoo skips HttpCase without
    ``--odoo-http``, and with it also starts cron threads)."""

    def _sent_ack(self, gateway, client, **reply):
        self._use(gateway)
        complaint = self._acknowledge(self._complaint())
        sms = self._sms_of(complaint)
        with client(**reply):
            sms.send()
        tracker = self._tracker(sms)
        self.assertEqual(tracker.notice_state, "sent")
        return complaint, tracker

    def _post(self, provider, token, payload):
        return self.url_open(
            f"/complaint/sms/receipt/{provider}?token={token}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )

    def test_base_46_alibaba_receipt_needs_the_token_and_proves_delivery(self):
        complaint, tracker = self._sent_ack(
            self.alibaba, self.alibaba_client, biz_id="BIZ-9"
        )
        report = [
            {
                "phone_number": "13800138000",
                "send_time": "2026-11-29 10:00:00",
                "report_time": "2026-11-29 10:00:07",
                "success": True,
                "err_code": "DELIVERED",
                "err_msg": "用户接收成功",
                "biz_id": "BIZ-9",
                "out_id": tracker.sms_uuid,
            }
        ]
        with self.assertLogs(RECEIPT_LOGGER, "WARNING"):
            forged = self._post("alibaba", "wrong-token", report)
        self.assertEqual(forged.status_code, 403)
        tracker.invalidate_recordset()
        self.assertEqual(
            tracker.notice_state, "sent", "a forged receipt proves nothing"
        )
        response = self._post("alibaba", self.alibaba.receipt_token, report)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["code"], 0)
        tracker.invalidate_recordset()
        complaint.invalidate_recordset()
        self.assertEqual(tracker.notice_state, "delivered")
        self.assertEqual(str(tracker.delivered_at), "2026-11-29 02:00:07")
        self.assertEqual(tracker.receipt_code, "DELIVERED")
        self.assertEqual(complaint.ack_sms_state, "delivered")
        self.assertIn("BIZ-9", complaint.message_ids[0].body)

    def test_base_46_tencent_callback_records_a_failure(self):
        complaint, tracker = self._sent_ack(
            self.tencent, self.tencent_client, serial="SN-9"
        )
        report = [
            {
                "user_receive_time": "2026-11-29 10:00:07",
                "nationcode": "86",
                "mobile": "13800138000",
                "report_status": "FAIL",
                "errmsg": "MK:0001",
                "description": "用户关机",
                "sid": "SN-9",
            }
        ]
        with self.assertLogs(RECEIPT_LOGGER, "WARNING"):
            forged = self._post("tencent", self.alibaba.receipt_token, report)
        self.assertEqual(forged.status_code, 403)
        response = self._post("tencent", self.tencent.receipt_token, report)
        self.assertEqual(response.json(), {"result": 0, "errmsg": "OK"})
        tracker.invalidate_recordset()
        self.assertEqual(tracker.notice_state, "failed")
        self.assertEqual(tracker.failure_reason, "用户关机")
        self.assertEqual(tracker.mail_notification_id.notification_status, "exception")

    def test_base_09_tracking_link_opens_without_login(self):
        complaint = self._acknowledge(self._complaint(subject="柜台服务态度差"))
        link = complaint._complaint_tracking_url()
        response = self.url_open(link)
        self.assertEqual(response.status_code, 200)
        self.assertIn(complaint.name, response.text)
        self.assertIn("柜台服务态度差", response.text)
        anonymous = self.url_open(f"/my/complaints/{complaint.id}")
        self.assertNotIn("柜台服务态度差", anonymous.text)
        wrong = self.url_open(f"/my/complaints/{complaint.id}?access_token=x")
        self.assertNotIn("柜台服务态度差", wrong.text)

    def test_base_47_rating_link_works_without_login_and_reopens(self):
        complaint = self._resolved()
        token = self._rating(complaint).access_token
        page = self.url_open(f"/complaint/rate/{token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/rate/{token}/1", page.text)
        self.assertEqual(self.url_open("/complaint/rate/not-a-token").status_code, 404)
        self.assertEqual(self.url_open(f"/rate/{token}/1").status_code, 200)
        complaint.invalidate_recordset()
        self.assertEqual(complaint.satisfaction, "1")
        self.assertEqual(complaint.state, "in_progress")

    def test_base_47_a_logged_in_user_cannot_use_the_link(self):
        complaint = self._resolved()
        token = self._rating(complaint).access_token
        self.authenticate("t_handler", "t_handler")
        self.url_open(f"/rate/{token}/5")
        complaint.invalidate_recordset()
        self.assertFalse(complaint.satisfaction)
        self.assertFalse(self._rating(complaint).consumed)
