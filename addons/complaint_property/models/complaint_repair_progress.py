from odoo import api, fields, models


class ComplaintRepairProgress(models.Model):
    """One day of progress of a long repair (PROP-04: 每日登记完成进程表)."""

    _name = "complaint.repair.progress"
    _description = "Repair Daily Progress"
    _inherit = ["complaint.repair.order.child", "complaint.proof.kept"]
    _order = "date desc, id desc"

    order_id = fields.Many2one(
        "complaint.repair.order",
        string="Work Order",
        required=True,
        index=True,
        ondelete="cascade",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    note = fields.Text(string="Work Done", required=True)
    percent_done = fields.Float(string="Done (%)", digits=(5, 1))
    user_id = fields.Many2one(
        "res.users", string="Logged By", default=lambda self: self.env.user
    )

    _sql_constraints = [
        (
            "percent_range",
            "CHECK(percent_done >= 0 AND percent_done <= 100)",
            "The share done is a percentage between 0 and 100.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for date in set(lines.mapped("date")):
            lines.filtered(
                lambda line, d=date: line.date == d
            ).order_id._progress_logged(date)
        return lines
