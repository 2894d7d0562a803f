from odoo import fields, models, tools
from odoo.tools import SQL


class ComplaintRepairKpi(models.Model):
    """Repair KPIs per team and month (PROP-06/07), one row per completed
    work order.

    Each rate column is 100 or 0 for its order, so the pivot's average is
    the rate of the group: on-time rate (target ≥ 98 %), rework rate
    (≤ 1 %), callback rate (100 %).  Timeliness itself is decided by
    ``tools/repair_sla.is_on_time`` and stored on the order.
    """

    _name = "complaint.repair.kpi"
    _description = "Repair KPI Analysis"
    _inherit = ["complaint.repair.order.child"]
    _auto = False
    _order = "completed_at desc"

    order_id = fields.Many2one(
        "complaint.repair.order", string="Work Order", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("hr.department", string="Maintenance Team", readonly=True)
    technician_id = fields.Many2one("hr.employee", string="Technician", readonly=True)
    building_id = fields.Many2one(
        "complaint.property.building", string="Building", readonly=True
    )
    repair_type = fields.Selection(
        selection=lambda self: self.env["complaint.repair.order"]
        ._fields["repair_type"]
        ._description_selection(self.env),
        readonly=True,
    )
    responsibility = fields.Selection(
        selection=lambda self: self.env["complaint.repair.order"]
        ._fields["responsibility"]
        ._description_selection(self.env),
        readonly=True,
    )
    dispatched_at = fields.Datetime(readonly=True)
    completed_at = fields.Datetime(readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    on_time_rate = fields.Float(
        string="On-time Rate (%)", aggregator="avg", readonly=True
    )
    rework_rate = fields.Float(
        string="Rework Rate (%)", aggregator="avg", readonly=True
    )
    callback_rate = fields.Float(
        string="Callback Rate (%)", aggregator="avg", readonly=True
    )
    order_minutes = fields.Float(
        string="Minutes to Dispatch", aggregator="avg", readonly=True
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT o.id,
                           o.id AS order_id,
                           o.company_id,
                           o.team_id,
                           o.technician_id,
                           o.building_id,
                           o.repair_type,
                           o.responsibility,
                           o.dispatched_at,
                           o.completed_at,
                           1 AS order_count,
                           CASE WHEN o.kpi_on_time THEN 100.0 ELSE 0.0 END
                               AS on_time_rate,
                           CASE WHEN COALESCE(o.rework_count, 0) > 0
                                THEN 100.0 ELSE 0.0 END AS rework_rate,
                           CASE WHEN o.callback_at IS NOT NULL
                                THEN 100.0 ELSE 0.0 END AS callback_rate,
                           o.order_minutes
                      FROM complaint_repair_order o
                     WHERE o.completed_at IS NOT NULL
                       AND o.state != 'cancel'
                )
                """,
                SQL.identifier(self._table),
            )
        )
