from odoo import fields, models

from ..tools import escalation

#: PROP-08 triggers (seed 000, 客户服务部投诉处理规范标准 一(一)), seed order
PROPERTY_TRIGGERS = [
    (
        "repeated_failure",
        "Repaired several times without success for more than 20 days",
    ),
    ("parts_missing", "Spare parts missing for more than 10 households with no date"),
    (
        "decoration_stopped",
        "Owner's decoration stopped or delayed for more than 7 days",
    ),
    ("leak_unresolved", "Leak or large cracks unresolved 2 days after coordination"),
    ("neighbour_dispute", "Neighbour dispute the property office cannot settle"),
    ("compensation_first", "Owner demands compensation before the repair"),
    ("compensation_after_repair", "Owner demands compensation after the repair"),
    ("large_loss", "The repair will cause the owner a large loss"),
    ("beyond_authority", "Beyond the property office's authority"),
]


class ComplaintEscalationRule(models.Model):
    """PROP-08 as data rules of the base escalation ladder.

    The condition "Property office trigger" holds when one of the nine
    situations of seed 000 applies to a property complaint (evaluated by
    the pure function ``tools.escalation.property_escalation_triggers``).
    The shipped rules raise the complaint to the "Customer service centre"
    level and reassign it to the customer service team; administrators can
    change or deactivate them per trigger.
    """

    _inherit = "complaint.escalation.rule"

    condition = fields.Selection(
        selection_add=[("property_trigger", "Property office trigger (PROP-08)")],
        ondelete={"property_trigger": "cascade"},
    )
    property_trigger = fields.Selection(
        PROPERTY_TRIGGERS,
        string="Property Trigger",
        help="Situation in which the property office hands the complaint over "
        "to the customer service department; empty: any of them.",
    )

    def _is_timed(self):
        self.ensure_one()
        if self.condition == "property_trigger":
            return self.property_trigger in escalation.TIMED_TRIGGERS
        return super()._is_timed()

    def _matches(self, complaint, now=None):
        self.ensure_one()
        if self.condition != "property_trigger":
            return super()._matches(complaint, now=now)
        if (
            complaint.sector != "property"
            or complaint.state not in escalation.WATCHED_STATES
        ):
            return False
        if self.sector and self.sector != complaint.sector:
            return False
        codes = complaint._property_triggers(now=now or fields.Datetime.now())
        if self.property_trigger:
            return self.property_trigger in codes
        return bool(codes)
