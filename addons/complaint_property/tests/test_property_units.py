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
