"""BANK-03 regulator-forwarded complaints, BANK-04 mass complaints,
BANK-06 branches, senior managers and first-question responsibility."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BankCase, end_of_day


@tagged("post_install", "-at_install")
class TestBankRegulator(BankCase):
    # ---------------------------------------------------------- BANK-03
    def test_bank_03_forwarded_complaint_deadline_and_result_report(self):
        """BANK-03: handled per the forwarding request (its date is kept as
        given, even on a holiday) and the result is reported to the
        forwarding office before the complaint can be closed."""
        complaint = self._complaint(
            channel_id=self.channel_regulator.id,
            bank_forwarding_office_id=self.regulator.id,
            bank_forwarding_ref="沪金管消保转〔2026〕0153号",
            bank_forwarding_deadline="2026-10-03",
            bank_forwarding_request="核实后书面反馈处理结果",
        )
        self.assertTrue(complaint.regulator_forwarded)
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 3))
        self._decide(complaint)
        report = complaint.bank_regulator_report_ids
        self.assertEqual(len(report), 1)
        self.assertEqual(report.kind, "forwarded_result")
        self.assertEqual(report.regulator_id, self.regulator)
        self.assertEqual(report.forwarding_ref, "沪金管消保转〔2026〕0153号")
        self.assertEqual(report.state, "todo")
        self.assertTrue(report.activity_ids)

        complaint.write({"substantiated": "no", "complainant_acceptance": "accepted"})
        with self.assertRaisesRegex(UserError, "report the result"):
            complaint.with_user(self.manager).action_close()
        with self.assertRaisesRegex(UserError, "how the regulator was told"):
            report.action_mark_reported()
        report.write(
            {"report_channel": "document", "content": "Refunded CNY 600; apologised."}
        )
        report.with_user(self.handler).action_mark_reported()
        self.assertEqual(report.state, "reported")
        self.assertFalse(report.activity_ids)
        complaint.with_user(self.manager).action_close()
        self.assertEqual(complaint.state, "closed")

    def test_bank_03_later_forwarding_date_keeps_profile_deadline(self):
        """BANK-03: a forwarding date after the regulation's deadline does
        not extend it."""
        complaint = self._complaint(
            channel_id=self.channel_regulator.id,
            bank_forwarding_office_id=self.regulator.id,
            bank_forwarding_deadline="2026-10-30",
        )
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 10, 8))

    # ---------------------------------------------------------- BANK-04
    def test_bank_04_twenty_people_in_person_major_and_reported(self):
        """BANK-04: 20 people in person make a mass complaint: major, and a
        report-to-regulator task for the branch's senior manager."""
        self.company.complaint_bank_regulator_id = self.regulator
        few = self._complaint(bank_people_in_person=19)
        self.assertFalse(few.is_mass)
        self.assertFalse(few.bank_regulator_report_ids)
        self.assertNotEqual(few.severity, "major")

        mass = self._complaint(bank_people_in_person=20, bank_consumers_involved=143)
        self.assertTrue(mass.is_mass)
        self.assertEqual(mass.severity, "major")
        report = mass.bank_regulator_report_ids
        self.assertEqual(report.kind, "mass_complaint")
        self.assertEqual(report.regulator_id, self.regulator)
        self.assertEqual(report.user_id, self.sub_manager)
        self.assertEqual(report.activity_ids.user_id, self.sub_manager)
        # idempotent
        mass.write({"bank_people_in_person": 30})
        self.assertEqual(len(mass.bank_regulator_report_ids), 1)

    def test_bank_04_flagged_mass_complaint_reported(self):
        """BANK-04: a complaint flagged as mass (many consumers online) is
        major and reported too."""
        complaint = self._complaint(bank_people_in_person=2)
        complaint.is_mass = True
        self.assertEqual(complaint.severity, "major")
        self.assertTrue(complaint.is_mass)
        self.assertEqual(len(complaint.bank_regulator_report_ids), 1)

    # ---------------------------------------------------------- BANK-06
    def test_bank_06_first_question_branch_and_senior_manager(self):
        """BANK-06: the branch of the registering teller receives the
        complaint (first-question responsibility) and stays on record; its
        senior manager is responsible and follows the complaint."""
        complaint = self._register_as_teller().sudo()
        self.assertEqual(complaint.bank_receiving_branch_id, self.sub_branch)
        self.assertEqual(complaint.bank_branch_id, self.sub_branch)
        self.assertEqual(complaint.bank_senior_manager_id, self.sub_manager)
        self.assertEqual(complaint.bank_superior_branch_id, self.branch)
        self.assertIn(self.sub_manager.partner_id, complaint.message_partner_ids)
        # the handling branch may change, the first-question branch may not
        complaint.bank_branch_id = self.other_branch
        self.assertEqual(complaint.bank_senior_manager_id, self.head_manager)
        self.assertIn(self.head_manager.partner_id, complaint.message_partner_ids)
        complaint.with_user(self.handler).action_accept()
        with self.assertRaisesRegex(UserError, "first-question"):
            complaint.bank_receiving_branch_id = self.branch

    def test_bank_06_receiving_branch_follows_a_moved_teller(self):
        """BANK-06: the teller's branch is cached per process; moving the
        teller, or making the counter a branch, changes the branch of the
        next registration (a new request: the record cache emptied)."""

        def register():
            complaint = self._register_as_teller()
            self.env.invalidate_all()
            return complaint.sudo().bank_receiving_branch_id

        self.assertEqual(register(), self.sub_branch)
        teller = self.registrar.sudo().employee_ids
        teller.department_id = self.other_branch
        self.env.invalidate_all()
        self.assertEqual(register(), self.other_branch)
        teller.department_id = self.counter
        self.counter.write({"is_bank_branch": True, "bank_branch_level": "outlet"})
        self.env.invalidate_all()
        self.assertEqual(register(), self.counter)

    def _register_as_teller(self):
        return (
            self.env["complaint.complaint"]
            .with_user(self.registrar)
            .create(
                {
                    "sector": "banking",
                    "subject": "Queue of two hours",
                    "partner_id": self.customer.id,
                    "channel_id": self.channel_phone.id,
                    "user_id": self.handler.id,
                }
            )
        )

    def test_bank_06_branch_hierarchy(self):
        """BANK-06: a department belongs to its nearest branch; the superior
        branch is the nearest branch above."""
        self.assertEqual(self.counter._bank_get_branch(), self.sub_branch)
        self.assertEqual(self.sub_branch.bank_superior_branch_id, self.branch)
        self.assertEqual(self.branch.bank_superior_branch_id, self.head_office)
        self.assertFalse(self.head_office.bank_superior_branch_id)
        complaint = self._complaint(department_id=self.counter.id)
        self.assertEqual(complaint.bank_branch_id, self.sub_branch)
