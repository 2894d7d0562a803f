from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import sla_policy

UNIT_SELECTION = [
    ("minutes", "Minutes"),
    ("hours", "Hours"),
    ("working_hours", "Working Hours"),
    ("working_days", "Working Days"),
    ("calendar_days", "Calendar Days"),
]

#: start event of a target -> complaint field holding its moment
START_FIELDS = {
    "received": "received_at",
    "accepted": "accepted_at",
    "resolved": "resolved_at",
}


def target_start(start_event, complaint):
    """Naive UTC start of the clock of a target counted from
    ``start_event`` for ``complaint`` (False: not yet)."""
    return complaint[START_FIELDS.get(start_event, "received_at")] or False


def as_target(amount, unit, start_event, complaint):
    """The contract's target dict (``_get_sla_targets``) of a target."""
    return {
        "amount": sla_policy.target_amount(amount, unit),
        "unit": unit,
        "start": target_start(start_event, complaint),
    }


class ComplaintSlaTarget(models.Model):
    """One time limit of an SLA policy: "resolve within 3 working days of
    receipt".  Sector addons add kinds with ``selection_add`` on ``kind``
    (and map them to a complaint field in ``_sla_deadline_field``)."""

    _name = "complaint.sla.target"
    _inherit = ["complaint.registry.cached"]
    _description = "Complaint SLA Target"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        "complaint.sla.policy", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("acknowledge", "Acknowledge"),
            ("first_response", "First Response"),
            ("resolution", "Resolution"),
            ("followup", "Follow-up Visit"),
        ],
        required=True,
        help="Which deadline of the complaint this target sets.",
    )
    amount = fields.Float(required=True, default=1.0)
    unit = fields.Selection(UNIT_SELECTION, required=True, default="working_days")
    start_event = fields.Selection(
        [
            ("received", "Complaint received"),
            ("accepted", "Complaint accepted"),
            ("resolved", "Complaint resolved"),
        ],
        string="Counted From",
        required=True,
        default="received",
        help="The event that starts the clock. The day of the event itself is "
        "not counted for day units (Civil Code art. 201).",
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)

    _sql_constraints = [
        (
            "kind_policy_uniq",
            "unique(policy_id, kind)",
            "A policy can only have one target per kind of deadline.",
        ),
        ("amount_positive", "CHECK(amount >= 0)", "A target cannot be negative."),
    ]

    @api.constrains("amount", "unit")
    def _check_whole_days(self):
        for target in self:
            if (
                target.unit in ("working_days", "calendar_days")
                and not float(target.amount).is_integer()
            ):
                raise ValidationError(
                    _("A target counted in days must be a whole number of days.")
                )

    @api.depends("kind", "amount", "unit")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        units = dict(self._fields["unit"]._description_selection(self.env))
        for target in self:
            amount = target.amount
            amount = int(amount) if float(amount).is_integer() else amount
            target.display_name = (
                f"{kinds.get(target.kind, '')}: {amount} {units.get(target.unit, '')}"
            )

    def _get_start(self, complaint):
        """Naive UTC start of the clock for ``complaint`` (False: not yet)."""
        self.ensure_one()
        return target_start(self.start_event, complaint)

    def _as_target(self, complaint):
        """The contract's target dict for ``complaint``."""
        self.ensure_one()
        return as_target(self.amount, self.unit, self.start_event, complaint)
