from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools.workflow_guard import forbidden_on_write
from odoo.exceptions import AccessError, UserError

from ..tools import integrity, repair_sla

REPAIR_TYPES = [
    ("emergency", "Emergency (急修)"),
    ("small", "Small (零修)"),
    ("general", "General"),
    ("major", "Major"),
]
STATES = [
    ("draft", "To Dispatch"),
    ("dispatched", "Dispatched"),
    ("on_site", "On Site"),
    ("done", "Completed"),
    ("returned", "Order Returned"),
    ("closed", "Called Back"),
    ("cancel", "Cancelled"),
]
#: the technician is on the job
ACTIVE_STATES = ("dispatched", "on_site")
#: states with a running clock (for the overdue flag and the board)
RUNNING_STATES = ("draft", "dispatched", "on_site", "done", "returned")
#: states after completion, counted by the KPIs
COMPLETED_STATES = ("done", "returned", "closed")
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
#: BASE-57: fields the work order's workflow owns -> the actions that set them
REPAIR_WORKFLOW_FIELDS = {
    "name": "numbering",
    "state": "action_dispatch action_arrive action_complete action_return_order "
    "action_record_callback action_cancel action_reset_draft",
    "dispatched_at": "action_dispatch",
    "arrival_minutes": "action_dispatch",
    "arrived_at": "action_arrive",
    "explained_at": "action_explain",
    "completed_at": "action_complete",
    "returned_at": "action_return_order action_record_callback",
    "fee_collected_at": "action_collect_fee",
    "plan_state": "action_submit_plan action_approve_plan_manager "
    "action_approve_plan_director action_reject_plan",
    "plan_submitted_by": "action_submit_plan",
    "plan_submitted_at": "action_submit_plan",
    "plan_manager_approved_by": "action_approve_plan_manager",
    "plan_manager_approved_at": "action_approve_plan_manager",
    "plan_director_approved_by": "action_approve_plan_director",
    "plan_director_approved_at": "action_approve_plan_director",
    "callback_at": "action_record_callback",
    "callback_user_id": "action_record_callback",
    "callback_result": "action_record_callback",
    "rework_of_id": "action_record_callback",
    "is_overdue": "repair-watcher",
}
#: proof that is not rewritten once recorded (BASE-57): condition -> fields
SIGNATURE_FIELDS = ("owner_signature", "signed_by")
FEE_PROOF_FIELDS = ("fee", "receipt_number") + SIGNATURE_FIELDS
CALLBACK_PROOF_FIELDS = ("callback_method", "callback_note")


class ComplaintRepairOrder(models.Model):
    """A repair work order (维修派工单), from the owner's call to the callback.

    Clock-hour targets (PROP-02/03/06), computed by ``tools/repair_sla.py``:
    order to the maintenance team 5 minutes after the request, technician on
    site 15 minutes after dispatch (company setting), emergency and small
    repairs done within 2 hours (never beyond 24), general repairs within 72
    hours, major / outsourced / parts-on-order repairs explained to the owner
    within 48 hours with an expected date, work order back 24 hours after
    completion, callback by the area manager within 72 hours.
    """

    _name = "complaint.repair.order"
    _description = "Repair Work Order"
    _inherit = [
        "complaint.workflow.guard",
        "complaint.child.access",
        "complaint.property.personal",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "received_at desc, id desc"
    _check_company_auto = True
    _workflow_fields = REPAIR_WORKFLOW_FIELDS

    name = fields.Char(
        string="Order No.", readonly=True, copy=False, default="/", index="trigram"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    complaint_id = fields.Many2one(
        "complaint.complaint",
        string="Complaint",
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
        check_company=True,
    )
    # ------------------------------------------------------------- request
    unit_id = fields.Many2one(
        "complaint.property.unit",
        string="Unit",
        index=True,
        tracking=True,
        check_company=True,
    )
    building_id = fields.Many2one(
        "complaint.property.building",
        string="Building",
        compute="_compute_building_id",
        store=True,
        readonly=False,
        index=True,
        check_company=True,
    )
    location = fields.Char(
        help="Where exactly: kitchen, lift lobby of the 12th floor, car park B2..."
    )
    partner_id = fields.Many2one(
        "res.partner", string="Owner / Caller", index=True, tracking=True
    )
    phone = fields.Char(
        help="Phone given by a caller who is not a registered contact. A work "
        "order created from a complaint carries the complaint's phone masked "
        "(BASE-55): the clear number stays on the complaint."
    )
    partner_phone = fields.Char(
        related="partner_id.phone",
        string="Owner's Phone",
        compute_sudo=False,
        help="Phone of the owner's contact record (not copied into the order).",
    )
    description = fields.Text(string="Repair Request")
    repair_type = fields.Selection(
        REPAIR_TYPES, required=True, default="general", tracking=True
    )
    scope = fields.Selection(
        [
            ("private", "Owner's Own Part"),
            ("common", "Common Facility"),
            ("quality", "Building Quality"),
        ],
        help="Owner's own part (paid service), common facility, or building "
        "quality (developer warranty, maintenance fund or owner).",
    )
    responsibility = fields.Selection(
        [
            ("developer", "Developer (Warranty)"),
            ("fund", "Maintenance Fund"),
            ("owner", "Owner (Paid Service)"),
            ("property", "Property Company"),
        ],
        tracking=True,
        help="Who pays for the repair (PROP-05).",
    )
    outsourced = fields.Boolean(
        string="Outsourced", tracking=True, help="Done by an outside contractor."
    )
    parts_on_order = fields.Boolean(
        string="Parts on Order", tracking=True, help="Parts must be bought elsewhere."
    )
    # ------------------------------------------------------- paid service
    fee = fields.Monetary(string="Fee", tracking=True)
    receipt_number = fields.Char(tracking=True, copy=False)
    owner_signature = fields.Binary(
        string="Owner's Signature", copy=False, attachment=True
    )
    signed_by = fields.Char(string="Signed By", copy=False)
    fee_collected_at = fields.Datetime(
        string="Fee Collected", readonly=True, copy=False, tracking=True
    )
    # ----------------------------------------------------------- people
    team_id = fields.Many2one(
        "hr.department",
        string="Maintenance Team",
        index=True,
        tracking=True,
        domain="[('is_maintenance_team', '=', True)]",
        check_company=True,
    )
    technician_id = fields.Many2one(
        "hr.employee",
        string="Technician",
        index=True,
        tracking=True,
        check_company=True,
    )
    technician_user_id = fields.Many2one(
        related="technician_id.user_id", string="Technician's User", store=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Follow-up Owner",
        default=lambda self: self.env.user,
        tracking=True,
        help="Whoever took the request follows it up to the end (谁受理,谁跟进).",
    )
    area_manager_id = fields.Many2one(
        "res.users",
        string="Area Manager",
        compute="_compute_area_manager_id",
        store=True,
        readonly=False,
        help="Calls the owner back after the repair (PROP-06).",
    )
    state = fields.Selection(
        STATES,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )
    # ------------------------------------------------------------ clocks
    received_at = fields.Datetime(
        string="Request Received",
        required=True,
        default=fields.Datetime.now,
        index=True,
        tracking=True,
    )
    dispatched_at = fields.Datetime(readonly=True, copy=False, tracking=True)
    arrival_minutes = fields.Integer(
        string="On-site Target (min)",
        readonly=True,
        copy=False,
        default=lambda self: self.env.company.property_arrival_minutes
        or repair_sla.DEFAULT_ARRIVAL_MINUTES,
    )
    arrived_at = fields.Datetime(string="Arrived", readonly=True, copy=False)
    explained_at = fields.Datetime(
        string="Owner Told", readonly=True, copy=False, tracking=True
    )
    expected_date = fields.Datetime(
        string="Expected Completion",
        tracking=True,
        copy=False,
        help="Completion date told to the owner (major, outsourced and "
        "parts-on-order repairs).",
    )
    completed_at = fields.Datetime(string="Completed", readonly=True, copy=False)
    returned_at = fields.Datetime(string="Order Returned", readonly=True, copy=False)
    order_deadline = fields.Datetime(
        string="Dispatch By", compute="_compute_deadlines", store=True
    )
    arrival_deadline = fields.Datetime(
        string="On Site By", compute="_compute_deadlines", store=True
    )
    completion_deadline = fields.Datetime(
        string="Complete By", compute="_compute_deadlines", store=True
    )
    completion_limit = fields.Datetime(
        string="Never Later Than", compute="_compute_deadlines", store=True
    )
    explain_deadline = fields.Datetime(
        string="Explain By", compute="_compute_deadlines", store=True
    )
    return_deadline = fields.Datetime(
        string="Return Order By", compute="_compute_closing_deadlines", store=True
    )
    callback_deadline = fields.Datetime(
        string="Call Back By", compute="_compute_closing_deadlines", store=True
    )
    next_step = fields.Selection(
        STEP_SELECTION, compute="_compute_next_step", store=True
    )
    next_deadline = fields.Datetime(
        compute="_compute_next_step", store=True, index=True
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        readonly=True,
        copy=False,
        index=True,
        help="The deadline of the current step has passed (checked every few "
        "minutes).",
    )
    # ------------------------------------------------------ measurements
    order_minutes = fields.Float(
        string="Minutes to Dispatch",
        compute="_compute_measures",
        store=True,
        aggregator="avg",
    )
    order_late = fields.Boolean(
        string="Dispatched Late", compute="_compute_measures", store=True
    )
    arrival_late = fields.Boolean(
        string="Arrived Late", compute="_compute_measures", store=True
    )
    explain_late = fields.Boolean(
        string="Explained Late", compute="_compute_measures", store=True
    )
    completion_late = fields.Boolean(
        string="Completed Late", compute="_compute_measures", store=True
    )
    limit_breached = fields.Boolean(
        string="Beyond the Limit", compute="_compute_measures", store=True
    )
    return_late = fields.Boolean(
        string="Returned Late", compute="_compute_measures", store=True
    )
    callback_late = fields.Boolean(
        string="Called Back Late", compute="_compute_measures", store=True
    )
    kpi_on_time = fields.Boolean(
        string="On Time",
        compute="_compute_measures",
        store=True,
        help="Arrived, explained and completed within their deadlines (PROP-07).",
    )
    # ------------------------------------------------- incomplete order
    to_complete = fields.Boolean(
        string="To Complete",
        compute="_compute_to_complete",
        store=True,
        help="Dispatched before the work order was filled in (emergency): "
        "complete it (PROP-02).",
    )
    missing_info = fields.Char(compute="_compute_to_complete", store=True)
    # ------------------------------------------------- callback (PROP-06)
    callback_at = fields.Datetime(string="Called Back", readonly=True, copy=False)
    callback_user_id = fields.Many2one(
        "res.users", string="Called Back By", readonly=True, copy=False
    )
    callback_method = fields.Selection(
        [("phone", "Phone"), ("visit", "Visit")], default="phone", copy=False
    )
    callback_result = fields.Selection(
        [("satisfied", "Satisfied"), ("dissatisfied", "Not Satisfied")],
        readonly=True,
        copy=False,
        tracking=True,
    )
    callback_note = fields.Text(copy=False)
    rework_of_id = fields.Many2one(
        "complaint.repair.order",
        string="Rework Of",
        index="btree_not_null",
        copy=False,
        help="The earlier order whose repair did not hold.",
    )
    rework_ids = fields.One2many("complaint.repair.order", "rework_of_id")
    rework_count = fields.Integer(compute="_compute_rework_count", store=True)
    contact_sheet_ids = fields.One2many(
        "complaint.property.contact.sheet", "repair_order_id"
    )
    memorandum_ids = fields.One2many("complaint.property.memorandum", "repair_order_id")

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A work order number must be unique per company.",
        ),
        ("fee_positive", "CHECK(fee >= 0)", "A repair fee cannot be negative."),
        (
            "arrival_minutes_positive",
            "CHECK(arrival_minutes IS NULL OR arrival_minutes > 0)",
            "The on-site time must be at least one minute.",
        ),
    ]

    # ============================================================ computes
    @api.depends("unit_id")
    def _compute_building_id(self):
        for order in self:
            order.building_id = order.unit_id.building_id or order.building_id

    @api.depends("building_id")
    def _compute_area_manager_id(self):
        for order in self:
            order.area_manager_id = (
                order.building_id.area_manager_id or order.area_manager_id
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

    def _get_missing_info(self):
        """Labels of what a complete work order still lacks (PROP-02)."""
        self.ensure_one()
        missing = []
        if not (self.unit_id or self.building_id or self.location):
            missing.append(_("unit or location"))
        if not (self.partner_id or self.phone):
            missing.append(_("owner or phone"))
        if not (self.description or "").strip():
            missing.append(_("repair request"))
        if not self.team_id:
            missing.append(_("maintenance team"))
        if not self.technician_id:
            missing.append(_("technician"))
        return missing

    @api.depends(
        "unit_id",
        "building_id",
        "location",
        "partner_id",
        "phone",
        "description",
        "team_id",
        "technician_id",
    )
    def _compute_to_complete(self):
        for order in self:
            missing = order._get_missing_info()
            order.to_complete = bool(missing)
            order.missing_info = ", ".join(missing) or False

    @api.depends("rework_ids")
    def _compute_rework_count(self):
        for order in self:
            order.rework_count = len(order.rework_ids)

    @api.depends("name", "unit_id.display_name", "location")
    def _compute_display_name(self):
        for order in self:
            where = order.unit_id.display_name or order.location
            order.display_name = f"{order.name} {where}" if where else order.name

    # ============================================================ onchange
    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        unit = self.unit_id
        if not unit:
            return
        if unit.owner_id and not self.partner_id:
            self.partner_id = unit.owner_id
        if not self.team_id and unit.building_id.maintenance_team_id:
            self.team_id = unit.building_id.maintenance_team_id
        warranty = unit.building_id.warranty_end
        if self.scope == "quality" and warranty and warranty >= fields.Date.today():
            self.responsibility = "developer"

    @api.onchange("technician_id")
    def _onchange_technician_id(self):
        if self.technician_id and not self.team_id:
            department = self.technician_id.department_id
            if department.is_maintenance_team:
                self.team_id = department

    @api.onchange("scope")
    def _onchange_scope(self):
        if self.scope == "private":
            self.responsibility = "owner"
        elif self.scope == "common":
            self.responsibility = "property"

    # ============================================================== create
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_typed_values(vals)
            self._prepare_request_vals(vals)
        orders = super().create(vals_list)
        for order in orders.filtered("complaint_id"):
            order.complaint_id.sudo().message_post(
                body=_("Repair work order %s created.", order.name),
                subtype_xmlid="mail.mt_note",
            )
        return orders

    def _workflow_create_values(self, vals_list):
        """The order number comes from the company's sequence only
        (BASE-57): the caller's values were checked before."""
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"]
                    .sudo()
                    .with_company(vals.get("company_id") or self.env.company.id)
                    .next_by_code("complaint.repair.order")
                    or "/"
                )
        return super()._workflow_create_values(vals_list)

    def _prepare_request_vals(self, vals):
        """Owner and team from the unit when the caller did not give them.
        The owner's phone is not copied: the order shows the contact's
        phone (``partner_phone``), so one record holds it (BASE-55)."""
        unit = self.env["complaint.property.unit"].browse(vals.get("unit_id") or [])
        if unit:
            if not vals.get("partner_id") and unit.owner_id:
                vals["partner_id"] = unit.owner_id.id
            if not vals.get("team_id") and unit.building_id.maintenance_team_id:
                vals["team_id"] = unit.building_id.maintenance_team_id.id
        if vals.get("technician_id") and not vals.get("team_id"):
            department = (
                self.env["hr.employee"].browse(vals["technician_id"]).department_id
            )
            if department.is_maintenance_team:
                vals["team_id"] = department.id
        return vals

    def write(self, vals):
        self._check_typed_values(vals)
        self._check_proof_kept(vals)
        res = super().write(vals)
        if "state" in vals and not self.env.context.get("repair_no_overdue_refresh"):
            now = fields.Datetime.now()
            for order in self.filtered("is_overdue"):
                if not (
                    order.state in RUNNING_STATES
                    and order.next_deadline
                    and order.next_deadline < now
                ):
                    order._workflow_write({"is_overdue": False})
        return res

    # ========================================================= integrity
    def _check_typed_values(self, vals):
        """BASE-57: deadlines, measures and KPI flags are computed, never
        typed; a request is not received in the future."""
        if self.env.su:
            return
        meta = {
            name: (bool(f.compute), f.store, bool(f.inverse), f.readonly)
            for name, f in self._fields.items()
            if name in vals
        }
        computed = integrity.computed_readonly(vals, meta)
        if computed:
            raise UserError(
                _(
                    "Work order: %s are computed from the order's times and "
                    "cannot be set.",
                    ", ".join(
                        self._fields[n]._description_string(self.env) for n in computed
                    ),
                )
            )
        received = vals.get("received_at")
        if received and integrity.is_future(
            fields.Datetime.to_datetime(received), fields.Datetime.now()
        ):
            raise UserError(_("A repair request cannot be received in the future."))

    def _check_proof_kept(self, vals):
        """BASE-57: what proves a step is not rewritten once recorded: the
        receipt time once dispatched, the fee and the owner's signature once
        collected or returned, the callback once recorded, the plan while it
        is approved or waiting for approval."""
        if self.env.su:
            return
        for order in self:
            frozen = []
            if order.state != "draft":
                frozen += forbidden_on_write(vals, ("received_at",))
            if order.fee_collected_at:
                frozen += forbidden_on_write(vals, FEE_PROOF_FIELDS)
            elif order.state in ("returned", "closed"):
                frozen += forbidden_on_write(vals, SIGNATURE_FIELDS)
            if order.callback_at:
                frozen += forbidden_on_write(vals, CALLBACK_PROOF_FIELDS)
            if order.plan_state in ("to_approve", "approved"):
                frozen += forbidden_on_write(vals, ("plan_note",))
            if order.plan_state == "to_approve":
                frozen += forbidden_on_write(vals, ("expected_date",))
            if frozen:
                raise UserError(
                    _(
                        "Work order %(name)s: %(fields)s already recorded as "
                        "proof and can no longer be changed.",
                        name=order.name,
                        fields=", ".join(
                            order._fields[n]._description_string(self.env)
                            for n in frozen
                        ),
                    )
                )

    # =========================================================== lifecycle
    def _check_state(self, allowed, action):
        """The orders are in an allowed state, and the caller may change
        them: the actions then write as superuser (BASE-57)."""
        self.check_access("write")
        for order in self:
            if order.state not in allowed:
                raise UserError(
                    _(
                        "Work order %(name)s is %(state)s: you cannot %(action)s it.",
                        name=order.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[order.state],
                        action=action,
                    )
                )

    def action_dispatch(self):
        """Send the order to the maintenance team and the technician.

        A complete order is required, except for emergencies (PROP-02):
        they may be dispatched with a technician and a place only, and are
        flagged "to complete" until the order is filled in.
        """
        self._check_state(("draft",), _("dispatch"))
        now = fields.Datetime.now()
        for order in self:
            if not order.technician_id:
                raise UserError(
                    _("Choose the technician before dispatching %s.", order.name)
                )
            missing = order._get_missing_info()
            if missing and order.repair_type != "emergency":
                raise UserError(
                    _(
                        "Complete work order %(name)s before dispatching it "
                        "(missing: %(missing)s). Only emergency repairs may be "
                        "dispatched first and filled in afterwards.",
                        name=order.name,
                        missing=", ".join(missing),
                    )
                )
            if not (
                order.unit_id or order.building_id or order.location or order.phone
            ):
                raise UserError(
                    _(
                        "Tell the technician where to go: give the unit, the "
                        "location or the caller's phone."
                    )
                )
            vals = {
                "state": "dispatched",
                "dispatched_at": now,
                "arrival_minutes": order.company_id.property_arrival_minutes
                or repair_sla.DEFAULT_ARRIVAL_MINUTES,
            }
            if (
                not order.team_id
                and order.technician_id.department_id.is_maintenance_team
            ):
                vals["team_id"] = order.technician_id.department_id.id
            order._workflow_write(vals)
            order._notify_technician()
            if order.to_complete:
                order.message_post(
                    body=_(
                        "Emergency dispatched before the work order was filled "
                        "in: complete it (missing: %s).",
                        order.missing_info,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                if order.user_id:
                    order.activity_schedule(
                        "mail.mail_activity_data_todo",
                        user_id=order.user_id.id,
                        summary=_("Complete work order %s", order.name),
                    )
        return True

    def _notify_technician(self):
        for order in self:
            user = order.technician_id.user_id
            if not user:
                continue
            order.message_subscribe(partner_ids=user.partner_id.ids)
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=_(
                    "On site by %(deadline)s: %(where)s",
                    deadline=order._format_local(order.arrival_deadline),
                    where=order.unit_id.display_name or order.location or order.phone,
                ),
                note=order.description or "",
            )

    def action_arrive(self):
        """The technician is on site (PROP-03)."""
        self._check_state(("dispatched",), _("mark on site"))
        now = fields.Datetime.now()
        self._workflow_write({"state": "on_site", "arrived_at": now})
        for order in self:
            order._feedback_activities(
                order.technician_id.user_id, _("Arrived on site")
            )
        return True

    def action_explain(self):
        """Major, outsourced or parts-on-order repair: the owner was told the
        situation and the expected date (PROP-03, within 48 hours)."""
        self._check_state(("draft", "dispatched", "on_site"), _("explain"))
        for order in self:
            if not order.expected_date:
                raise UserError(
                    _(
                        "Give the expected completion date of %s: the owner must "
                        "be told when the repair will be done.",
                        order.name,
                    )
                )
            order._workflow_write({"explained_at": fields.Datetime.now()})
            order.message_post(
                body=_(
                    "Owner told the situation of the repair; expected completion "
                    "%s.",
                    order._format_local(order.expected_date),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_complete(self):
        """The repair is done (PROP-03); long repairs need their approved
        plan (PROP-04)."""
        self._check_state(("on_site",), _("complete"))
        for order in self:
            if order.plan_required and order.plan_state != "approved":
                raise UserError(
                    _(
                        "Work order %s is expected to take more than 3 days: its "
                        "repair plan must be approved by the maintenance manager "
                        "and the property office director first.",
                        order.name,
                    )
                )
            order._workflow_write(
                {"state": "done", "completed_at": fields.Datetime.now()}
            )
            order._feedback_activities(
                order.technician_id.user_id, _("Repair completed")
            )
            if order.complaint_id:
                order.complaint_id.sudo().message_post(
                    body=_("Repair work order %s completed.", order.name),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def action_return_order(self):
        """The work order is back at the service centre (PROP-06, 24 hours);
        a paid repair needs the owner's signature on it (PROP-05)."""
        self._check_state(("done",), _("return"))
        for order in self:
            if order.to_complete:
                raise UserError(
                    _(
                        "Fill in work order %(name)s before returning it "
                        "(missing: %(missing)s).",
                        name=order.name,
                        missing=order.missing_info,
                    )
                )
            if not order.responsibility:
                raise UserError(
                    _(
                        "Record who pays for the repair of %s before returning it.",
                        order.name,
                    )
                )
            if order.responsibility == "owner" and not order.owner_signature:
                raise UserError(
                    _(
                        "Work order %s is a paid service: the owner must sign it.",
                        order.name,
                    )
                )
            order._workflow_write(
                {"state": "returned", "returned_at": fields.Datetime.now()}
            )
            if order.area_manager_id:
                order.activity_schedule(
                    "mail.mail_activity_data_call",
                    date_deadline=order._local_date(order.callback_deadline),
                    user_id=order.area_manager_id.id,
                    summary=_("Call back the owner about %s", order.name),
                )
        return True

    def action_collect_fee(self):
        """Paid service (PROP-05): never collect without a receipt and the
        owner's signature on the work order."""
        self.check_access("write")
        for order in self:
            if order.responsibility != "owner":
                raise UserError(_("Work order %s is not a paid service.", order.name))
            if order.state not in ("on_site",) + COMPLETED_STATES:
                raise UserError(
                    _("Collect the fee of %s once the repair is done.", order.name)
                )
            if order.fee <= 0:
                raise UserError(_("Enter the fee of %s first.", order.name))
            if not order.receipt_number:
                raise UserError(
                    _("Issue a receipt and enter its number: no fee without receipt.")
                )
            if not order.owner_signature:
                raise UserError(
                    _(
                        "The owner must sign the work order before the fee is "
                        "collected."
                    )
                )
            order._workflow_write({"fee_collected_at": fields.Datetime.now()})
        return True

    def _check_callback_rights(self):
        """PROP-06: callbacks are made by the area manager (a handler, the
        group the form shows the buttons to) or a reviewer."""
        user = self.env.user
        if not user.has_group("complaint_base.group_complaint_handler"):
            raise AccessError(
                _(
                    "Only a complaint handler, the building's area manager, "
                    "records the callback to the owner."
                )
            )
        if user.has_group("complaint_base.group_complaint_reviewer"):
            return
        for order in self:
            if order.area_manager_id != user:
                raise AccessError(
                    _(
                        "Only the area manager of %(building)s (%(manager)s) calls "
                        "the owner back about %(name)s.",
                        building=order.building_id.display_name or "-",
                        manager=order.area_manager_id.name or "-",
                        name=order.name,
                    )
                )

    def action_callback_satisfied(self):
        """Button: the owner is satisfied with the repair (PROP-06)."""
        return self.action_record_callback(result="satisfied")

    def action_callback_dissatisfied(self):
        """Button: the owner is not satisfied: a rework order follows."""
        return self.action_record_callback(result="dissatisfied")

    def action_record_callback(self, result=None, method=None, note=None):
        """Callback to the owner (PROP-06), by the building's area manager
        (or a reviewer); the result, who and when are written here only
        (BASE-57).  An unsatisfied owner gets a rework order, and the matter
        becomes a complaint."""
        self._check_state(("done", "returned"), _("record a callback for"))
        self._check_callback_rights()
        for order in self:
            outcome = result or order.callback_result
            if outcome not in ("satisfied", "dissatisfied"):
                raise UserError(_("Record whether the owner is satisfied."))
            vals = {
                "callback_at": fields.Datetime.now(),
                "callback_user_id": self.env.user.id,
                "callback_result": outcome,
                "state": "closed",
            }
            if method:
                vals["callback_method"] = method
            if note:
                vals["callback_note"] = note
            if order.state == "done":
                vals["returned_at"] = order.returned_at or vals["callback_at"]
            order._workflow_write(vals)
            order._feedback_activities(self.env.user, _("Owner called back"))
            if outcome == "dissatisfied":
                order._create_rework()
        return True

    def _create_rework(self):
        """Owner not satisfied: open a rework order on the same complaint
        (created when the repair had none)."""
        self.ensure_one()
        complaint = self.complaint_id or self._create_complaint(
            _("Owner not satisfied with repair %s", self.name)
        )
        # the rework's origin and number are workflow values (BASE-57)
        rework = self.sudo().copy(
            {
                "rework_of_id": self.id,
                "complaint_id": complaint.id,
                "received_at": fields.Datetime.now(),
                "description": _(
                    "Rework of %(name)s: %(note)s",
                    name=self.name,
                    note=self.callback_note or self.description or "",
                ),
            }
        )
        self.message_post(
            body=_("Owner not satisfied: rework order %s opened.", rework.name),
            subtype_xmlid="mail.mt_note",
        )
        return rework.with_env(self.env)

    def _create_complaint(self, subject):
        """A repair that drags on or fails becomes a property complaint.

        Its receipt time is the order's (fixed once dispatched, never in the
        future): the caller may register complaints, and the complaint is
        created as superuser so that this receipt time is kept (BASE-57)."""
        self.ensure_one()
        Complaint = self.env["complaint.complaint"]
        Complaint.check_access("create")
        channel = self.env.ref("complaint_base.channel_phone", raise_if_not_found=False)
        complaint = Complaint.sudo().create(
            {
                "subject": subject,
                "sector": "property",
                "property_request_type": "repair",
                "company_id": self.company_id.id,
                "unit_id": self.unit_id.id,
                "building_id": self.building_id.id,
                "partner_id": self.partner_id.id,
                "phone": self.phone,
                "received_at": self.received_at,
                "description": self.description,
                "channel_id": channel.id if channel else False,
            }
        )
        self.complaint_id = complaint
        return complaint.with_env(self.env)

    def action_create_complaint(self):
        self.ensure_one()
        self.check_access("write")
        if not self.complaint_id:
            self._create_complaint(_("Repair %s drags on", self.name))
        return self.action_open_complaint()

    def action_open_complaint(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "complaint.complaint",
            "res_id": self.complaint_id.id,
            "view_mode": "form",
        }

    def action_cancel(self):
        self._check_state(("draft", "dispatched", "on_site"), _("cancel"))
        self._workflow_write({"state": "cancel"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_reset_draft(self):
        self._check_state(("cancel",), _("reset"))
        self._workflow_write(
            {"state": "draft", "dispatched_at": False, "arrived_at": False}
        )
        return True

    # ============================================================ helpers
    def _feedback_activities(self, user, feedback):
        """Mark the user's open activities of the order as done (the daily
        progress reminders excepted)."""
        if not user:
            return
        progress = self.env.ref("complaint_property.mail_activity_type_repair_progress")
        for order in self:
            order.activity_ids.filtered(
                lambda a: a.user_id == user and a.activity_type_id != progress
            ).action_feedback(feedback=feedback)

    def _get_tz(self):
        return self.env.user.tz or "Asia/Shanghai"

    def _format_local(self, value):
        if not value:
            return "-"
        local = fields.Datetime.context_timestamp(
            self.with_context(tz=self._get_tz()), value
        )
        return local.strftime("%Y-%m-%d %H:%M")

    def _local_date(self, value):
        if not value:
            return fields.Date.context_today(self)
        return fields.Datetime.context_timestamp(
            self.with_context(tz=self._get_tz()), value
        ).date()

    # ============================================================ actions
    def action_open_reworks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_property.action_repair_order"
        )
        action["domain"] = [("rework_of_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_new_contact_sheet(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "complaint.property.contact.sheet",
            "view_mode": "form",
            "context": {
                "default_repair_order_id": self.id,
                "default_complaint_id": self.complaint_id.id,
                "default_unit_id": self.unit_id.id,
                "default_developer_id": self.building_id.developer_id.id,
                "default_subject": self.display_name,
            },
        }
