from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from .sms_common import NoticeCase


@tagged("post_install", "-at_install")
class TestAcknowledgement(NoticeCase):
    """BASE-09: every complaint is acknowledged at registration, with its
    number, what happens next, the promised date, the contact and a
    tracking link, in the complainant's language, by e-mail and/or SMS."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.module.module"]._load_module_terms(
            ["complaint_base"], ["zh_CN"], overwrite=True
        )
        cls.company.complaint_sms_gateway_id = cls.demo

    def _ack_mail(self, complaint):
        template = self.env.ref(
            "complaint_base.mail_template_complaint_acknowledgement"
        )
        return complaint.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.subject
        ).filtered(lambda m: complaint.name in (m.subject or ""))[:1] or (
            self.fail(f"no acknowledgement e-mail ({template.name})")
        )

    def test_base_09_registration_queues_instead_of_rendering(self):
        complaint = self._complaint(user=self.registrar)
        self.assertEqual(complaint.ack_state, "pending")
        self.assertFalse(self._sms_of(complaint))
        self.assertFalse(complaint.message_ids.filtered(lambda m: m.subject))
        self._acknowledge(complaint)
        self.assertEqual(complaint.ack_state, "queued")

    def test_base_09_registrar_cannot_forge_the_acknowledgement_state(self):
        """The queue's state is its own row: a user can neither write it
        through the complaint nor on the row itself."""
        complaint = self._complaint(user=self.registrar)
        as_registrar = complaint.with_user(self.registrar)
        as_registrar.write({"ack_state": "queued"})  # computed: nothing stored
        complaint.invalidate_recordset()
        self.assertEqual(complaint.ack_state, "pending")
        with self.assertRaises(AccessError):
            as_registrar.ack_ids.write({"state": "queued"})
        with self.assertRaisesRegex(Exception, "acknowledgement"):
            as_registrar.write(
                {"ack_ids": [Command.update(complaint.ack_ids.id, {"state": "queued"})]}
            )
        self.assertEqual(complaint.ack_ids.state, "pending")

    def test_base_09_acknowledgement_in_english(self):
        self.partner.lang = "en_US"
        complaint = self._acknowledge(self._complaint())
        mail = self._ack_mail(complaint)
        text = html2plaintext(mail.body)
        self.assertIn(f"Your complaint {complaint.name} is registered", mail.subject)
        self.assertIn("registered your complaint under number", text)
        self.assertIn(complaint.name, text)
        self.assertIn("What happens next", text)
        deadline = complaint._sla_format_datetime(complaint.resolution_deadline)
        self.assertIn("We will give you our answer by", text)
        self.assertIn(deadline, text)
        self.assertIn("400-800-8888", text)
        self.assertIn(
            f"/my/complaints/{complaint.id}?access_token={complaint.access_token}",
            text,
        )
        self.assertEqual(mail.partner_ids, self.partner)
        sms = self._sms_of(complaint)
        self.assertIn(f"Your complaint {complaint.name} is registered", sms.body)
        self.assertIn(f"access_token={complaint.access_token}", sms.body)

    def test_base_09_acknowledgement_in_chinese(self):
        self.partner.lang = "zh_CN"
        complaint = self._acknowledge(self._complaint())
        mail = self._ack_mail(complaint)
        text = html2plaintext(mail.body)
        self.assertIn(f"您的投诉 {complaint.name} 已登记", mail.subject)
        self.assertIn("我们已登记您的投诉", text)
        self.assertIn(complaint.name, text)
        self.assertIn("后续处理", text)
        deadline = complaint._sla_format_datetime(complaint.resolution_deadline)
        self.assertIn(deadline, text)
        self.assertIn(f"access_token={complaint.access_token}", text)
        sms = self._sms_of(complaint)
        self.assertIn(f"您的投诉已登记，编号{complaint.name}", sms.body)

    def test_base_09_default_language_is_chinese(self):
        complaint = self._acknowledge(
            self._complaint(
                partner_id=False, contact_name="来电客户", phone="13900001111"
            )
        )
        self.assertEqual(complaint._complaint_lang(), "zh_CN")
        sms = self._sms_of(complaint)
        self.assertEqual(sms.number, "+8613900001111")
        self.assertIn("已登记", sms.body)

    def test_base_09_team_and_channel_choose_the_channels(self):
        self.team_a.ack_sms = False
        complaint = self._acknowledge(self._complaint())
        self.assertFalse(self._sms_of(complaint))
        self.assertTrue(self._ack_mail(complaint))
        self.phone.ack_email = False
        complaint = self._acknowledge(self._complaint())
        self.assertEqual(complaint.ack_state, "none")
        self.assertIn(
            "No acknowledgement sent", html2plaintext(complaint.message_ids[0].body)
        )

    def test_base_09_every_sector_and_channel_is_acknowledged(self):
        walk_in = self.env.ref("complaint_base.channel_walk_in")
        complaints = self.env["complaint.complaint"].create(
            [
                {"subject": "a", "partner_id": self.partner.id, "channel_id": c.id}
                for c in (walk_in, self.phone)
            ]
        )
        self.env["complaint.complaint"]._cron_send_acknowledgements()
        self.assertEqual(set(complaints.mapped("ack_state")), {"queued"})

    def test_base_09_busy_intake_wakes_the_queue_once(self):
        """Issue 14: registrations in a row add one wake-up, not one each."""
        cron = self.env.ref("complaint_base.ir_cron_complaint_acknowledgement")
        triggers = self.env["ir.cron.trigger"].sudo()
        triggers.search([("cron_id", "=", cron.id)]).unlink()
        complaints = [self._complaint(user=self.registrar) for _i in range(4)]
        self.assertEqual(triggers.search_count([("cron_id", "=", cron.id)]), 1)
        self.env["complaint.complaint"]._cron_send_acknowledgements(batch_size=3)
        for complaint in complaints:
            complaint.invalidate_recordset(["ack_state"])
            self.assertEqual(complaint.ack_state, "queued", complaint.name)
