"""BASE-46/57 on the property records: a status that says collected,
signed or paid records what proves it, and a signed document stays as it
was signed, even once cancelled."""

from odoo.exceptions import UserError

from .common import SIGNATURE, FourEyesCase


class TestPropertyProof(FourEyesCase):
    def _memo(self, **vals):
        return (
            self.env["complaint.property.memorandum"]
            .with_user(self.other_handler)
            .create(
                dict(
                    {
                        "complaint_id": self._complaint().id,
                        "partner_id": self.owner.id,
                        "amount": 3000.0,
                        "terms": "<p>CNY 3,000, no further claim.</p>",
                    },
                    **vals,
                )
            )
        )

    def _sheet(self):
        sheet = (
            self.env["complaint.property.contact.sheet"]
            .with_user(self.manager)
            .create(
                {
                    "complaint_id": self._complaint().id,
                    "developer_id": self.developer.id,
                    "subject": "Leak",
                    "amount_requested": 3000.0,
                }
            )
        )
        sheet.with_user(self.manager2).action_approve()
        sheet.action_send()
        return sheet

    def test_prop_05_no_fee_without_a_real_receipt_and_a_named_signer(self):
        order = self._dispatched("2026-05-06 09:00", scope="private")
        order.action_arrive()
        order.write({"responsibility": "owner", "fee": 80.0})
        as_handler = order.with_user(self.other_handler)
        for vals in (
            {"receipt_number": " ", "owner_signature": SIGNATURE, "signed_by": "陈"},
            {"receipt_number": "SJ-9", "owner_signature": SIGNATURE, "signed_by": ""},
        ):
            with self.subTest(vals=vals):
                order.write(vals)
                with self.assertRaises(UserError):
                    as_handler.action_collect_fee()
                self.assertFalse(order.fee_collected_at)
        order.write({"signed_by": "陈建国"})
        as_handler.action_collect_fee()
        self.assertTrue(order.fee_collected_at)

    def test_prop_09_memorandum_names_its_signer_and_its_payment(self):
        memo = self._memo()
        memo.write({"owner_signature": SIGNATURE})
        with self.assertRaisesRegex(UserError, "their name"):
            memo.action_sign()
        memo.write({"signed_by": "陈建国"})
        memo.action_sign()
        with self.assertRaisesRegex(UserError, "payment reference"):
            memo.with_user(self.director).action_pay()
        self.assertEqual(memo.state, "signed")
        memo.with_user(self.director).action_pay("BANK-7")
        self.assertEqual(memo.payment_reference, "BANK-7")

    def test_prop_09_a_cancelled_memorandum_keeps_what_the_owner_signed(self):
        memo = self._memo()
        memo.write({"owner_signature": SIGNATURE, "signed_by": "陈建国"})
        memo.action_sign()
        memo.action_cancel()
        for vals in ({"amount": 99999.0}, {"signed_by": "Someone else"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                memo.write(vals)
        self.assertEqual((memo.amount, memo.signed_by), (3000.0, "陈建国"))

    def test_prop_09_a_cancelled_sheet_keeps_what_was_signed_off(self):
        sheet = self._sheet()
        sheet.action_cancel()
        with self.assertRaisesRegex(UserError, "signed off"):
            sheet.write({"amount_requested": 1e6})
        self.assertEqual(sheet.amount_requested, 3000.0)

    def test_prop_09_memorandum_pays_at_most_what_the_developer_authorised(self):
        sheet = self._sheet()
        sheet.write({"reply": "Agreed", "amount_authorized": 3000.0})
        sheet.action_record_reply()
        memo = self._memo(contact_sheet_id=sheet.id, amount=300001.0)
        memo.write({"owner_signature": SIGNATURE, "signed_by": "陈建国"})
        with self.assertRaisesRegex(UserError, "authorised"):
            memo.action_sign()
        memo.write({"amount": 3000.0})
        memo.action_sign()
        self.assertEqual(memo.state, "signed")

    def test_base_50_manager_cannot_delete_property_proof(self):
        """A dispatched work order, a signed memorandum and a signed-off
        contact sheet stay in the file (BASE-50)."""
        order = self._dispatched("2026-05-06 09:00")
        memo = self._memo()
        memo.write({"owner_signature": SIGNATURE, "signed_by": "陈建国"})
        memo.action_sign()
        sheet = self._sheet()
        for record in (order, memo, sheet):
            with self.subTest(model=record._name), self.assertRaises(UserError):
                record.with_user(self.manager).unlink()
            self.assertTrue(record.exists())
        draft = self._memo()
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists(), "a draft is not proof yet")
