from odoo import fields, models

from ..tools.repair_sla import DEFAULT_ARRIVAL_MINUTES


class ResCompany(models.Model):
    _inherit = "res.company"

    property_arrival_minutes = fields.Integer(
        string="Technician On Site Within (minutes)",
        default=DEFAULT_ARRIVAL_MINUTES,
        help="Clock minutes between dispatch and the technician's arrival on "
        "site (PROP-03); applies to the work orders dispatched from now on.",
    )
    _sql_constraints = [
        (
            "property_arrival_minutes_positive",
            "CHECK(property_arrival_minutes IS NULL OR property_arrival_minutes > 0)",
            "The on-site time of technicians must be at least one minute.",
        ),
    ]
