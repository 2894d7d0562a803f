"""BASE-57/58 on the property records: workflow fields change only through
their actions, approvals are four-eyes, proof is not rewritten, public
actions check their caller, the watchers survive a bad record."""

from unittest.mock import patch

from odoo.exceptions import AccessError, UserError

from .common import SIGNATURE, FourEyesCase, utc

GUARD = "can only be changed by its workflow action"


class TestPropertyIntegrity(FourEyesCase):
    def _running(self, **vals):
        """An order dispatched to the technician, on site."""
        order = self._dispatched("2026-05-06 09:00", **vals)
        order.action_arrive()
        return order

    # ------------------------------------------------ work order (BASE-57)
    def test_base_57_technician_cannot_write_order_workflow_fields(self):
        order = self._running(repair_type="major")
        forged = {
            "name": "PG-FORGED",
            "state": "closed",
            "dispatched_at": "2026-05-06 08:00:00",
            "arrival_minutes": 600,
            "arrived_at": "2026-05-06 09:01:00",
            "explained_at": "2026-05-06 09:02:00",
            "completed_at": "2026-05-06 09:03:00",
            "returned_at": "2026-05-06 09:04:00",
            "fee_collected_at": "2026-05-06 09:05:00",
            "plan_state": "approved",
            "plan_submitted_by": self.registrar.id,
            "plan_submitted_at": "2026-05-06 09:06:00",
            "plan_manager_approved_by": self.maint_manager_user.id,
            "plan_manager_approved_at": "2026-05-06 09:07:00",
            "plan_director_approved_by": self.director.id,
            "plan_director_approved_at": "2026-05-06 09:08:00",
            "callback_at": "2026-05-06 09:09:00",
            "callback_user_id": self.area_manager.id,
            "callback_result": "satisfied",
            "rework_of_id": self._order().id,
            "is_overdue": True,
        }
        self.assertEqual(set(forged), set(order._workflow_fields))
        as_technician = order.with_user(self.technician_user)
        for fname, value in forged.items():
            with self.subTest(field=fname):
                with self.assertRaisesRegex(UserError, GUARD):
                    as_technician.write({fname: value})
        self.assertEqual(order.state, "on_site")
        self.assertEqual(order.plan_state, "none")

    def test_base_57_order_created_with_forged_workflow_values_refused(self):
        Order = self.env["complaint.repair.order"].with_user(self.registrar)
        base = {"unit_id": self.unit.id, "description": "Tap"}
        for fname, value in [
            ("state", "closed"),
            ("name", "PG-FORGED"),
            ("callback_result", "satisfied"),
            ("plan_state", "approved"),
        ]:
            with self.subTest(field=fname):
                with self.assertRaisesRegex(UserError, GUARD):
                    Order.create(dict(base, **{fname: value}))
        # a forged default in the context is ignored
        order = Order.with_context(
            default_state="closed", default_callback_result="satisfied"
        ).create(base)
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.callback_result)
        self.assertTrue(order.name.startswith("PG"), "numbered by the sequence")

    def test_base_57_computed_times_and_kpis_cannot_be_typed(self):
        order = self._running()
        as_technician = order.with_user(self.technician_user)
        for fname, value in [
            ("kpi_on_time", True),
            ("completion_deadline", "2099-01-01 00:00:00"),
            ("next_deadline", False),
            ("arrival_late", False),
            ("rework_count", 0),
        ]:
            with self.subTest(field=fname):
                with self.assertRaisesRegex(UserError, "computed"):
                    as_technician.write({fname: value})

    def test_base_57_receipt_time_fixed_once_dispatched_never_in_future(self):
        Order = self.env["complaint.repair.order"].with_user(self.registrar)
        with self.at("2026-05-06 09:00"):
            with self.assertRaisesRegex(UserError, "future"):
                Order.create(
                    {"location": "Lobby", "received_at": utc("2026-05-06 10:00")}
                )
            draft = Order.create(
                {"location": "Lobby", "received_at": utc("2026-05-06 08:30")}
            )
        # a request logged late is corrected to an earlier time, never to a
        # later one, which would hide the wait before dispatch (PROP-02)
        draft.write({"received_at": utc("2026-05-06 08:20")})
        with self.assertRaisesRegex(UserError, "earlier time"):
            draft.write({"received_at": utc("2026-05-06 08:40")})
        self.assertEqual(draft.received_at, utc("2026-05-06 08:20"))
        order = self._running()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            order.with_user(self.technician_user).write(
                {"received_at": utc("2026-05-06 08:59")}
            )

    def test_base_57_technician_does_the_job_through_the_actions(self):
        order = self._order(received_at=utc("2026-05-06 09:00"))
        as_technician = order.with_user(self.technician_user)
        with self.at("2026-05-06 09:03"):
            as_technician.action_dispatch()
        with self.at("2026-05-06 09:15"):
            as_technician.action_arrive()
        with self.at("2026-05-06 10:00"):
            as_technician.action_complete()
        self.assertEqual(order.state, "done")
        self.assertEqual(order.completed_at, utc("2026-05-06 10:00"))
        self.assertTrue(order.kpi_on_time)

    # ------------------------------------------------- plan (PROP-04)
    def _plan_submitted(self, submitter):
        order = self._running(repair_type="major")
        order.write(
            {"expected_date": utc("2026-05-12 18:00"), "plan_note": "<p>Plan</p>"}
        )
        order.with_user(submitter).action_submit_plan()
        return order

    def test_prop_04_submitter_cannot_approve_the_plan(self):
        order = self._plan_submitted(self.maint_manager_user)
        self.assertEqual(order.plan_submitted_by, self.maint_manager_user)
        with self.assertRaisesRegex(AccessError, "four-eyes"):
            order.with_user(self.maint_manager_user).action_approve_plan_manager()
        with self.assertRaises(AccessError):
            order.with_user(self.director).action_approve_plan_manager()
        # a complaint manager stands in for one role, never for both
        order.with_user(self.manager).action_approve_plan_director()
        with self.assertRaisesRegex(UserError, "two different approvers"):
            order.with_user(self.manager).action_approve_plan_manager()
        self.assertEqual(order.plan_state, "to_approve")
        order.with_user(self.manager2).action_approve_plan_manager()
        self.assertEqual(order.plan_state, "approved")
        self.assertEqual(order.plan_manager_approved_by, self.manager2)
        self.assertEqual(order.plan_director_approved_by, self.manager)

    def test_prop_04_plan_approval_only_through_the_actions(self):
        order = self._plan_submitted(self.technician_user)
        as_technician = order.with_user(self.technician_user)
        for vals in (
            {"plan_state": "approved"},
            {"plan_manager_approved_by": self.maint_manager_user.id},
            {"plan_director_approved_at": "2026-05-07 09:00:00"},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "action_approve_plan"):
                    as_technician.write(vals)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            as_technician.write({"plan_note": "<p>Another plan</p>"})
        with self.assertRaises(AccessError):
            order.with_user(self.other_handler).action_approve_plan_manager()
        with self.assertRaises(AccessError):
            as_technician.action_reject_plan()
        order.with_user(self.maint_manager_user).action_approve_plan_manager()
        self.assertEqual(order.plan_state, "to_approve")
        with self.assertRaisesRegex(UserError, "already approved"):
            order.with_user(self.manager).action_approve_plan_manager()

    # ---------------------------------------------- callback (PROP-06)
    def _returned(self):
        order = self._running(responsibility="property")
        order.action_complete()
        order.action_return_order()
        return order

    def test_prop_06_callback_only_through_its_action_by_the_area_manager(self):
        order = self._returned()
        as_technician = order.with_user(self.technician_user)
        for vals in (
            {"callback_result": "satisfied"},
            {"state": "closed"},
            {"callback_user_id": self.technician_user.id},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "action_record_callback"):
                    as_technician.write(vals)
        with self.assertRaisesRegex(AccessError, "complaint handler"):
            as_technician.action_callback_satisfied()
        with self.assertRaisesRegex(AccessError, "Only the area manager"):
            order.with_user(self.maint_manager_user).action_callback_satisfied()
        as_area = order.with_user(self.area_manager)
        as_area.write({"callback_note": "Owner happy", "callback_method": "visit"})
        as_area.action_callback_satisfied()
        self.assertEqual(order.state, "closed")
        self.assertEqual(order.callback_result, "satisfied")
        self.assertEqual(order.callback_user_id, self.area_manager)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            as_area.write({"callback_note": "Rewritten"})

    def test_prop_06_unsatisfied_callback_opens_rework_as_area_manager(self):
        order = self._returned()
        order.with_user(self.area_manager).action_callback_dissatisfied()
        rework = order.rework_ids
        self.assertEqual(len(rework), 1)
        self.assertEqual(rework.state, "draft")
        self.assertTrue(rework.name.startswith("PG"))
        self.assertNotEqual(rework.name, order.name)
        self.assertTrue(order.complaint_id)
        self.assertEqual(order.complaint_id.received_at, order.received_at)

    # --------------------------------------------- paid service (PROP-05)
    def test_prop_05_collected_fee_and_signature_not_rewritten(self):
        order = self._running(scope="private", responsibility="owner")
        order.write(
            {
                "fee": 120.0,
                "receipt_number": "SJ-1",
                "owner_signature": SIGNATURE,
                "signed_by": "陈建国",
            }
        )
        order.with_user(self.technician_user).action_collect_fee()
        for vals in ({"fee": 1.0}, {"receipt_number": "SJ-2"}, {"signed_by": "X"}):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "can no longer be changed"):
                    order.with_user(self.technician_user).write(vals)
        with self.assertRaisesRegex(UserError, "action_collect_fee"):
            order.with_user(self.technician_user).write({"fee_collected_at": False})

    # ------------------------------------------ memorandum (PROP-09)
    def _memo(self):
        complaint = self._complaint()
        return (
            self.env["complaint.property.memorandum"]
            .with_user(self.other_handler)
            .create(
                {
                    "complaint_id": complaint.id,
                    "partner_id": self.owner.id,
                    "amount": 3000.0,
                    "terms": "<p>CNY 3,000, no further claim.</p>",
                }
            )
        )

    def test_prop_09_memorandum_signature_and_payment_only_through_actions(self):
        memo = self._memo()
        for vals in (
            {"state": "signed"},
            {"signed_at": "2026-05-06 09:00:00"},
            {"state": "paid"},
            {"paid_at": "2026-05-06 09:00:00"},
            {"name": "HJ-FORGED"},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, GUARD):
                    memo.write(vals)
        memo.write({"owner_signature": SIGNATURE, "signed_by": "陈建国"})
        memo.action_sign()
        self.assertEqual(memo.state, "signed")
        for vals in ({"amount": 99999.0}, {"terms": "<p>More</p>"}):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "signed by the owner"):
                    memo.write(vals)
        # the payment: a handler who did not draft it
        with self.assertRaisesRegex(AccessError, "four-eyes"):
            memo.action_pay()
        with self.assertRaisesRegex(AccessError, "handler"):
            memo.with_user(self.registrar).action_pay()
        memo.with_user(self.director).action_pay("BANK-1")
        self.assertEqual(memo.state, "paid")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            memo.write({"payment_reference": "BANK-2"})

    def test_prop_09_unsigned_memorandum_never_paid(self):
        memo = self._memo()
        with self.assertRaisesRegex(UserError, "signed the settlement memorandum"):
            memo.with_user(self.director).action_pay()
        with self.assertRaisesRegex(UserError, GUARD):
            self.env["complaint.property.memorandum"].with_user(
                self.other_handler
            ).create({"partner_id": self.owner.id, "amount": 1.0, "state": "paid"})

    # ----------------------------------------- contact sheet (PROP-09)
    def test_prop_09_contact_sheet_sign_off_only_through_action_four_eyes(self):
        complaint = self._complaint()
        sheet = (
            self.env["complaint.property.contact.sheet"]
            .with_user(self.manager)
            .create(
                {
                    "complaint_id": complaint.id,
                    "developer_id": self.developer.id,
                    "subject": "Leak",
                    "amount_requested": 3000.0,
                }
            )
        )
        for vals in (
            {"state": "approved"},
            {"approved_by": self.manager.id},
            {"sent_at": "2026-05-06 09:00:00"},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, GUARD):
                    sheet.write(vals)
        with self.assertRaisesRegex(AccessError, "four-eyes"):
            sheet.action_approve()
        with self.assertRaisesRegex(AccessError, "complaint manager"):
            sheet.with_user(self.other_handler).action_approve()
        sheet.with_user(self.manager2).action_approve()
        self.assertEqual(sheet.approved_by, self.manager2)
        with self.assertRaisesRegex(UserError, "signed off"):
            sheet.write({"amount_requested": 30000.0})
        sheet.action_send()
        sheet.write({"reply": "Agreed", "amount_authorized": 3000.0})
        sheet.action_record_reply()
        with self.assertRaisesRegex(UserError, "signed off"):
            sheet.write({"amount_authorized": 30000.0})

    # ------------------------------------------------- notice (PROP-10)
    def test_prop_10_notice_published_only_through_action(self):
        notice = (
            self.env["complaint.property.notice"]
            .with_user(self.other_handler)
            .create({"name": "Lift repairs", "content": "<p>Lift B</p>"})
        )
        with self.assertRaisesRegex(UserError, "action_publish"):
            notice.write({"state": "published"})
        with self.assertRaises(AccessError):
            notice.with_user(self.registrar).action_publish()
        notice.action_publish()
        self.assertEqual(notice.published_by, self.other_handler)

    # ------------------------------------- complaint escalation (PROP-08)
    def test_base_57_property_escalation_flag_cannot_be_forged(self):
        complaint = self._complaint().with_user(self.director)
        with self.assertRaisesRegex(UserError, GUARD):
            complaint.write({"prop_escalated": True})
        with self.assertRaisesRegex(UserError, GUARD):
            complaint.write({"prop_escalated_at": "2026-05-06 09:00:00"})
        # the office's judgement, typed by a handler, escalates for real
        complaint.write({"prop_compensation_first": True})
        self.assertTrue(complaint.prop_escalated)
        self.assertIn("compensation", complaint.prop_escalation_reasons)

    # ------------------------------------------------ watcher (BASE-58)
    def test_base_58_watcher_survives_a_bad_order(self):
        first = self._order(received_at=utc("2026-05-06 09:00"))
        second = self._order(received_at=utc("2026-05-06 09:00"))
        Order = type(self.env["complaint.repair.order"])
        original = Order._flag_overdue

        def flaky(order):
            if order.id == first.id:
                raise ValueError("injected fault")
            return original(order)

        with (
            patch.object(Order, "_flag_overdue", flaky),
            self.assertLogs(
                "odoo.addons.complaint_property.models.complaint_repair_order_watch",
                level="ERROR",
            ) as logs,
        ):
            self.env["complaint.repair.order"]._cron_repair_watch(
                now=utc("2026-05-06 09:10")
            )
        self.assertIn(first.name, logs.output[0])
        self.assertFalse(first.is_overdue, "the bad order is retried next time")
        self.assertTrue(second.is_overdue, "the others go on")
        self.env["complaint.repair.order"]._cron_repair_watch(
            now=utc("2026-05-06 09:11")
        )
        self.assertTrue(first.is_overdue)
