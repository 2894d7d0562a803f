import logging

from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools import masking
from odoo.addons.complaint_base.tools.deadline import compute_deadline
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..tools import escalation

_logger = logging.getLogger(__name__)

#: PROP-10: non-repair property complaints are answered within 3 working days
REPLY_WORKING_DAYS = 3
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


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    sector = fields.Selection(
        selection_add=[("property", "Property Management")],
        ondelete={"property": "set default"},
    )
    unit_id = fields.Many2one(
        "complaint.property.unit",
        string="Unit",
        index="btree_not_null",
        tracking=True,
        help="Unit (房号) the owner complains about or asks a repair for (PROP-01).",
    )
    building_id = fields.Many2one(
        "complaint.property.building",
        string="Building",
        compute="_compute_building_id",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    property_request_type = fields.Selection(
        [("complaint", "Complaint"), ("repair", "Repair Request")],
        string="Request Type",
        default="complaint",
        tracking=True,
        help="Repair requests (报修) are handled through work orders; other "
        "complaints get a reply within 3 working days (PROP-10).",
    )
    repair_order_ids = fields.One2many(
        "complaint.repair.order", "complaint_id", string="Repair Orders"
    )
    repair_order_count = fields.Integer(compute="_compute_property_counts")
    contact_sheet_ids = fields.One2many(
        "complaint.property.contact.sheet", "complaint_id", string="Work Contact Sheets"
    )
    contact_sheet_count = fields.Integer(compute="_compute_property_counts")
    memorandum_ids = fields.One2many(
        "complaint.property.memorandum", "complaint_id", string="Settlement Memoranda"
    )
    memorandum_count = fields.Integer(compute="_compute_property_counts")
    notice_ids = fields.Many2many(
        "complaint.property.notice",
        "complaint_property_notice_complaint_rel",
        "complaint_id",
        "notice_id",
        string="Common-Issue Notices",
    )
    property_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Property Currency"
    )
    compensation_paid = fields.Monetary(
        compute="_compute_property_counts",
        currency_field="property_currency_id",
        help="Compensation paid under signed settlement memoranda (PROP-09).",
    )
    # ------------------------------------------- PROP-08 trigger facts
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
        index=True,
        help="A property escalation rule (PROP-08) raised the complaint from the "
        "property office to the customer service department.",
    )
    prop_escalated_at = fields.Datetime(
        string="Escalated to Customer Service On",
        compute="_compute_prop_escalated",
        store=True,
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

    # ============================================================ computes
    @api.depends("unit_id")
    def _compute_building_id(self):
        for rec in self:
            rec.building_id = rec.unit_id.building_id or rec.building_id

    def _compute_property_counts(self):
        for rec in self:
            rec.repair_order_count = len(rec.repair_order_ids)
            rec.contact_sheet_count = len(rec.contact_sheet_ids)
            rec.memorandum_count = len(rec.memorandum_ids)
            rec.compensation_paid = sum(
                rec.memorandum_ids.filtered(lambda m: m.state == "paid").mapped(
                    "amount"
                )
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

    # ============================================================ onchange
    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        if self.unit_id:
            self.sector = "property"
            if not self.partner_id and self.unit_id.owner_id:
                self.partner_id = self.unit_id.owner_id

    # ============================================================== create
    def _prepare_intake_vals(self, vals):
        """A complaint about a unit is a property complaint by its owner."""
        if vals.get("unit_id"):
            vals.setdefault("sector", "property")
            if not vals.get("partner_id") and not vals.get("contact_name"):
                unit = self.env["complaint.property.unit"].browse(vals["unit_id"])
                if unit.owner_id:
                    vals["partner_id"] = unit.owner_id.id
        return super()._prepare_intake_vals(vals)

    # ===================================================== escalation hooks
    def _escalation_trigger_fields(self):
        """PROP-08: the office's judgements re-evaluate the escalation rules."""
        return super()._escalation_trigger_fields() | set(TRIGGER_FIELDS)

    # ============================================================ SLA hooks
    def _sla_trigger_fields(self):
        return super()._sla_trigger_fields() | {"property_request_type"}

    def _get_sla_targets(self):
        """PROP-10: a property complaint that is not a repair request is
        answered (result replied, the base ``resolution`` target) within 3
        working days at most, whatever its severity; a stricter policy
        target is kept.  Repair requests follow their work orders' clocks."""
        targets = super()._get_sla_targets()
        if self.sector != "property" or self.property_request_type == "repair":
            return targets
        if not self.received_at:
            return targets
        cap = {
            "amount": REPLY_WORKING_DAYS,
            "unit": "working_days",
            "start": self.received_at,
        }
        current = targets.get("resolution")
        if current and current.get("start"):
            calendar = self._get_sla_calendar()
            current_deadline = compute_deadline(
                fields.Datetime.to_datetime(current["start"]),
                current["amount"],
                current["unit"],
                calendar,
            )
            cap_deadline = compute_deadline(
                self.received_at, REPLY_WORKING_DAYS, "working_days", calendar
            )
            if current_deadline <= cap_deadline:
                return targets
        return dict(targets, resolution=cap)

    def _check_can_resolve(self):
        """A property complaint is resolved once its repairs are done."""
        res = super()._check_can_resolve()
        running = self.repair_order_ids.filtered(
            lambda o: o.state in ("draft", "dispatched", "on_site")
        )
        if running:
            raise UserError(
                _(
                    "Complaint %(name)s still has repairs under way: %(orders)s.",
                    name=self.name,
                    orders=", ".join(running.mapped("name")),
                )
            )
        return res

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

    # ============================================================= actions
    def action_create_repair_order(self):
        """PROP-02: turn the owner's repair request into a work order."""
        self.ensure_one()
        if self.state in ("closed", "invalid"):
            raise UserError(_("Complaint %s is finished: reopen it first.", self.name))
        received = (
            self.received_at
            if self.property_request_type == "repair" and not self.repair_order_ids
            else fields.Datetime.now()
        )
        # BASE-55: the order references the complainant's contact; the
        # phone given on the complaint is copied masked, never in clear
        order = self.env["complaint.repair.order"].create(
            {
                "complaint_id": self.id,
                "company_id": self.company_id.id,
                "unit_id": self.unit_id.id,
                "building_id": self.building_id.id,
                "partner_id": self.partner_id.id,
                "phone": masking.mask_phone(self.sudo().phone) or False,
                "description": self._repair_request_text(),
                "received_at": received,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "complaint.repair.order",
            "res_id": order.id,
            "view_mode": "form",
        }

    def _repair_request_text(self):
        """What the work order tells the technician.  A confidential
        complaint's text (it may name the accused) is not copied into the
        order: the handler writes the repair request (BASE-54)."""
        self.ensure_one()
        if self.is_confidential:
            return False
        return html2plaintext(self.description or "").strip() or self.subject

    def _property_action(self, xmlid, model_field):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [(model_field, "=", self.id)]
        action["context"] = {
            "default_complaint_id": self.id,
            "default_unit_id": self.unit_id.id,
        }
        return action

    def action_open_repair_orders(self):
        return self._property_action(
            "complaint_property.action_repair_order", "complaint_id"
        )

    def action_open_contact_sheets(self):
        action = self._property_action(
            "complaint_property.action_property_contact_sheet", "complaint_id"
        )
        action["context"]["default_developer_id"] = self.building_id.developer_id.id
        action["context"]["default_subject"] = self.display_name
        return action

    def action_open_memoranda(self):
        action = self._property_action(
            "complaint_property.action_property_memorandum", "complaint_id"
        )
        action["context"]["default_partner_id"] = self.partner_id.id
        return action
