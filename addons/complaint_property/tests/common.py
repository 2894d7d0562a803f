import datetime as dt
from contextlib import contextmanager
from unittest.mock import patch

import pytz

from odoo import fields
from odoo.addons.complaint_base.tests.common import ComplaintCase
from odoo.tests import new_test_user

SHANGHAI = pytz.timezone("Asia/Shanghai")
#: a tiny PNG standing for the owner's handwritten signature
SIGNATURE = b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="


def utc(local):
    """Naive UTC datetime of a 'YYYY-MM-DD HH:MM[:SS]' wall-clock time in
    Shanghai."""
    fmt = "%Y-%m-%d %H:%M:%S" if local.count(":") == 2 else "%Y-%m-%d %H:%M"
    naive = dt.datetime.strptime(local, fmt)
    return SHANGHAI.localize(naive).astimezone(pytz.utc).replace(tzinfo=None)


def local(value):
    """'YYYY-MM-DD HH:MM' in Shanghai of a naive UTC datetime."""
    return pytz.utc.localize(value).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


class PropertyCase(ComplaintCase):
    """An estate with one building, two units, a maintenance team, the
    property office's people and a technician who has a user.

    The complaint users of every group come from the base fixture
    (``ComplaintCase``): its registrar is the front desk, its manager the
    complaint manager, its outsider a handler with no part in the repairs.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company.property_arrival_minutes = 15
        cls.other_handler = cls.outsider
        handler = "complaint_base.group_complaint_handler"
        cls.technician_user = cls._property_user(
            "p_technician", "Technician", "complaint_base.group_complaint_user"
        )
        cls.area_manager = cls._property_user("p_area", "Area Manager", handler)
        cls.maint_manager_user = cls._property_user(
            "p_maint", "Maintenance Manager", handler
        )
        cls.director = cls._property_user("p_director", "Office Director", handler)
        Employee = cls.env["hr.employee"]
        cls.team = cls.env["hr.department"].create(
            {"name": "工程维修组", "is_maintenance_team": True}
        )
        cls.maint_manager = Employee.create(
            {
                "name": "孙强",
                "user_id": cls.maint_manager_user.id,
                "department_id": cls.team.id,
            }
        )
        cls.team.manager_id = cls.maint_manager
        cls.technician = Employee.create(
            {
                "name": "黄海",
                "user_id": cls.technician_user.id,
                "department_id": cls.team.id,
            }
        )
        cls.developer = cls.env["res.partner"].create(
            {"name": "上海浦江置业有限公司", "is_company": True}
        )
        cls.building = cls.env["complaint.property.building"].create(
            {
                "estate": "某小区",
                "name": "3号楼",
                "address": "上海市浦东新区锦绣路1888弄3号",
                "developer_id": cls.developer.id,
                "maintenance_team_id": cls.team.id,
                "area_manager_id": cls.area_manager.id,
                "office_director_id": cls.director.id,
            }
        )
        cls.owner = cls.env["res.partner"].create(
            {"name": "陈建国", "phone": "+86 139 1234 5678"}
        )
        cls.unit = cls.env["complaint.property.unit"].create(
            {"building_id": cls.building.id, "name": "1201室", "owner_id": cls.owner.id}
        )
        cls.phone_channel = cls.env.ref("complaint_base.channel_phone")
        cls.cs_team = cls.env.ref("complaint_base.team_customer_service")
        cls.office_team = cls.env["complaint.team"].create(
            {"name": "Property Office", "leader_id": cls.director.id}
        )

    # ------------------------------------------------------------ helpers
    @classmethod
    def _property_user(cls, login, name, group):
        return new_test_user(
            cls.env, login, groups=group, name=name, tz="Asia/Shanghai"
        )

    @contextmanager
    def at(self, local_time):
        """Run the block as if it were ``local_time`` (Shanghai) now."""
        with patch.object(fields.Datetime, "now", return_value=utc(local_time)):
            yield

    def _order(self, **vals):
        values = {
            "unit_id": self.unit.id,
            "description": "Tap leaking in the kitchen",
            "repair_type": "general",
            "technician_id": self.technician.id,
        }
        values.update(vals)
        return self.env["complaint.repair.order"].create(values)

    def _dispatched(self, at, **vals):
        """An order received and dispatched at ``at`` (Shanghai time)."""
        vals.setdefault("received_at", utc(at))
        order = self._order(**vals)
        with self.at(at):
            order.action_dispatch()
        return order

    def _complaint(self, **vals):
        values = {
            "subject": "Leak",
            "unit_id": self.unit.id,
            "channel_id": self.phone_channel.id,
            "description": "<p>Water through the ceiling.</p>",
            "team_id": self.office_team.id,
        }
        values.update(vals)
        return self.env["complaint.complaint"].create(values)


class FourEyesCase(PropertyCase):
    """A property office with two handlers and a second manager, for the
    approvals that need someone other than the requester (BASE-57)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office_team.member_ids = cls.other_handler | cls.director
        cls.manager2 = new_test_user(
            cls.env,
            "p_manager2",
            groups="complaint_base.group_complaint_manager",
            name="Second Manager",
        )
