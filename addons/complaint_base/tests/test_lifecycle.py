from datetime import datetime, timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestIntake(ComplaintCase):
    def test_base_01_channels_are_configurable_records(self):
        codes = set(self.env["complaint.channel"].search([]).mapped("code"))
        for code in (
            "phone",
            "email",
            "portal",
            "walk_in",
            "letter",
            "fax",
            "sms",
            "social",
            "internal",
            "regulator",
        ):
            self.assertIn(code, codes)
        wechat = self.env["complaint.channel"].create(
            {"name": "WeChat", "code": "wechat"}
        )
        complaint = self._complaint(channel_id=wechat.id)
        self.assertEqual(complaint.channel_code, "wechat")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["complaint.channel"].create({"name": "Dup", "code": "wechat"})

    def test_base_02_email_to_team_alias_creates_complaint_and_threads_replies(self):
        domain = self.env["mail.alias.domain"].create({"name": "complaints.test"})
        self.company.alias_domain_id = domain
        self.team_a.write(
            {
                "alias_name": "team-a",
                "alias_domain_id": domain.id,
                "alias_contact": "everyone",
            }
        )
        raw = (
            "From: Emily Carter <emily@example.com>\r\n"
            "To: team-a@complaints.test\r\n"
            "Subject: 投诉 double charge\r\n"
            "Message-ID: <first-mail@example.com>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "I was charged twice this month.\r\n"
        )
        res_id = self.env["mail.thread"].message_process(None, raw)
        complaint = self.env["complaint.complaint"].browse(res_id)
        self.assertEqual(complaint._name, "complaint.complaint")
        self.assertEqual(complaint.team_id, self.team_a)
        self.assertEqual(complaint.channel_code, "email")
        self.assertEqual(complaint.email, "emily@example.com")
        self.assertIn("charged twice", complaint.description)
        reply = (
            "From: Emily Carter <emily@example.com>\r\n"
            "To: team-a@complaints.test\r\n"
            "Subject: Re: 投诉 double charge\r\n"
            "Message-ID: <second-mail@example.com>\r\n"
            "In-Reply-To: <first-mail@example.com>\r\n"
            "References: <first-mail@example.com>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Here is my account number 12345.\r\n"
        )
        before = self.env["complaint.complaint"].search_count([])
        self.assertEqual(
            self.env["mail.thread"].message_process(None, reply), complaint.id
        )
        self.assertEqual(self.env["complaint.complaint"].search_count([]), before)
        self.assertIn("12345", "".join(complaint.message_ids.mapped("body")))

    def test_base_04_registration_time_is_measured(self):
        late = self._complaint(
            received_at=fields.Datetime.now() - timedelta(minutes=12)
        )
        self.assertTrue(late.registration_late)
        self.assertGreaterEqual(late.registration_minutes, 11)
        quick = self._complaint(
            received_at=fields.Datetime.now() - timedelta(minutes=2)
        )
        self.assertFalse(quick.registration_late)
        for field in (
            "partner_id",
            "phone",
            "email",
            "channel_id",
            "department_id",
            "employee_id",
            "demand",
            "received_at",
            "description",
        ):
            self.assertIn(field, quick._fields)

    def test_base_05_number_is_yymm_and_monthly_serial_per_company(self):
        may1 = self._complaint(received_at=datetime(2023, 5, 3, 2, 0))
        may2 = self._complaint(received_at=datetime(2023, 5, 20, 2, 0))
        june = self._complaint(received_at=datetime(2023, 6, 1, 2, 0))
        self.assertEqual(
            (may1.name, may2.name, june.name), ("23050001", "23050002", "23060001")
        )
        # 31 May 20:00 UTC is already 1 June in Asia/Shanghai
        self.env.user.tz = "Asia/Shanghai"
        late_may = self._complaint(received_at=datetime(2023, 5, 31, 20, 0))
        self.assertEqual(late_may.name, "23060002")
        other = self.env["res.company"].create({"name": "Other Co"})
        self.env.user.company_ids |= other
        theirs = self._complaint(
            received_at=datetime(2023, 5, 4, 2, 0), company_id=other.id
        )
        self.assertEqual(theirs.name, "23050001")
        batch = self.env["complaint.complaint"].create(
            [
                {"subject": f"b{i}", "received_at": datetime(2023, 7, 1, 3, 0)}
                for i in range(3)
            ]
        )
        self.assertEqual(batch.mapped("name"), ["23070001", "23070002", "23070003"])

    def test_base_06_incomplete_registration_flagged_and_completion_requested(self):
        complaint = self.env["complaint.complaint"].create(
            {"subject": "?", "contact_name": "Mr. Brown", "email": "brown@example.com"}
        )
        self.assertTrue(complaint.is_incomplete)
        self.assertIn("channel", complaint.missing_info)
        self.assertIn("category", complaint.missing_info)
        complaint.action_request_completion()
        self.assertTrue(complaint.completion_requested_at)
        self.assertIn("we need a few details", complaint.message_ids[0].subject or "")
        complaint.write(
            {
                "channel_id": self.phone.id,
                "category_id": self.cat_l3.id,
                "description": "<p>Charged twice.</p>",
            }
        )
        self.assertFalse(complaint.is_incomplete)

    def test_base_07_several_causes_one_complaint_under_root_cause(self):
        complaint = self._complaint(other_category_ids=[(6, 0, [self.cat_billing.id])])
        self.assertEqual(complaint.category_id, self.cat_l3)
        self.assertEqual(complaint.other_category_ids, self.cat_billing)
        self.assertEqual(complaint.team_id, self.team_a, "routed by the root cause")

    def test_base_08_repeat_complaint_detected_and_linked(self):
        first = self._complaint(received_at=fields.Datetime.now() - timedelta(days=5))
        second = self._complaint()
        third = self._complaint()
        other_matter = self._complaint(category_id=self.cat_billing.id)
        self.assertEqual(second.parent_id, first)
        self.assertEqual(third.parent_id, first)
        self.assertEqual(first.repeat_count, 2)
        self.assertTrue(second.is_repeat)
        self.assertFalse(other_matter.parent_id)
        action = second.action_open_repeats()
        found = self.env["complaint.complaint"].search(action["domain"])
        self.assertEqual(found, first | second | third)


@tagged("post_install", "-at_install")
class TestAssessmentRouting(ComplaintCase):
    def test_base_10_category_tree_has_at_most_four_levels(self):
        self.assertEqual(self.cat_l4.level, 4)
        self.assertEqual(
            self.cat_l4.complete_name, "Service / Attitude / Counter / Rude words"
        )
        with self.assertRaises(ValidationError):
            self.env["complaint.category"].create(
                {"name": "L5", "parent_id": self.cat_l4.id}
            )
        complaint = self._complaint(category_id=self.cat_l3.id)
        with self.assertRaises(UserError):
            complaint.action_confirm_category()
        complaint.category_id = self.cat_l4
        complaint.action_confirm_category()
        self.assertTrue(complaint.category_confirmed)

    def test_base_10_category_path_shown_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.cat_l1.with_context(lang="zh_CN").name = "服务"
        self.cat_l2.with_context(lang="zh_CN").name = "服务态度"
        self.assertEqual(
            self.cat_l2.with_context(lang="zh_CN").display_name, "服务 / 服务态度"
        )
        self.assertEqual(
            self.cat_l2.with_context(lang="en_US").display_name, "Service / Attitude"
        )
        found = (
            self.env["complaint.category"]
            .with_context(lang="zh_CN")
            .name_search("服务态度", [("id", "child_of", self.cat_l1.id)])
        )
        self.assertEqual([row[0] for row in found], [self.cat_l2.id])
        found = self.env["complaint.category"].name_search(
            "Rude words", [("id", "child_of", self.cat_l1.id)]
        )
        self.assertEqual([row[0] for row in found], [self.cat_l4.id])

    def test_base_11_media_exposure_makes_complaint_major(self):
        complaint = self._complaint(media_involved=True)
        self.assertEqual(complaint.severity, "major")
        self.assertIn("media", complaint.severity_reason)
        later = self._complaint(category_id=self.cat_billing.id)
        self.assertEqual(later.severity, "general")
        later.about_leadership = True
        self.assertEqual(later.severity, "major")
        self.assertIn("leader", later.severity_reason)

    def test_base_12_invalid_ruling_with_reason_and_notice(self):
        complaint = self._complaint()
        with self.assertRaises(UserError):
            complaint.action_mark_invalid("nonsense")
        complaint.action_mark_invalid("untrue", "The recording shows no rude words.")
        self.assertEqual(complaint.state, "invalid")
        self.assertEqual(complaint.invalid_reason, "untrue")
        delay = complaint.invalid_notice_deadline - fields.Datetime.now()
        self.assertAlmostEqual(delay.total_seconds(), 2 * 86400, delta=120)
        self.assertTrue(complaint.invalid_notified_at)
        notice = complaint.message_ids.filtered(lambda m: self.partner in m.partner_ids)
        self.assertTrue(notice, "the complainant is sent the reason")
        with self.assertRaises(UserError):
            complaint.action_accept()

    def test_base_13_customer_tier_on_partner(self):
        self.partner.complaint_customer_tier = "important"
        complaint = self._complaint()
        self.assertEqual(complaint.customer_tier, "important")
        self.assertEqual(self.partner.complaint_count, 1)

    def test_base_20_routing_by_category_inherits_from_parents(self):
        complaint = self._complaint(category_id=self.cat_l4.id)
        self.assertEqual(complaint.team_id, self.team_a)
        self.assertEqual(complaint.department_id, self.department)
        billing = self._complaint(category_id=self.cat_billing.id)
        self.assertEqual(
            (billing.team_id, billing.department_id, billing.user_id),
            (self.team_b, self.department_b, self.handler2),
        )
        explicit = self._complaint(team_id=self.team_b.id)
        self.assertEqual(explicit.team_id, self.team_b, "explicit choice kept")

    def test_base_21_first_question_responsibility(self):
        complaint = self._complaint(user=self.registrar)
        self.assertEqual(complaint.registrant_id, self.registrar)
        self.assertEqual(complaint.accountable_user_id, self.registrar)
        complaint.with_user(self.handler).action_accept()
        self.assertEqual(complaint.user_id, self.handler)
        self.assertEqual(complaint.accountable_user_id, self.handler)

    def test_base_22_plan_with_owner_measures_deadline_and_contact(self):
        complaint = self._complaint()
        complaint.action_accept()
        with self.assertRaises(UserError):
            complaint.action_submit_plan()
        complaint.write(
            {
                "plan_measures": "<p>Call back, apologise, retrain the clerk.</p>",
                "plan_owner_id": self.handler.id,
                "plan_deadline": fields.Date.today() + timedelta(days=3),
            }
        )
        complaint.action_contact_complainant()
        self.assertTrue(complaint.contacted_at)
        complaint.action_submit_plan()
        self.assertEqual(
            complaint.plan_state, "approved", "general: no approval needed"
        )

    def test_base_23_three_manual_transfers_then_arbitration(self):
        complaint = self._complaint()
        with self.assertRaises(UserError):
            complaint.action_transfer(self.team_b.id, False, "")
        teams = [self.team_b, self.team_a, self.team_b]
        for i, team in enumerate(teams, 1):
            complaint.action_transfer(team.id, False, f"wrong team #{i}")
            self.assertEqual(complaint.team_id, team)
            self.assertEqual(complaint.transfer_count, i)
        complaint.action_transfer(self.team_a.id, self.handler.id, "still wrong")
        self.assertEqual(complaint.team_id, self.arbitration)
        self.assertEqual(complaint.user_id, self.manager)
        self.assertEqual(len(complaint.transfer_ids), 4)
        last = complaint.transfer_ids.sorted("id")[-1]
        self.assertTrue(last.is_automatic)
        self.assertEqual(last.reason, "still wrong")
        self.assertIn("arbitration", complaint.message_ids[0].body)

    def test_base_23_transfer_wizard(self):
        complaint = self._complaint()
        wizard = self.env["complaint.transfer.wizard"].create(
            {
                "complaint_id": complaint.id,
                "team_id": self.team_b.id,
                "user_id": self.handler2.id,
                "reason": "Billing matter",
            }
        )
        wizard.action_confirm()
        self.assertEqual(complaint.user_id, self.handler2)
        self.assertEqual(complaint.transfer_ids.reason, "Billing matter")

    def test_base_24_investigation_plan_and_evidence(self):
        complaint = self._complaint()
        attachment = self.env["ir.attachment"].create(
            {
                "name": "interview.pdf",
                "raw": b"%PDF-1.4 signed",
                "res_model": "complaint.complaint",
                "res_id": complaint.id,
            }
        )
        complaint.write(
            {
                "investigation_user_ids": [(6, 0, [self.handler.id, self.handler2.id])],
                "investigation_step_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Interview the clerk",
                            "user_id": self.handler.id,
                            "date_deadline": fields.Date.today(),
                            "evidence_type": "interview",
                            "attachment_ids": [(6, 0, attachment.ids)],
                        },
                    ),
                    (0, 0, {"name": "Check the CCTV", "evidence_type": "site"}),
                ],
            }
        )
        self.assertEqual(len(complaint.investigation_step_ids), 2)
        self.assertEqual(
            complaint.investigation_step_ids[0].attachment_ids.name, "interview.pdf"
        )
        # an investigation team member sees the complaint
        self.assertTrue(
            complaint.with_user(self.handler2).search([("id", "=", complaint.id)])
        )

    def test_base_25_important_plan_needs_management_approval(self):
        complaint = self._complaint(severity="important")
        complaint.action_accept()
        complaint.action_start()
        complaint.write(
            {
                "plan_measures": "<p>Refund</p>",
                "plan_owner_id": self.handler.id,
                "resolution": "<p>Refunded</p>",
            }
        )
        complaint.action_submit_plan()
        self.assertEqual(complaint.plan_state, "to_approve")
        with self.assertRaises(UserError):
            complaint.action_resolve()
        with self.assertRaises(AccessError):
            complaint.with_user(self.handler).action_approve_plan()
        complaint.with_user(self.manager).action_approve_plan()
        self.assertEqual(complaint.plan_approved_by, self.manager)
        complaint.action_resolve()
        self.assertEqual(complaint.state, "resolved")

    def test_base_31_major_complaint_notifies_leaders(self):
        boss = self.env["res.partner"].create({"name": "Head of Service"})
        self.team_a.notify_partner_ids = boss
        complaint = self._complaint(serious_harm=True)
        self.assertEqual(complaint.severity, "major")
        self.assertIn(boss, complaint.message_partner_ids)
        self.assertIn(
            self.handler.partner_id, complaint.message_partner_ids, "team leader"
        )


@tagged("post_install", "-at_install")
class TestClosingLoop(ComplaintCase):
    def _resolved(self, **vals):
        complaint = self._complaint(user_id=self.handler.id, **vals)
        complaint.action_accept()
        complaint.action_start()
        complaint.resolution = "<p>We apologised and retrained the clerk.</p>"
        complaint.action_resolve()
        return complaint

    def test_base_40_reply_and_complainant_acceptance(self):
        complaint = self._complaint()
        complaint.action_accept()
        with self.assertRaises(UserError):
            complaint.action_resolve()
        complaint.resolution = "<p>Refund of 120 yuan made.</p>"
        complaint.action_resolve()
        self.assertTrue(complaint.reply_at)
        self.assertIn(self.partner, complaint.message_ids[0].partner_ids)
        complaint.action_record_followup("4", "phone", "OK", acceptance="accepted")
        self.assertEqual(complaint.complainant_acceptance, "accepted")

    def test_base_41_followup_dissatisfied_reopens(self):
        complaint = self._resolved()
        wizard = self.env["complaint.followup.wizard"].create(
            {
                "complaint_id": complaint.id,
                "method": "phone",
                "satisfaction": "2",
                "comment": "Nobody apologised",
            }
        )
        wizard.action_confirm()
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.reopen_count, 1)
        self.assertEqual(complaint.satisfaction_score, 2)
        complaint.action_resolve()
        complaint.action_record_followup("5", "visit", "Thank you")
        self.assertEqual(complaint.state, "resolved")
        self.assertTrue(complaint.followup_done_at)

    def test_base_42_substantiation_rules(self):
        complaint = self._resolved()
        with self.assertRaises(ValidationError):
            complaint.write(
                {"substantiation_basis": "unverifiable", "substantiated": "no"}
            )
        with self.assertRaises(ValidationError):
            complaint.write(
                {
                    "substantiation_basis": "employee_not_customer",
                    "substantiated": "yes",
                }
            )
        complaint.write(
            {"substantiation_basis": "unverifiable", "substantiated": "yes"}
        )
        self.assertEqual(complaint.substantiated, "yes")

    def test_base_43_responsibility_types(self):
        complaint = self._resolved()
        employee = self.env["hr.employee"].create(
            {"name": "Liu Yang", "department_id": self.department.id}
        )
        complaint.responsibility_ids = [
            (
                0,
                0,
                {
                    "employee_id": employee.id,
                    "responsibility_type": "direct",
                    "sanction": "Written warning",
                },
            ),
            (
                0,
                0,
                {
                    "department_id": self.department.id,
                    "responsibility_type": "leadership",
                },
            ),
        ]
        self.assertEqual(
            set(complaint.responsibility_ids.mapped("responsibility_type")),
            {"direct", "leadership"},
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["complaint.responsibility"].create(
                    {"complaint_id": complaint.id, "responsibility_type": "main"}
                )
                self.env.flush_all()

    def test_base_44_closing_review_checks_and_return(self):
        complaint = self._resolved(category_id=self.cat_l4.id)
        with self.assertRaises(UserError) as err:
            complaint.action_submit_review()
        self.assertIn("substantiated", str(err.exception))
        complaint.write(
            {"substantiated": "yes", "substantiation_basis": "internal_rules"}
        )
        with self.assertRaises(UserError) as err:
            complaint.action_submit_review()
        self.assertIn("responsible", str(err.exception))
        complaint.responsibility_ids = [(0, 0, {"department_id": self.department.id})]
        complaint.action_confirm_category()
        complaint.action_record_followup("4")
        complaint.action_submit_review()
        self.assertEqual(complaint.state, "review")
        with self.assertRaises(AccessError):
            complaint.with_user(self.handler).action_close()
        complaint.with_user(self.reviewer).action_return_for_correction(
            "Attach the call record"
        )
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.review_return_count, 1)
        self.assertTrue(
            complaint.activity_ids.filtered(lambda a: a.user_id == self.handler)
        )
        complaint.action_resolve()
        complaint.action_submit_review()
        complaint.with_user(self.reviewer).action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.reviewer_id, self.reviewer)
        self.assertTrue(complaint.closed_at)

    def test_base_45_corrective_action_linked(self):
        complaint = self._resolved()
        capa = self.env["complaint.capa"].create(
            {
                "name": "Queue ticket system",
                "complaint_id": complaint.id,
                "action_type": "preventive",
                "user_id": self.handler.id,
            }
        )
        self.assertEqual(complaint.capa_ids, capa)
        capa.action_done()
        self.assertEqual(capa.state, "done")

    def test_base_50_changes_are_tracked(self):
        complaint = self._complaint()
        self.env.cr.flush()  # registration and the later edit are two requests
        complaint.severity = "important"
        complaint.team_id = self.team_b
        self.env.flush_all()
        self.env.cr.flush()  # tracking values are written at flush
        complaint.invalidate_recordset(["message_ids"])
        tracked = complaint.message_ids.tracking_value_ids.mapped("field_id.name")
        self.assertIn("severity", tracked)
        self.assertIn("team_id", tracked)


@tagged("post_install", "-at_install")
class TestSecurity(ComplaintCase):
    def test_base_54_confidential_hidden_from_complained_employee_and_department(self):
        emp_user = self.handler2
        employee = self.env["hr.employee"].create(
            {
                "name": "Complained",
                "user_id": emp_user.id,
                "department_id": self.department_b.id,
            }
        )
        complaint = self._complaint(
            category_id=self.cat_billing.id,
            employee_id=employee.id,
            is_confidential=True,
        )
        Complaint = self.env["complaint.complaint"]
        self.assertFalse(
            Complaint.with_user(emp_user).search([("id", "=", complaint.id)])
        )
        colleague = self.env["hr.employee"].create(
            {
                "name": "Colleague",
                "user_id": self.reviewer.id,
                "department_id": self.department.id,
            }
        )
        complaint.department_id = colleague.department_id
        self.assertFalse(
            Complaint.with_user(self.reviewer).search([("id", "=", complaint.id)])
        )
        self.assertTrue(
            Complaint.with_user(self.manager).search([("id", "=", complaint.id)])
        )
        complaint.is_confidential = False
        self.assertTrue(
            Complaint.with_user(self.reviewer).search([("id", "=", complaint.id)])
        )

    def test_base_54_users_see_own_and_team_complaints_only(self):
        mine = self._complaint(user=self.registrar, category_id=self.cat_billing.id)
        team_a = self._complaint()
        Complaint = self.env["complaint.complaint"]
        self.assertTrue(
            Complaint.with_user(self.registrar).search([("id", "=", mine.id)])
        )
        self.assertTrue(
            Complaint.with_user(self.registrar).search([("id", "=", team_a.id)])
        )
        self.assertFalse(
            Complaint.with_user(self.outsider).search(
                [("id", "in", (mine | team_a).ids)]
            )
        )
        with self.assertRaises(AccessError):
            team_a.with_user(self.outsider).read(["subject"])
        with self.assertRaises(AccessError):
            mine.with_user(self.registrar).unlink()
