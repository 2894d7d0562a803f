from odoo import api, fields, models

from ..tools import repair_sla

STEP_SELECTION = [
    ("dispatch", "Dispatch"),
    ("arrive", "Arrive on Site"),
    ("explain", "Explain to Owner"),
    ("complete", "Complete"),
    ("return", "Return Order"),
    ("callback", "Call Back"),
]
#: fields the deadlines depend on (also the order's own inputs)
DEADLINE_INPUTS = (
    "repair_type",
    "received_at",
    "dispatched_at",
    "arrival_minutes",
    "expected_date",
    "outsourced",
    "parts_on_order",
)


class ComplaintRepairOrderClock(models.Model):
    """The clock-hour targets of a work order (PROP-02/03/06) and what was
    measured against them (PROP-07), all computed by
    ``tools/repair_sla.py`` from the order's times: nobody types them
    (BASE-57, ``_check_typed_values``)."""

    _inherit = "complaint.repair.order"

    order_deadline = fields.Datetime(
        string="Dispatch By", compute="_compute_deadlines", store=True, precompute=True
    )
    arrival_deadline = fields.Datetime(
        string="On Site By", compute="_compute_deadlines", store=True, precompute=True
    )
    completion_deadline = fields.Datetime(
        string="Complete By", compute="_compute_deadlines", store=True, precompute=True
    )
    completion_limit = fields.Datetime(
        string="Never Later Than",
        compute="_compute_deadlines",
        store=True,
        precompute=True,
    )
    explain_deadline = fields.Datetime(
        string="Explain By", compute="_compute_deadlines", store=True, precompute=True
    )
    return_deadline = fields.Datetime(
        string="Return Order By",
        compute="_compute_closing_deadlines",
        store=True,
        precompute=True,
    )
    callback_deadline = fields.Datetime(
        string="Call Back By",
        compute="_compute_closing_deadlines",
        store=True,
        precompute=True,
    )
    next_step = fields.Selection(
        STEP_SELECTION, compute="_compute_next_step", store=True, precompute=True
    )
    next_deadline = fields.Datetime(
        compute="_compute_next_step", store=True, precompute=True, index=True
    )
    # ------------------------------------------------------ measurements
    order_minutes = fields.Float(
        string="Minutes to Dispatch",
        compute="_compute_measures",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    order_late = fields.Boolean(
        string="Dispatched Late",
        compute="_compute_measures",
        store=True,
        precompute=True,
    )
    arrival_late = fields.Boolean(
        string="Arrived Late", compute="_compute_measures", store=True, precompute=True
    )
    explain_late = fields.Boolean(
        string="Explained Late",
        compute="_compute_measures",
        store=True,
        precompute=True,
    )
    completion_late = fields.Boolean(
        string="Completed Late",
        compute="_compute_measures",
        store=True,
        precompute=True,
    )
    limit_breached = fields.Boolean(
        string="Beyond the Limit",
        compute="_compute_measures",
        store=True,
        precompute=True,
    )
    return_late = fields.Boolean(
        string="Returned Late", compute="_compute_measures", store=True, precompute=True
    )
    callback_late = fields.Boolean(
        string="Called Back Late",
        compute="_compute_measures",
        store=True,
        precompute=True,
    )
    kpi_on_time = fields.Boolean(
        string="On Time",
        compute="_compute_measures",
        store=True,
        precompute=True,
        help="Arrived, explained and completed within their deadlines (PROP-07).",
    )

    @api.depends(*DEADLINE_INPUTS)
    def _compute_deadlines(self):
        for order in self:
            values = repair_sla.repair_deadlines(
                order.repair_type,
                received_at=order.received_at,
                dispatched_at=order.dispatched_at,
                arrival_minutes=order.arrival_minutes
                or repair_sla.DEFAULT_ARRIVAL_MINUTES,
                expected_date=order.expected_date,
                outsourced=order.outsourced,
                parts_on_order=order.parts_on_order,
            )
            order.update({key: value or False for key, value in values.items()})

    @api.depends("completed_at")
    def _compute_closing_deadlines(self):
        for order in self:
            values = repair_sla.closing_deadlines(order.completed_at)
            order.update({key: value or False for key, value in values.items()})

    @api.depends(
        "state",
        "explained_at",
        "order_deadline",
        "arrival_deadline",
        "completion_deadline",
        "explain_deadline",
        "return_deadline",
        "callback_deadline",
    )
    def _compute_next_step(self):
        for order in self:
            step, deadline = repair_sla.next_step(
                order.state, order._deadline_values(), explained_at=order.explained_at
            )
            order.next_step = step or False
            order.next_deadline = deadline or False

    def _deadline_values(self):
        self.ensure_one()
        return {
            key: self[key] or None
            for key in (
                "order_deadline",
                "arrival_deadline",
                "completion_deadline",
                "completion_limit",
                "explain_deadline",
                "return_deadline",
                "callback_deadline",
            )
        }

    @api.depends(
        "received_at",
        "dispatched_at",
        "arrived_at",
        "explained_at",
        "completed_at",
        "returned_at",
        "callback_at",
        "order_deadline",
        "arrival_deadline",
        "explain_deadline",
        "completion_deadline",
        "completion_limit",
        "return_deadline",
        "callback_deadline",
    )
    def _compute_measures(self):
        late = repair_sla.is_late
        for order in self:
            minutes = repair_sla.minutes_between(order.received_at, order.dispatched_at)
            order.order_minutes = max(minutes or 0.0, 0.0)
            order.order_late = late(order.order_deadline, order.dispatched_at)
            order.arrival_late = late(order.arrival_deadline, order.arrived_at)
            order.explain_late = late(order.explain_deadline, order.explained_at)
            order.completion_late = late(order.completion_deadline, order.completed_at)
            order.limit_breached = late(order.completion_limit, order.completed_at)
            order.return_late = late(order.return_deadline, order.returned_at)
            order.callback_late = late(order.callback_deadline, order.callback_at)
            order.kpi_on_time = bool(
                repair_sla.is_on_time(
                    order.completed_at,
                    arrival_deadline=order.arrival_deadline,
                    arrived_at=order.arrived_at,
                    completion_deadline=order.completion_deadline,
                    explain_deadline=order.explain_deadline,
                    explained_at=order.explained_at,
                )
            )
