from odoo import api, fields, models


class ComplaintPropertyBuilding(models.Model):
    """A building of a managed estate (小区), with the people in charge."""

    _name = "complaint.property.building"
    _description = "Property Building"
    _order = "estate, sequence, name, id"
    _check_company_auto = True

    name = fields.Char(string="Building", required=True, help="e.g. 3号楼")
    estate = fields.Char(
        string="Estate", index=True, help="Residential estate (小区) of the building."
    )
    address = fields.Char(help="e.g. 上海市浦东新区锦绣路1888弄3号")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    developer_id = fields.Many2one(
        "res.partner",
        string="Developer",
        help="Developer (开发商) that owes the warranty repairs; work contact "
        "sheets go to them (PROP-09).",
    )
    warranty_end = fields.Date(
        string="Developer Warranty Until",
        help="Until this date, building-quality repairs are the developer's.",
    )
    maintenance_team_id = fields.Many2one(
        "hr.department",
        string="Maintenance Team",
        domain="[('is_maintenance_team', '=', True)]",
        check_company=True,
    )
    area_manager_id = fields.Many2one(
        "res.users",
        string="Area Manager",
        help="Area manager (片区管理员) who calls owners back after repairs (PROP-06).",
    )
    office_director_id = fields.Many2one(
        "res.users",
        string="Property Office Director",
        help="Director of the property office (管理处主任): first responsible for "
        "owners' complaints; approves repair plans over 3 days (PROP-04).",
    )
    unit_ids = fields.One2many("complaint.property.unit", "building_id", string="Units")
    unit_count = fields.Integer(compute="_compute_unit_count")

    _sql_constraints = [
        (
            "name_estate_company_uniq",
            "unique(name, estate, company_id)",
            "This building already exists in the estate.",
        ),
    ]

    @api.depends("name", "estate")
    def _compute_display_name(self):
        for building in self:
            building.display_name = " ".join(
                part for part in (building.estate, building.name) if part
            )

    def _compute_unit_count(self):
        data = self.env["complaint.property.unit"]._read_group(
            [("building_id", "in", self.ids)], ["building_id"], ["__count"]
        )
        counts = {building.id: count for building, count in data}
        for building in self:
            building.unit_count = counts.get(building.id, 0)

    def action_open_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_property.action_property_unit"
        )
        action["domain"] = [("building_id", "=", self.id)]
        action["context"] = {"default_building_id": self.id}
        return action
