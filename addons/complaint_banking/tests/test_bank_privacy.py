"""BASE-54 / BASE-55: the bank records of a complaint (notices, reviews,
reports to the regulator) are seen only by who may see the complaint, on
every read path; the customer's phone number is never copied in clear; PIPL
anonymisation and deletion leave nothing of the person behind."""

from odoo.addons.complaint_base.tools import masking
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import BankCase, local

BANK_MODELS = (
    "complaint.bank.notice",
    "complaint.review",
    "complaint.bank.regulator.report",
)


@tagged("post_install", "-at_install")
class TestBankPrivacy(BankCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "Second Rural Bank"})
        cls.reviewer_2 = new_test_user(
            cls.env,
            login="bk_reviewer_2",
            groups="complaint_base.group_complaint_reviewer",
            company_id=cls.company_2.id,
            company_ids=[(6, 0, cls.company_2.ids)],
            name="Reviewer of the second bank",
        )
        cls.outsider = new_test_user(
            cls.env,
            login="bk_outsider",
            groups="complaint_base.group_complaint_handler",
            name="Handler of another team",
        )
        cls.complaint = cls._complaint(
            channel_id=cls.channel_regulator.id,
            bank_forwarding_office_id=cls.regulator.id,
            bank_forwarding_request="Verify Ms Li's card 6222 0000 1111 2222.",
        )
        cls._decide(cls.complaint)
        cls.complaint.bank_decision_notified_at = local(2026, 10, 9, 15, 0)
        cls.review = (
            cls.env["complaint.review"]
            .with_user(cls.handler)
            .create(
                {
                    "complaint_id": cls.complaint.id,
                    "requested_at": local(2026, 10, 20, 10, 0),
                    "grounds": "Ms Li says the waiver was promised in writing.",
                }
            )
        )
        cls.review.message_post(body="Ms Li called again about her card.")
        cls.reports = cls.complaint.bank_regulator_report_ids
        cls.reports.write({"content": "Ms Li was refunded CNY 600."})

    def _records(self):
        complaint = self.complaint
        return {
            "complaint.bank.notice": complaint.bank_notice_ids,
            "complaint.review": complaint.review_ids,
            "complaint.bank.regulator.report": complaint.bank_regulator_report_ids,
        }

    def _assert_hidden_from(self, user):
        domain = [("complaint_id", "=", self.complaint.id)]
        for name, records in self._records().items():
            self.assertTrue(records, name)
            Model = self.env[name].with_user(user)
            with self.subTest(model=name, path="search_read"):
                self.assertFalse(Model.search_read(domain, ["complaint_id"]))
            with self.subTest(model=name, path="read_group"):
                groups = Model.read_group([], ["complaint_id"], ["complaint_id"])
                seen = [g["complaint_id"][0] for g in groups if g["complaint_id"]]
                self.assertNotIn(self.complaint.id, seen)
            if Model._rec_name:
                with self.subTest(model=name, path="name_search"):
                    self.assertFalse(Model.name_search(self.complaint.name))
            with self.subTest(model=name, path="read"):
                with self.assertRaises(AccessError):
                    records.with_user(user).read(["complaint_id"])

    def test_base_54_second_company_cannot_read_bank_records(self):
        """BASE-54: a reviewer of another company sees none of the notices,
        reviews and reports of this bank's complaint, on any read path."""
        self._assert_hidden_from(self.reviewer_2)

    def test_base_54_outsider_cannot_read_bank_records(self):
        """BASE-54: a handler of the same company who does not handle the
        complaint (and so cannot open it) does not see its bank records."""
        self.assertFalse(
            self.env["complaint.complaint"]
            .with_user(self.outsider)
            .search([("id", "=", self.complaint.id)])
        )
        self._assert_hidden_from(self.outsider)

    def test_base_54_confidential_bank_records_hidden_from_the_accused(self):
        """BASE-54: a reviewer (who sees every complaint) accused in a
        confidential complaint sees none of its notices, review or reports."""
        accused = self.env["hr.employee"].create(
            {"name": "Sub-branch Senior Chen", "user_id": self.sub_manager.id}
        )
        found = (
            self.env["complaint.bank.notice"]
            .with_user(self.sub_manager)
            .search([("complaint_id", "=", self.complaint.id)])
        )
        self.assertTrue(found, "visible before the complaint is confidential")
        self.complaint.write({"is_confidential": True, "employee_id": accused.id})
        self.assertIn(self.sub_manager, self.complaint.confidential_excluded_user_ids)
        self._assert_hidden_from(self.sub_manager)

    def test_base_54_handler_sees_the_records_of_his_complaint(self):
        """BASE-54: the rule hides nothing from the complaint's handler."""
        for name, records in self._records().items():
            with self.subTest(model=name):
                found = (
                    self.env[name]
                    .with_user(self.handler)
                    .search([("complaint_id", "=", self.complaint.id)])
                )
                self.assertEqual(found, records)

    def test_base_54_half_year_report_of_another_company_hidden(self):
        """BASE-54: half-year reports and their lines follow the company."""
        report = self.env["complaint.bank.stat.report"].create(
            {"branch_id": self.branch.id, "year": 2026, "half": "2"}
        )
        report.action_compute()
        self.assertTrue(report.line_ids)
        for name in ("complaint.bank.stat.report", "complaint.bank.stat.line"):
            with self.subTest(model=name):
                found = self.env[name].with_user(self.reviewer_2).search_read([])
                self.assertFalse(found)

    def test_base_55_phone_notice_keeps_the_number_masked(self):
        """BASE-55: a phone notice stores the number masked and its chatter
        note does not quote it; a number typed in clear is masked too."""
        complaint = self._complaint(partner_id=self.sms_customer.id)
        complaint.with_user(self.handler).action_accept()
        notice = complaint.bank_notice_ids
        self.assertEqual((notice.channel, notice.state), ("phone", "draft"))
        notice = notice.with_user(self.handler)
        notice.write(
            {"recipient": "139 1111 2222", "call_record": "Mr Zhang answered."}
        )
        self.assertEqual(notice.recipient, masking.mask_phone("139 1111 2222"))
        notice.action_send()
        self.assertEqual(notice.state, "sent")
        texts = [notice.recipient, notice.content, notice.call_record]
        texts += complaint.message_ids.mapped("body")
        texts += complaint.activity_ids.mapped("note")
        for text in filter(None, texts):
            self.assertNotIn("9876 5432", text)
            self.assertNotIn("1111 2222", text)

    def test_base_55_pipl_anonymisation_clears_bank_records(self):
        """BASE-55 (PIPL): anonymising a bank complaint clears its banking
        fields and its notices, review and reports, with their chatter and
        attachments (the letters)."""
        complaint = self.complaint
        letter = self._complaint(bank_notice_channel="letter")
        letter.action_accept()
        letters = letter.bank_notice_ids.attachment_ids
        self.assertTrue(letters)
        (complaint | letter)._pi_anonymise()
        self.assertFalse(complaint.bank_forwarding_request)
        self.assertFalse(complaint.bank_decision_basis)
        self.assertFalse(complaint.bank_decision_reasons)
        for notice in complaint.bank_notice_ids | letter.bank_notice_ids:
            self.assertFalse(notice.recipient)
            self.assertFalse(notice.content)
            self.assertFalse(notice.attachment_ids)
        self.assertFalse(letters.exists())
        self.assertEqual(self.review.grounds, "Anonymised")
        self.assertTrue(self.reports)
        self.assertFalse(any(self.reports.mapped("content")))
        messages = self.env["mail.message"].search(
            [("model", "=", "complaint.review"), ("res_id", "=", self.review.id)]
        )
        self.assertFalse(messages)
        values = self.env["complaint.complaint"]._pi_anonymise_values()
        self.assertIn("bank_forwarding_request", values)

    def test_base_55_deleting_a_complaint_leaves_no_orphans(self):
        """BASE-55: destroying (deleting) a complaint with notices, a
        review and reports deletes them with their chatter and
        attachments, without error."""
        records = self._records()
        ids = {name: recs.ids for name, recs in records.items()}
        letter = self._complaint(bank_notice_channel="letter")
        letter.action_accept()
        letters = letter.bank_notice_ids.attachment_ids
        (self.complaint | letter).with_context(complaint_pi_maintenance=True).unlink()
        self.assertFalse(letters.exists())
        for name, record_ids in ids.items():
            with self.subTest(model=name):
                self.assertFalse(self.env[name].browse(record_ids).exists())
                domain = [("res_id", "in", record_ids)]
                self.assertFalse(
                    self.env["mail.message"].search(domain + [("model", "=", name)])
                )
                self.assertFalse(
                    self.env["ir.attachment"].search(
                        domain + [("res_model", "=", name)]
                    )
                )
