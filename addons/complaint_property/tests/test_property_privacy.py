"""BASE-54/55 on the property records: work orders, progress, KPIs,
memoranda and contact sheets follow their complaint's visibility; the
complainant's phone is not copied in clear; anonymisation and destruction
leave nothing of the person behind; texts in the reader's language."""

from odoo.addons.complaint_base.tools.privacy_rules import MAINTENANCE_CTX
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import SIGNATURE, PropertyCase

CLEAR_PHONE = "+86 138 0013 8000"


class TestPropertyPrivacy(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office_team.member_ids = cls.other_handler
        cls.company2 = cls.env["res.company"].create({"name": "Other Property Co"})
        cls.reviewer2 = new_test_user(
            cls.env,
            "p_reviewer2",
            groups="complaint_base.group_complaint_reviewer",
            company_id=cls.company2.id,
            company_ids=[(6, 0, cls.company2.ids)],
            name="Reviewer of Company 2",
        )
        cls.complaint = cls._make_complaint(cls)
        action = cls.complaint.with_user(cls.other_handler).action_create_repair_order()
        cls.order = cls.env["complaint.repair.order"].browse(action["res_id"])
        cls.order.technician_id = cls.technician
        cls.order.action_dispatch()
        cls.order.action_arrive()
        cls.order.action_complete()
        cls.progress = cls.env["complaint.repair.progress"].create(
            {"order_id": cls.order.id, "note": "Ceiling dried", "percent_done": 50}
        )
        cls.memo = cls.env["complaint.property.memorandum"].create(
            {
                "complaint_id": cls.complaint.id,
                "repair_order_id": cls.order.id,
                "partner_id": cls.owner.id,
                "unit_id": cls.unit.id,
                "amount": 800.0,
                "terms": "<p>陈建国 accepts CNY 800.</p>",
                "owner_signature": SIGNATURE,
                "signed_by": "陈建国",
            }
        )
        cls.sheet = cls.env["complaint.property.contact.sheet"].create(
            {
                "repair_order_id": cls.order.id,
                "developer_id": cls.developer.id,
                "subject": "Leak at 陈建国's flat",
                "content": "<p>Owner 陈建国, 1201室</p>",
            }
        )

    @staticmethod
    def _make_complaint(cls):
        return cls.env["complaint.complaint"].create(
            {
                "subject": "Leak",
                "unit_id": cls.unit.id,
                "phone": CLEAR_PHONE,
                "channel_id": cls.phone_channel.id,
                "description": "<p>Water through the ceiling.</p>",
                "team_id": cls.office_team.id,
            }
        )

    def _children(self):
        return [
            self.order,
            self.progress,
            self.memo,
            self.sheet,
            self.env["complaint.repair.kpi"].browse(self.order.id),
        ]

    def assertHidden(self, user, records):
        """No read path gives ``user`` the records."""
        for record in records:
            Model = self.env[record._name].with_user(user)
            with self.subTest(model=record._name, user=user.login):
                domain = [("id", "=", record.id)]
                self.assertFalse(Model.search_read(domain, ["id"]))
                self.assertFalse(Model.search_count(domain))
                groups = Model.read_group(domain, ["id:count"], [])
                self.assertFalse(groups and groups[0]["__count"])
                with self.assertRaises(AccessError):
                    record.with_user(user).read(["id"])

    # --------------------------------------------------------- BASE-54
    def test_base_54_child_records_follow_the_complaint(self):
        self.assertEqual(self.sheet.complaint_id, self.complaint)
        self.assertTrue(self.env["complaint.repair.kpi"].browse(self.order.id).exists())
        # the complaint's team sees everything
        for record in self._children():
            with self.subTest(model=record._name):
                self.assertTrue(record.with_user(self.other_handler).read(["id"]))
        # the front desk of the same company sees nothing of it any more
        self.assertHidden(self.registrar, self._children())

    def test_base_54_second_company_sees_nothing(self):
        self.assertHidden(self.reviewer2, self._children())
        Order = self.env["complaint.repair.order"].with_user(self.reviewer2)
        self.assertNotIn(self.order, Order.search([]))

    def test_base_54_technician_sees_the_job_not_the_case(self):
        as_technician = self.order.with_user(self.technician_user)
        self.assertTrue(as_technician.read(["name", "description"]))
        self.assertIn(
            self.order,
            self.env["complaint.repair.order"]
            .with_user(self.technician_user)
            .search([]),
        )
        self.assertTrue(self.progress.with_user(self.technician_user).read(["note"]))
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.technician_user).read(["subject"])
        self.assertHidden(self.technician_user, [self.memo, self.sheet])

    def test_base_54_confidential_complaint_hides_its_orders_from_the_job(self):
        self.complaint.is_confidential = True
        self.assertHidden(self.technician_user, [self.order, self.progress])
        self.assertTrue(self.order.with_user(self.other_handler).read(["id"]))
        # its text (it may name the accused) is not copied into a new order
        action = self.complaint.with_user(
            self.other_handler
        ).action_create_repair_order()
        order = self.env["complaint.repair.order"].browse(action["res_id"])
        self.assertFalse(order.description)
        self.assertIn("Water", self.order.description, "non-confidential: copied")

    def test_base_54_order_without_complaint_keeps_company_rule(self):
        order = self._order(location="Lobby")
        self.assertTrue(order.with_user(self.registrar).read(["name"]))
        self.assertHidden(self.reviewer2, [order])

    # --------------------------------------------------------- BASE-55
    def test_base_55_no_clear_phone_in_work_orders(self):
        self.assertEqual(self.complaint.partner_id, self.owner)
        self.assertEqual(self.order.phone, "+86 138 **** 8000")
        self.assertNotIn("0013", self.order.phone)
        messages = self.env["mail.message"].search(
            [("model", "=", self.order._name), ("res_id", "=", self.order.id)]
        )
        for message in messages:
            self.assertNotIn("0013", message.body or "")
        tracked = messages.tracking_value_ids.filtered(
            lambda t: "0013" in (t.old_value_char or "")
            or "0013" in (t.new_value_char or "")
        )
        self.assertFalse(tracked)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", self.order._name), ("res_id", "=", self.order.id)]
        )
        self.assertFalse(
            [a for a in activities if "0013" in (a.summary or "") + (a.note or "")]
        )

    def test_base_55_anonymising_the_complaint_anonymises_its_property_records(self):
        self.order.message_post(body="Owner 陈建国 called")
        self.complaint._pi_anonymise()
        self.assertFalse(self.complaint.unit_id)
        self.assertEqual(self.complaint.building_id, self.building)
        order = self.order
        self.assertFalse(order.partner_id or order.phone or order.unit_id)
        self.assertEqual(order.building_id, self.building, "kept for statistics")
        self.assertEqual(order.state, "done", "kept for the KPIs")
        self.assertNotIn("Water", order.description)
        self.assertNotIn("Ceiling", self.progress.note)
        self.assertFalse(
            self.env["mail.message"].search_count(
                [("model", "=", order._name), ("res_id", "=", order.id)]
            )
        )
        memo = self.memo
        self.assertFalse(memo.partner_id or memo.unit_id or memo.signed_by)
        self.assertFalse(memo.owner_signature)
        self.assertNotIn("陈建国", memo.terms or "")
        self.assertEqual(memo.amount, 800.0)
        self.assertNotIn("陈建国", self.sheet.subject)
        self.assertFalse(self.sheet.content)

    def test_base_55_deleting_the_complaint_leaves_no_orphan(self):
        records = {r._name: r.id for r in self._children()[:4]}
        self.complaint.sudo().with_context(**{MAINTENANCE_CTX: True}).unlink()
        for model, rid in records.items():
            with self.subTest(model=model):
                self.assertFalse(self.env[model].browse(rid).exists())
                self.assertFalse(
                    self.env["mail.message"].search_count(
                        [("model", "=", model), ("res_id", "=", rid)]
                    )
                )

    # ----------------------------------------------------------- issue 13
    def test_issue_13_escalation_reason_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["complaint_property"], ["zh_CN"], overwrite=True
        )
        self.complaint.write({"prop_compensation_first": True})
        self.assertTrue(self.complaint.prop_escalated)
        field = self.complaint._fields["prop_escalation_reasons"]
        self.assertFalse(field.store, "rendered when read, not stored")
        english = self.complaint.with_context(lang="en_US").prop_escalation_reasons
        chinese = self.complaint.with_context(lang="zh_CN").prop_escalation_reasons
        self.assertIn("compensation before the repair", english)
        self.assertIn("业主", chinese)
        self.assertNotIn("compensation", chinese)
