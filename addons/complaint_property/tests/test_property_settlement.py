from odoo.exceptions import AccessError, UserError

from .common import SIGNATURE, PropertyCase


class TestPropertySettlement(PropertyCase):
    def test_prop_09_compensation_needs_signed_memorandum(self):
        complaint = self._complaint(prop_compensation_after_repair=True)
        Memo = self.env["complaint.property.memorandum"]
        memo = Memo.create(
            {
                "complaint_id": complaint.id,
                "partner_id": self.owner.id,
                "unit_id": self.unit.id,
                "amount": 3000.0,
            }
        )
        self.assertTrue(memo.name.startswith("HJ"))
        with self.assertRaisesRegex(UserError, "signed the settlement memorandum"):
            memo.action_pay()
        with self.assertRaisesRegex(UserError, "signed the settlement memorandum"):
            memo.write({"state": "paid"})
        with self.assertRaisesRegex(UserError, "signed the settlement memorandum"):
            Memo.create({"partner_id": self.owner.id, "amount": 100.0, "state": "paid"})
        with self.assertRaisesRegex(UserError, "terms"):
            memo.action_sign()
        memo.terms = "<p>CNY 3,000 once for the floor; no further claim.</p>"
        with self.assertRaisesRegex(UserError, "owner must sign"):
            memo.action_sign()
        self.assertEqual(complaint.compensation_paid, 0.0)
        memo.write({"owner_signature": SIGNATURE, "signed_by": "陈建国"})
        memo.action_sign()
        self.assertEqual(memo.state, "signed")
        # four-eyes (BASE-57): the payment is recorded by another handler
        memo.with_user(self.manager).action_pay("BANK-0001")
        self.assertEqual(memo.state, "paid")
        self.assertEqual(memo.payment_reference, "BANK-0001")
        self.assertTrue(memo.paid_at)
        complaint.invalidate_recordset(["compensation_paid"])
        self.assertEqual(complaint.compensation_paid, 3000.0)
        self.assertEqual(complaint.memorandum_count, 1)
        with self.assertRaisesRegex(UserError, "paid memorandum"):
            memo.action_cancel()

    def test_prop_09_work_contact_sheet_to_the_developer(self):
        complaint = self._complaint()
        sheet = self.env["complaint.property.contact.sheet"].create(
            {
                "complaint_id": complaint.id,
                "developer_id": self.developer.id,
                "subject": "Leak from Room 1301",
                "amount_requested": 3000.0,
            }
        )
        self.assertTrue(sheet.name.startswith("LX"))
        with self.assertRaises(UserError):
            sheet.action_send()
        with self.assertRaises(AccessError):
            sheet.with_user(self.area_manager).action_approve()
        sheet.with_user(self.manager).action_approve()
        self.assertEqual(sheet.approved_by, self.manager)
        sheet.action_send()
        self.assertEqual(sheet.state, "sent")
        self.assertIn(self.developer, sheet.message_partner_ids)
        with self.assertRaisesRegex(UserError, "reply"):
            sheet.action_record_reply()
        sheet.write({"reply": "Agreed: CNY 3,000", "amount_authorized": 3000.0})
        sheet.action_record_reply()
        self.assertEqual(sheet.state, "replied")
        self.assertEqual(complaint.contact_sheet_count, 1)
