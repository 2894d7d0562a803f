from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools import masking
from odoo.addons.complaint_base.tools.deadline import compute_deadline
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

#: PROP-10: non-repair property complaints are answered within 3 working days
REPLY_WORKING_DAYS = 3


class ComplaintComplaint(models.Model):
    """The property sector of a complaint: the unit and building it is
    about (PROP-01), repair requests turned into work orders (PROP-02), the
    3-working-day reply of other property complaints (PROP-10), and its
    memoranda, contact sheets and notices.  The escalation to customer
    service (PROP-08) is in ``complaint_complaint_escalation.py``."""

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
        precompute=True,
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

    # ============================================================ onchange
    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        if self.unit_id:
            self.sector = "property"
            if not self.partner_id and self.unit_id.owner_id:
                self.partner_id = self.unit_id.owner_id

    # ============================================================== create
    @api.model_create_multi
    def create(self, vals_list):
        """Read the units of a batch and their owners and buildings in one
        query (``_prepare_intake_vals`` and the building, precomputed
        before the INSERT, then read them from the cache)."""
        units = self.env["complaint.property.unit"].browse(
            {vals["unit_id"] for vals in vals_list if vals.get("unit_id")}
        )
        units.fetch(["owner_id", "building_id"])
        return super().create(vals_list)

    def _prepare_intake_vals(self, vals):
        """A complaint about a unit is a property complaint by its owner."""
        if vals.get("unit_id"):
            vals.setdefault("sector", "property")
            if not vals.get("partner_id") and not vals.get("contact_name"):
                unit = self.env["complaint.property.unit"].browse(vals["unit_id"])
                if unit.owner_id:
                    vals["partner_id"] = unit.owner_id.id
        return super()._prepare_intake_vals(vals)

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
