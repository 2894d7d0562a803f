from odoo.exceptions import AccessError, UserError

from .common import SIGNATURE, PropertyCase, local


class TestRepairClosing(PropertyCase):
    def _completed(self, at_dispatch, at_done, **vals):
        order = self._dispatched(at_dispatch, **vals)
        with self.at(at_dispatch):
            order.action_arrive()
        with self.at(at_done):
            order.action_complete()
        return order

    # ------------------------------------------------------------ PROP-05
    def test_prop_05_paid_service_needs_receipt_and_owner_signature(self):
        order = self._completed(
            "2026-05-06 09:00",
            "2026-05-06 10:00",
            repair_type="small",
            scope="private",
            responsibility="owner",
        )
        with self.assertRaisesRegex(UserError, "Enter the fee"):
            order.action_collect_fee()
        order.fee = 120.0
        with self.assertRaisesRegex(UserError, "no fee without receipt"):
            order.action_collect_fee()
        order.receipt_number = "SJ-2026-0088"
        with self.assertRaisesRegex(UserError, "owner must sign"):
            order.action_collect_fee()
        with self.assertRaisesRegex(UserError, "paid service: the owner must sign"):
            order.action_return_order()
        order.write({"owner_signature": SIGNATURE, "signed_by": "陈建国"})
        order.action_collect_fee()
        self.assertTrue(order.fee_collected_at)
        order.action_return_order()
        self.assertEqual(order.state, "returned")

    def test_prop_05_responsibility_recorded_and_developer_contacted(self):
        order = self._completed("2026-05-06 09:00", "2026-05-06 10:00", scope="quality")
        with self.assertRaisesRegex(UserError, "who pays"):
            order.action_return_order()
        order.responsibility = "developer"
        with self.assertRaisesRegex(UserError, "not a paid service"):
            order.action_collect_fee()
        action = order.action_new_contact_sheet()
        self.assertEqual(action["res_model"], "complaint.property.contact.sheet")
        self.assertEqual(action["context"]["default_developer_id"], self.developer.id)
        self.assertEqual(action["context"]["default_repair_order_id"], order.id)
        order.action_return_order()
        self.assertEqual(order.state, "returned")

    # ------------------------------------------------------------ PROP-06
    def test_prop_06_order_back_in_24h_callback_in_72h_by_area_manager(self):
        order = self._completed(
            "2026-05-06 09:00", "2026-05-06 10:30", responsibility="property"
        )
        self.assertEqual(local(order.return_deadline), "2026-05-07 10:30")
        self.assertEqual(local(order.callback_deadline), "2026-05-09 10:30")
        self.assertEqual(order.next_step, "return")
        with self.at("2026-05-07 11:00"):
            order.action_return_order()
        self.assertTrue(order.return_late)
        self.assertEqual(order.next_step, "callback")
        callback_activity = order.activity_ids.filtered(
            lambda a: a.user_id == self.area_manager
        )
        self.assertTrue(callback_activity, "the area manager is asked to call back")
        order.callback_result = "satisfied"
        with self.assertRaises(AccessError):
            order.with_user(self.other_handler).action_record_callback()
        with self.at("2026-05-09 10:00"):
            order.with_user(self.area_manager).action_record_callback(method="phone")
        self.assertEqual(order.state, "closed")
        self.assertEqual(order.callback_user_id, self.area_manager)
        self.assertFalse(order.callback_late)
        self.assertFalse(order.rework_ids)

    def test_prop_06_unsatisfied_owner_gets_rework_and_a_complaint(self):
        order = self._completed(
            "2026-05-06 09:00", "2026-05-06 10:30", responsibility="property"
        )
        order.action_return_order()
        with self.assertRaisesRegex(UserError, "satisfied"):
            order.with_user(self.area_manager).action_record_callback()
        order.with_user(self.area_manager).action_record_callback(
            result="dissatisfied", note="Still dripping"
        )
        self.assertEqual(order.state, "closed")
        self.assertEqual(order.rework_count, 1)
        rework = order.rework_ids
        self.assertEqual(rework.state, "draft")
        self.assertEqual(rework.unit_id, self.unit)
        self.assertIn("Still dripping", rework.description)
        complaint = order.complaint_id
        self.assertTrue(complaint, "a failed repair becomes a complaint")
        self.assertEqual(complaint.sector, "property")
        self.assertEqual(rework.complaint_id, complaint)
        self.assertEqual(complaint.repair_order_count, 2)
