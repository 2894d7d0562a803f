from odoo import fields, models


class ComplaintSlaMixin(models.AbstractModel):
    """Deadlines, clock pauses and escalation of a complaint (issue: SLA).

    Kept apart from ``complaint.complaint`` so the SLA engine can be read on
    its own.  The pure arithmetic lives in ``tools/deadline.py``.
    """

    _name = "complaint.sla.mixin"
    _description = "Complaint SLA Mixin"

    ack_deadline = fields.Datetime(string="Acknowledge By", index=True, copy=False)
    first_response_deadline = fields.Datetime(
        string="First Response By", index=True, copy=False
    )
    resolution_deadline = fields.Datetime(
        string="Resolve By", index=True, copy=False, tracking=True
    )
    followup_deadline = fields.Datetime(
        string="Follow-up By", index=True, copy=False
    )
    is_overdue = fields.Boolean(string="Overdue", index=True, copy=False)
    escalation_level = fields.Integer(default=0, copy=False, tracking=True)
    sla_paused = fields.Boolean(string="Clock Paused", copy=False)
