from odoo import api, fields, models


class ComplaintPropertyUnit(models.Model):
    """A unit (房号) of a building, with its owner and residents (PROP-01)."""

    _name = "complaint.property.unit"
    _description = "Property Unit"
    _order = "building_id, name, id"
    _rec_names_search = ["name", "building_id.name", "building_id.estate", "owner_id"]

    name = fields.Char(
        string="Unit No.", required=True, help="Room number, e.g. 1201室"
    )
    building_id = fields.Many2one(
        "complaint.property.building",
        string="Building",
        required=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        related="building_id.company_id", store=True, index=True
    )
    floor = fields.Integer()
    area = fields.Float(string="Floor Area (m²)", digits=(10, 2))
    owner_id = fields.Many2one(
        "res.partner", string="Owner", index=True, help="Registered owner (业主)."
    )
    owner_phone = fields.Char(
        related="owner_id.phone", string="Owner's Phone", readonly=True
    )
    resident_ids = fields.Many2many(
        "res.partner",
        "complaint_property_unit_resident_rel",
        "unit_id",
        "partner_id",
        string="Residents",
        help="People living in the unit (tenants, family members).",
    )
    handover_date = fields.Date(string="Handed Over")
    active = fields.Boolean(default=True)
    complaint_ids = fields.One2many(
        "complaint.complaint", "unit_id", string="Complaints"
    )
    repair_order_ids = fields.One2many(
        "complaint.repair.order", "unit_id", string="Repair Orders"
    )
    complaint_count = fields.Integer(compute="_compute_counts")
    repair_order_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        (
            "building_name_uniq",
            "unique(building_id, name)",
            "This unit number already exists in the building.",
        ),
    ]

    @api.depends("name", "building_id.display_name")
    def _compute_display_name(self):
        for unit in self:
            unit.display_name = " ".join(
                part for part in (unit.building_id.display_name, unit.name) if part
            )

    def _compute_counts(self):
        complaints = dict(
            self.env["complaint.complaint"]._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["__count"]
            )
        )
        orders = dict(
            self.env["complaint.repair.order"]._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["__count"]
            )
        )
        for unit in self:
            unit.complaint_count = complaints.get(unit, 0)
            unit.repair_order_count = orders.get(unit, 0)

    def action_open_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_property.action_property_complaint"
        )
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id, "default_sector": "property"}
        return action

    def action_open_repair_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_property.action_repair_order"
        )
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id}
        return action
