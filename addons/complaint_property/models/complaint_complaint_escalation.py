import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import escalation

_logger = logging.getLogger(__name__)

#: complaint fields that feed the PROP-08 triggers
TRIGGER_FIELDS = (
    "prop_parts_missing_households",
    "prop_parts_expected_date",
    "prop_parts_replacement",
    "prop_decoration_stopped_since",
    "prop_leak_or_crack",
    "prop_coordinated_at",
    "prop_neighbour_dispute",
    "prop_compensation_first",
    "prop_compensation_after_repair",
    "prop_large_loss_expected",
    "prop_beyond_authority",
)
#: BASE-57: property fields of a complaint set by an action or the
#: escalation rules (PROP-08), never typed.  The trigger facts
#: (``prop_leak_or_crack``...) are the office's judgements: typed.
PROPERTY_WORKFLOW_FIELDS = {
    "prop_escalated": "action_escalate_customer_service escalation-rules",
    "prop_escalated_at": "action_escalate_customer_service escalation-rules",
}


class ComplaintComplaintPropertyEscalation(models.Model):
    """PROP-08: the property office hands a complaint over to the customer
    service department when one of the nine triggers holds.  The office
    records its judgements (the trigger facts); the escalation rules of
    condition ``property_trigger`` decide (``tools/escalation.py``), at
    once on a change of the facts and hourly for the time-based triggers;
    the flag and its time follow the escalation log."""

    _inherit = "complaint.complaint"

    def _past_moment_fields(self):
        """PROP-08: the coordination time feeds the escalation triggers."""
        return super()._past_moment_fields() + ("prop_coordinated_at",)

    _workflow_fields = PROPERTY_WORKFLOW_FIELDS

    prop_parts_missing_households = fields.Integer(
        string="Households Missing Parts",
        help="Households waiting for the same missing spare parts.",
    )
    prop_parts_expected_date = fields.Date(string="Parts Expected On")
    prop_parts_replacement = fields.Boolean(
        string="Only Parts Replacement",
        help="The repeated repairs only wait for spare parts to be replaced: "
        "they do not count as repeated failed repairs.",
    )
    prop_decoration_stopped_since = fields.Date(
        string="Decoration Stopped Since",
        help="The owner's decoration is stopped or delayed by the repair since.",
    )
    prop_leak_or_crack = fields.Boolean(
        string="Leak or Large Cracks",
        help="Water leaks, large hollow or cracked areas: serious for the owner.",
    )
    prop_coordinated_at = fields.Datetime(
        string="Coordinated On",
        help="When the property office and the repair team coordinated with "
        "the owner on the repair plan.",
    )
    prop_neighbour_dispute = fields.Boolean(
        string="Neighbour Dispute",
        help="Building-quality problem between neighbours (not decoration), "
        "coordination failed and the loss will grow.",
    )
    prop_compensation_first = fields.Boolean(
        string="Compensation Demanded First",
        help="The owner refuses the repair until the compensation is agreed.",
    )
    prop_compensation_after_repair = fields.Boolean(
        string="Compensation After Repair",
        help="The owner asks for compensation after the repair and the "
        "property office cannot settle it.",
    )
    prop_large_loss_expected = fields.Boolean(
        string="Large Loss Expected",
        help="The repair will cause the owner a large loss, beyond what the "
        "property office may settle.",
    )
    prop_beyond_authority = fields.Boolean(
        string="Beyond the Office's Authority",
        help="Needs the company's senior management or other departments.",
    )
    prop_escalated = fields.Boolean(
        string="Escalated to Customer Service",
        compute="_compute_prop_escalated",
        store=True,
        precompute=True,
        index=True,
        help="A property escalation rule (PROP-08) raised the complaint from the "
        "property office to the customer service department.",
    )
    prop_escalated_at = fields.Datetime(
        string="Escalated to Customer Service On",
        compute="_compute_prop_escalated",
        store=True,
        precompute=True,
    )
    prop_escalation_reasons = fields.Text(
        string="Escalation Reasons",
        compute="_compute_prop_escalation_reasons",
        compute_sudo=True,
        help="The escalation rules that applied, in the reader's language "
        "(rendered when displayed, not stored in the scheduler's language).",
    )
    prop_pending_triggers = fields.Char(
        string="Escalation Triggers Met", compute="_compute_prop_pending_triggers"
    )

    def _property_escalation_logs(self):
        self.ensure_one()
        return self.escalation_log_ids.filtered(
            lambda log: log.rule_id.condition == "property_trigger"
        ).sorted("date")

    @api.depends("escalation_log_ids.rule_id", "escalation_log_ids.date")
    def _compute_prop_escalated(self):
        for rec in self:
            logs = rec._property_escalation_logs()
            rec.prop_escalated = bool(logs)
            rec.prop_escalated_at = logs[:1].date

    @api.depends_context("lang")
    @api.depends("escalation_log_ids.rule_id", "escalation_log_ids.date")
    def _compute_prop_escalation_reasons(self):
        for rec in self:
            logs = rec._property_escalation_logs()
            rec.prop_escalation_reasons = (
                "\n".join(logs.rule_id.mapped("name")) or False
            )

    @api.depends(*TRIGGER_FIELDS, "repair_order_ids.state", "state")
    def _compute_prop_pending_triggers(self):
        labels = self._property_trigger_labels()
        now = fields.Datetime.now()
        for rec in self:
            if rec.sector != "property":
                rec.prop_pending_triggers = False
                continue
            codes = rec._property_triggers(now)
            rec.prop_pending_triggers = "; ".join(labels[c] for c in codes) or False

    def _escalation_trigger_fields(self):
        """PROP-08: the office's judgements re-evaluate the escalation rules."""
        return super()._escalation_trigger_fields() | set(TRIGGER_FIELDS)

    # ===================================================== PROP-08 escalation
    def _property_trigger_labels(self):
        """Trigger code -> translated label (those of the escalation rules)."""
        rule_field = self.env["complaint.escalation.rule"]._fields["property_trigger"]
        return dict(rule_field._description_selection(self.env))

    def _property_escalation_facts(self):
        """Plain facts for ``tools.escalation.property_escalation_triggers``."""
        self.ensure_one()
        orders = self.repair_order_ids.filtered(lambda o: o.state != "cancel")
        requests = orders.mapped("received_at")
        if self.property_request_type == "repair" and self.received_at:
            requests.append(self.received_at)
        return {
            "repair_count": len(orders),
            "first_request_at": min(requests) if requests else None,
            "fixed": self.state not in escalation.WATCHED_STATES,
            "parts_replacement": self.prop_parts_replacement,
            "parts_missing_households": self.prop_parts_missing_households,
            "parts_expected_date": self.prop_parts_expected_date,
            "decoration_stopped_since": self.prop_decoration_stopped_since,
            "leak_or_crack": self.prop_leak_or_crack,
            "coordinated_at": self.prop_coordinated_at,
            "neighbour_dispute": self.prop_neighbour_dispute,
            "compensation_first": self.prop_compensation_first,
            "compensation_after_repair": self.prop_compensation_after_repair,
            "large_loss_expected": self.prop_large_loss_expected,
            "beyond_authority": self.prop_beyond_authority,
        }

    def _property_triggers(self, now=None):
        """PROP-08 trigger codes that hold for this complaint now."""
        self.ensure_one()
        if self.sector != "property":
            return []
        return escalation.property_escalation_triggers(
            self._property_escalation_facts(), now or fields.Datetime.now()
        )

    def action_escalate_customer_service(self):
        """Button: the property office judges the matter beyond its
        authority (9th trigger of PROP-08); the escalation rule of that
        trigger hands it over to the customer service department."""
        for rec in self:
            if rec.sector != "property":
                raise UserError(
                    _("Only property complaints go to the customer service department.")
                )
            if rec.prop_escalated:
                raise UserError(
                    _(
                        "Complaint %s is already with the customer service department.",
                        rec.name,
                    )
                )
            rec.prop_beyond_authority = True
        return True

    @api.model
    def _cron_property_escalation(self, now=None):
        """Hourly: the time-based PROP-08 triggers (20 days of failed
        repairs, 7 days of stopped decoration, 2 days after coordination)
        through the base ladder's timed evaluation
        (``_apply_escalation_rules(timed=True)``)."""
        now = now or fields.Datetime.now()
        candidates = self.sudo().search(
            [
                ("sector", "=", "property"),
                ("prop_escalated", "=", False),
                ("state", "in", escalation.WATCHED_STATES),
                "|",
                "|",
                "|",
                ("prop_decoration_stopped_since", "!=", False),
                ("prop_coordinated_at", "!=", False),
                ("repair_order_ids", "!=", False),
                ("property_request_type", "=", "repair"),
            ]
        )
        for rec in candidates:
            # BASE-58: one complaint that fails does not stop the others;
            # it still matches and is retried at the next run
            try:
                with self.env.cr.savepoint():
                    rec._apply_escalation_rules(timed=True, now=now)
            except Exception:  # pylint: disable=broad-except
                _logger.exception(
                    "Property escalation failed for complaint %s; retried at "
                    "the next run.",
                    rec.name,
                )
        return True
