from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ComplaintSlaPause(models.Model):
    """A period during which a complaint's SLA clock stood still (BASE-56).

    Created by ``action_pause_sla`` and closed by ``action_resume_sla`` on
    the complaint; finished pauses push the deadlines back (clock units by
    the paused seconds, day units by the working days paused).
    """

    _name = "complaint.sla.pause"
    _inherit = [
        "complaint.workflow.guard",
        "complaint.child.access",
        "complaint.proof.kept",
    ]
    #: BASE-56/57: a pause moves deadlines, so only the pause and resume
    #: actions set its period
    _workflow_fields = dict.fromkeys(
        ("complaint_id", "reason", "start", "end", "user_id"),
        "action_pause_sla action_resume_sla",
    )
    _description = "Complaint SLA Clock Pause"
    _order = "start desc, id desc"

    complaint_id = fields.Many2one(
        "complaint.complaint", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    reason = fields.Selection(
        [
            ("waiting_complainant", "Waiting for the complainant"),
            ("external_appraisal", "External appraisal"),
            ("mediation", "Mediation"),
            ("other", "Other"),
        ],
        required=True,
        default="waiting_complainant",
    )
    note = fields.Char()
    start = fields.Datetime(required=True, default=fields.Datetime.now)
    end = fields.Datetime()
    user_id = fields.Many2one(
        "res.users", string="Paused By", default=lambda self: self.env.user
    )
    duration_seconds = fields.Float(
        compute="_compute_duration", store=True, string="Duration (s)"
    )
    duration = fields.Float(
        compute="_compute_duration",
        store=True,
        string="Duration (h)",
        help="Paused time in hours (so far, for a running pause: at resume).",
    )

    _sql_constraints = [
        (
            "end_after_start",
            'CHECK("end" IS NULL OR "end" >= "start")',
            "A clock pause cannot end before it starts.",
        ),
    ]

    @api.depends("start", "end")
    def _compute_duration(self):
        for pause in self:
            if pause.start and pause.end:
                seconds = max((pause.end - pause.start).total_seconds(), 0.0)
            else:
                seconds = 0.0
            pause.duration_seconds = seconds
            pause.duration = seconds / 3600.0

    @api.constrains("start", "end")
    def _check_dates(self):
        for pause in self:
            if pause.end and pause.end < pause.start:
                raise ValidationError(_("A clock pause cannot end before it starts."))
