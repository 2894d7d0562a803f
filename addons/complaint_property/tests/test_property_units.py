import re
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.tests import Form
from odoo.tools import mute_logger

from .common import PropertyCase


class TestPropertyUnits(PropertyCase):
    def test_prop_01_unit_names_building_and_owner(self):
        self.assertEqual(self.unit.display_name, "某小区 3号楼 1201室")
        self.assertEqual(self.unit.company_id, self.building.company_id)
        found = self.env["complaint.property.unit"].name_search("陈建国")
        self.assertIn(self.unit.id, [row[0] for row in found])
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["complaint.property.unit"].create(
                {"building_id": self.building.id, "name": "1201室"}
            )

    def test_prop_01_complaint_carries_unit_owner_and_building(self):
        complaint = self._complaint(subject="楼上漏水")
        self.assertEqual(complaint.sector, "property")
        self.assertEqual(complaint.partner_id, self.owner)
        self.assertEqual(complaint.phone, "+86 139 1234 5678")
        self.assertEqual(complaint.building_id, self.building)
        self.assertEqual(self.unit.complaint_count, 1)
        # a tenant (resident) complaining keeps their own name
        tenant = self.env["res.partner"].create({"name": "Tom Becker"})
        self.unit.resident_ids = tenant
        other = self._complaint(partner_id=tenant.id)
        self.assertEqual(other.partner_id, tenant)

    def test_prop_01_form_unit_fills_sector_and_owner(self):
        form = Form(self.env["complaint.complaint"])
        form.subject = "Noise"
        form.unit_id = self.unit
        self.assertEqual(form.sector, "property")
        self.assertEqual(form.partner_id, self.owner)
        form.channel_id = self.phone_channel
        complaint = form.save()
        self.assertEqual(complaint.unit_id, self.unit)

    def test_prop_01_repair_order_carries_unit_owner_team(self):
        order = self.env["complaint.repair.order"].create(
            {"unit_id": self.unit.id, "description": "Door lock broken"}
        )
        self.assertTrue(order.name.startswith("PG"))
        self.assertEqual(order.partner_id, self.owner)
        # BASE-55: the owner's phone is shown from the contact, not copied
        self.assertFalse(order.phone)
        self.assertEqual(order.partner_phone, "+86 139 1234 5678")
        self.assertEqual(order.building_id, self.building)
        self.assertEqual(order.team_id, self.team)
        self.assertEqual(order.area_manager_id, self.area_manager)
        self.assertEqual(self.unit.repair_order_count, 1)

    def _statements(self, func):
        """SQL statements run by ``func()`` and the flush that follows."""
        statements = []
        original = self.env.cr.execute

        def execute(query, params=None, log_exceptions=True):
            statements.append(str(getattr(query, "code", query)))
            return original(query, params, log_exceptions)

        with patch.object(self.env.cr, "execute", execute):
            func()
            self.env.flush_all()
        return statements

    def test_prop_01_unit_complaints_registered_in_one_insert(self):
        """Issue 14: the building and the escalation flags are decided
        before the INSERT (no second write of the new rows), and the units
        of a batch are read together."""
        units = self.unit | self.env["complaint.property.unit"].create(
            [
                {"building_id": self.building.id, "name": f"{floor}01室"}
                for floor in (5, 6)
            ]
        )
        self.env.invalidate_all()
        values = [
            {"subject": "Leak", "unit_id": unit.id, "channel_id": self.phone_channel.id}
            for unit in units
        ]
        created = []
        statements = self._statements(
            lambda: created.append(self.env["complaint.complaint"].create(values))
        )
        complaints = created[0]
        self.assertEqual(complaints.building_id, self.building)
        self.assertFalse(any(complaints.mapped("prop_escalated")))
        # the property columns are in the INSERT, never in a later UPDATE
        Complaint = self.env["complaint.complaint"]
        ours = {
            name
            for name, field in Complaint._fields.items()
            if field._module == "complaint_property" and field.store
        }
        self.assertIn("building_id", ours)
        updated = {
            column
            for statement in statements
            if statement.lstrip().startswith('UPDATE "complaint_complaint"')
            for column in re.findall(r'"(\w+)" = "__tmp"', statement)
        }
        self.assertFalse(
            updated & ours, "the new complaints were written a second time"
        )
        unit_reads = [
            s
            for s in statements
            if s.startswith("SELECT") and 'FROM "complaint_property_unit"' in s
        ]
        self.assertLessEqual(len(unit_reads), 1, unit_reads)

    def test_prop_02_work_orders_registered_in_one_insert(self):
        """Issue 14: the deadlines, measures and flags of new work orders
        go in the INSERT (no second write of the new rows)."""
        values = [
            {
                "unit_id": self.unit.id,
                "description": f"Leak {n}",
                "technician_id": self.technician.id,
                "repair_type": kind,
            }
            for n, kind in enumerate(("emergency", "general", "major"))
        ]
        self.env.invalidate_all()
        created = []
        statements = self._statements(
            lambda: created.append(self.env["complaint.repair.order"].create(values))
        )
        orders = created[0]
        self.assertTrue(all(orders.mapped("order_deadline")))
        self.assertEqual(orders.mapped("next_step"), ["dispatch"] * 3)
        self.assertEqual(orders.mapped("building_id"), self.building)
        updates = [
            statement
            for statement in statements
            if statement.lstrip().startswith('UPDATE "complaint_repair_order"')
        ]
        self.assertFalse(updates, "the new work orders were written a second time")
