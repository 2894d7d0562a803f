"""Regulator-forwarded 12378 cases (INS-02) and the regulator report."""

import base64
import datetime as dt
import io

import openpyxl
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import RECEIVED, InsuranceCase, end_of_day, local

AUDIT = "complaint_insurance.mail_activity_type_audit_report"


class TestRegulatorCases(InsuranceCase):
    def _audit_activities(self, complaint):
        return complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(AUDIT)
        )

    def test_ins_02_acceptance_within_1_working_day(self):
        """Received Wednesday 2026-09-30: National Day (Oct 1-7) is not
        counted, the case must be accepted by Thursday 2026-10-08 23:59:59
        Shanghai time."""
        case = self._regulator_case()
        self.assertTrue(case.regulator_forwarded)  # from the 12378 channel
        self.assertTrue(case.regulator_involved)
        self.assertEqual(case.ack_deadline, end_of_day(2026, 10, 8))
        self.assertEqual(case.ack_deadline, dt.datetime(2026, 10, 8, 15, 59, 59))
        self.assertFalse(case.audit_report_deadline)
        self.assertFalse(self._audit_activities(case))

    def test_ins_02_audit_report_within_3_working_days(self):
        """With a violation: reported to the audit department by the end of
        Saturday 2026-10-10, a make-up working day (Oct 8, 9, 10)."""
        case = self._regulator_case(involves_violation=True)
        self.assertEqual(case.audit_report_deadline, end_of_day(2026, 10, 10))
        self.assertEqual(
            case.audit_report_deadline, dt.datetime(2026, 10, 10, 15, 59, 59)
        )
        self.assertEqual(dt.date(2026, 10, 10).weekday(), 5)  # a Saturday
        activity = self._audit_activities(case)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, dt.date(2026, 10, 10))

    def test_ins_02_violation_flag_recomputes_the_deadlines(self):
        case = self._regulator_case()
        case.involves_violation = True
        self.assertEqual(case.audit_report_deadline, end_of_day(2026, 10, 10))
        self.assertTrue(self._audit_activities(case))
        case.involves_violation = False
        self.assertFalse(case.audit_report_deadline)
        self.assertFalse(self._audit_activities(case))
        self.assertEqual(case.ack_deadline, end_of_day(2026, 10, 8))
        case.received_at = local(2026, 10, 9, 16, 0)  # Friday -> Saturday 10th
        self.assertEqual(case.ack_deadline, end_of_day(2026, 10, 10))

    def test_ins_02_case_number_required_and_unique(self):
        with self.assertRaises(ValidationError):
            self._regulator_case(case_no=False)
        self._regulator_case(case_no="SH12378-0001")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._regulator_case(case_no="SH12378-0001")

    def test_ins_02_stricter_company_policy_keeps_its_target(self):
        """The regulation is a maximum: an insurance policy acknowledging
        within 4 hours keeps its target, a looser one gives way to 1 working
        day; a generic policy never changes the regulatory clocks."""
        policy = self.env["complaint.sla.policy"].create(
            {
                "name": "Fast acknowledgement",
                "sector": "insurance",
                "target_ids": [
                    (
                        0,
                        0,
                        {
                            "kind": "acknowledge",
                            "amount": 4,
                            "unit": "hours",
                            "start_event": "received",
                        },
                    )
                ],
            }
        )
        case = self._regulator_case()
        self.assertEqual(case.ack_deadline, RECEIVED + dt.timedelta(hours=4))
        policy.target_ids.write({"amount": 3, "unit": "working_days"})
        case._recompute_sla_deadlines()
        self.assertEqual(case.ack_deadline, end_of_day(2026, 10, 8))
        policy.write({"sector": False})
        policy.target_ids.write({"amount": 4, "unit": "hours"})
        case._recompute_sla_deadlines()
        self.assertEqual(case.ack_deadline, end_of_day(2026, 10, 8))

    def test_ins_02_audit_report_recorded_with_date_and_content(self):
        case = self._regulator_case(involves_violation=True, user_id=self.handler.id)
        as_handler = case.with_user(self.handler)
        with self.assertRaises(UserError):
            as_handler.action_record_audit_report()  # nothing written yet
        as_handler.audit_report = "已上报集团稽核部（稽核监察华东区），经办人：周明。"
        as_handler.action_record_audit_report()
        self.assertTrue(case.audit_reported_at)
        self.assertFalse(self._audit_activities(case))

    def test_ins_02_result_reported_to_regulator_before_closing(self):
        case = self._regulator_case(user_id=self.handler.id)
        as_handler = case.with_user(self.handler)
        as_handler.action_accept()
        as_handler.write({"resolution": "<p>已补付赔款并致歉。</p>"})
        as_handler.action_resolve()
        case.write(
            {
                "substantiated": "no",
                "substantiation_basis": "internal_rules",
                "complainant_acceptance": "accepted",
                "category_id": self.cat_claims_l4.id,
                "category_confirmed": True,
            }
        )
        with self.assertRaisesRegex(UserError, "report the result to the regulator"):
            case.with_user(self.reviewer).action_close()
        with self.assertRaises(UserError):
            as_handler.action_record_regulator_reply()
        as_handler.regulator_reply = (
            "已于10月12日书面回复监管局：赔款已补付，客户认可。"
        )
        as_handler.action_record_regulator_reply()
        self.assertTrue(case.regulator_reply_at)
        case.with_user(self.reviewer).action_close()
        self.assertEqual(case.state, "closed")

    def test_ins_02_regulator_report_xlsx(self):
        """The forwarded cases of a period with their deadlines, met or
        missed, and the results, in an XLSX attachment."""
        met = self._regulator_case(case_no="JS12378-A", user_id=self.handler.id)
        met.with_context(complaint_sla_recompute=True).write(
            {"accepted_at": local(2026, 10, 8, 9, 0), "state": "accepted"}
        )
        met.write(
            {"regulator_reply": "已回复", "regulator_reply_at": local(2026, 10, 12, 9)}
        )
        self._regulator_case(case_no="JS12378-B", involves_violation=True)
        self._regulator_case(
            case_no="JS12378-C", received_at=local(2026, 8, 31, 10, 0)
        )  # outside the period
        wizard = (
            self.env["complaint.regulator.report.wizard"]
            .with_user(self.reviewer)
            .create({"date_from": dt.date(2026, 9, 1), "date_to": dt.date(2026, 9, 30)})
        )
        action = wizard.action_export()
        self.assertEqual(wizard.case_count, 2)
        self.assertIn(f"/web/content/{wizard.attachment_id.id}", action["url"])
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(wizard.attachment_id.datas))
        )
        sheet = book.worksheets[0]
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
        self.assertEqual([r[1] for r in rows], ["JS12378-A", "JS12378-B"])
        row_a, row_b = rows
        self.assertEqual(row_a[8], "2026-10-08 23:59")
        self.assertEqual(row_a[9], "2026-10-08 09:00")
        self.assertEqual(row_a[10], "Met")
        self.assertEqual(row_a[15], "已回复")
        self.assertEqual(row_b[6], "Yes")
        self.assertEqual(row_b[8], "2026-10-10 23:59")
        self.assertEqual(row_b[10], "Overdue")  # never reported, deadline passed
        summary = book.worksheets[1]
        self.assertEqual(summary["B1"].value, 2)

    def test_ins_02_regulator_report_needs_cases(self):
        wizard = self.env["complaint.regulator.report.wizard"].create(
            {"date_from": dt.date(2020, 1, 1), "date_to": dt.date(2020, 1, 31)}
        )
        with self.assertRaises(UserError):
            wizard.action_export()
