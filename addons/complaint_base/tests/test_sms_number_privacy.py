"""BASE-55 on a side channel: the number an SMS notice of a complaint went
to is masked for users who do not handle the complaint, on every read path
of ``mail.notification``, and cannot be used to look complaints up."""

from .common import ComplaintCase

NUMBER = "+8613800138000"


class TestSmsNumberPrivacy(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls._complaint(
            partner_id=False, contact_name="匿名", phone="13800138000"
        )
        cls.complaint.user_id = cls.handler
        cls.complaint._message_sms("投诉已受理", sms_numbers=[NUMBER])
        cls.notification = cls.env["mail.notification"].search(
            [
                ("mail_message_id.model", "=", "complaint.complaint"),
                ("mail_message_id.res_id", "=", cls.complaint.id),
                ("notification_type", "=", "sms"),
            ]
        )

    def _numbers(self, user):
        rows = (
            self.env["mail.notification"]
            .with_user(user)
            .search_read([("id", "in", self.notification.ids)], ["sms_number"])
        )
        return {row["sms_number"] for row in rows}

    def test_base_55_sms_number_masked_for_who_does_not_handle(self):
        self.assertEqual(len(self.notification), 1)
        self.assertEqual(self._numbers(self.handler), {NUMBER})
        masked = self._numbers(self.outsider)
        self.assertNotIn(NUMBER, masked)
        self.assertTrue(all("****" in number for number in masked))
        read = self.notification.with_user(self.outsider).read(["sms_number"])
        self.assertNotEqual(read[0]["sms_number"], NUMBER)

    def test_base_55_sms_number_masked_in_exports(self):
        export = self.env.ref("base.group_allow_export")
        (self.outsider | self.handler).write({"groups_id": [(4, export.id)]})
        rows = (
            self.notification.with_user(self.outsider)
            .export_data(["id", "sms_number"])
            .get("datas")
        )
        self.assertNotIn(NUMBER, rows[0])
        rows = self.notification.with_user(self.handler).export_data(["sms_number"])
        self.assertEqual(rows["datas"][0][0], NUMBER)

    def test_base_55_no_lookup_of_complaints_by_sms_number(self):
        Notification = self.env["mail.notification"]
        self.assertEqual(Notification.search_count([("sms_number", "=", NUMBER)]), 1)
        for user in (self.outsider, self.handler):
            self.assertFalse(
                Notification.with_user(user).search_count([("sms_number", "=", NUMBER)])
            )
            groups = Notification.with_user(user).read_group(
                [("notification_type", "=", "sms")], ["sms_number"], ["sms_number"]
            )
            self.assertNotIn(NUMBER, [group["sms_number"] for group in groups])

    def test_base_55_resend_wizard_masks_and_resends_to_the_real_number(self):
        """A failed notice's resend wizard shows the number masked to a user
        who does not handle the complaint, and still resends to it."""
        self.notification.sudo().write(
            {"notification_status": "exception", "failure_type": "sms_server"}
        )
        message = self.notification.mail_message_id
        # a reviewer reads every complaint but handles none
        Resend = self.env["sms.resend"].with_user(self.reviewer)
        Resend = Resend.with_context(default_mail_message_id=message.id)
        defaults = Resend.default_get(["mail_message_id", "recipient_ids"])
        numbers = [command[2]["sms_number"] for command in defaults["recipient_ids"]]
        self.assertEqual(len(numbers), 1)
        self.assertNotEqual(numbers[0], NUMBER)
        wizard = Resend.create(defaults)
        self.assertNotEqual(
            wizard.recipient_ids.read(["sms_number"])[0]["sms_number"], NUMBER
        )
        before = self.env["sms.sms"].search([("number", "=", NUMBER)])
        wizard.action_resend()
        after = self.env["sms.sms"].search([("number", "=", NUMBER)]) - before
        self.assertEqual(len(after), 1, "resent to the real number")
        self.assertNotEqual(
            wizard.recipient_ids.read(["sms_number"])[0]["sms_number"], NUMBER
        )

    def test_base_55_composer_masks_and_texts_the_real_number(self):
        """The SMS composer on a complaint shows the number masked to a user
        who does not handle it; the text still goes to the real number and
        the complaint keeps it."""
        complaint = self._complaint(
            partner_id=False, contact_name="匿名", phone="+86 138 0013 8000"
        )
        complaint.user_id = self.handler
        composer = self._sms_composer(self.reviewer, complaint, {"body": "请回电"})
        shown = composer.read(
            ["recipient_single_number_itf", "recipient_single_number"]
        )
        for number in shown[0].values():
            if isinstance(number, str):
                self.assertNotIn("00138000", number.replace(" ", ""))
                self.assertIn("****", number)
        handler_view = self._sms_composer(self.handler, complaint, {"body": "x"})
        self.assertNotIn("****", handler_view.recipient_single_number_itf)
        self.assertTrue(handler_view.recipient_single_valid)
        self.assertTrue(composer.recipient_single_valid)
        before = self.env["sms.sms"].search([])
        composer.action_send_sms()
        sent = self.env["sms.sms"].search([]) - before
        self.assertEqual(sent.mapped("number"), [NUMBER])
        self.assertEqual(complaint.phone, "+86 138 0013 8000")
