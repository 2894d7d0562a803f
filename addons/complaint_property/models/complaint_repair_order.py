from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools.deadline import DEFAULT_TZ

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
#: BASE-57: fields of the order itself its workflow owns -> the actions
#: that set them (each concern's file declares its own: the guard merges them)
ORDER_WORKFLOW_FIELDS = {
    "name": "numbering",
    "state": "action_dispatch action_arrive action_complete action_return_order "
    "action_record_callback action_cancel action_reset_draft",
}


class ComplaintRepairOrder(models.Model):
    """A repair work order (维修派工单), from the owner's call to the callback.

    Clock-hour targets (PROP-02/03/06), computed by ``tools/repair_sla.py``:
    order to the maintenance team 5 minutes after the request, technician on
    site 15 minutes after dispatch (company setting), emergency and small
    repairs done within 2 hours (never beyond 24), general repairs within 72
    hours, major / outsourced / parts-on-order repairs explained to the owner
    within 48 hours with an expected date, work order back 24 hours after
    completion, callback by the area manager within 72 hours.

    The order's concerns live in their own files: the clocks
    (``complaint_repair_order_clock.py``), the lifecycle actions
    (``_lifecycle.py``), the paid service (``_fee.py``), the repair plan
    (``_plan.py``), the callback and rework (``_callback.py``), the
    watcher (``_watch.py``), proof kept (``_integrity.py``) and visibility
    (``_access.py``).
    """

    _name = "complaint.repair.order"
    _description = "Repair Work Order"
    _inherit = [
        "complaint.proof.kept",
        "complaint.workflow.guard",
        "complaint.child.access",
        "complaint.property.personal",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "received_at desc, id desc"
    _check_company_auto = True
    _workflow_fields = ORDER_WORKFLOW_FIELDS

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
        precompute=True,
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
        related="technician_id.user_id",
        string="Technician's User",
        store=True,
        precompute=True,
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
        precompute=True,
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
        self._prefetch_request_records(vals_list)
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

    def _prefetch_request_records(self, vals_list):
        """Read the units and technicians of a batch in one query each
        (``_prepare_request_vals`` then reads them from the cache); the
        building's team and the technician's department only where the
        caller gave no team, as ``_prepare_request_vals`` does."""
        units = self.env["complaint.property.unit"].browse(
            {vals["unit_id"] for vals in vals_list if vals.get("unit_id")}
        )
        units.fetch(["owner_id", "building_id"])
        no_team = [vals for vals in vals_list if not vals.get("team_id")]
        units.browse(
            {vals["unit_id"] for vals in no_team if vals.get("unit_id")}
        ).building_id.fetch(["maintenance_team_id"])
        self.env["hr.employee"].browse(
            {vals["technician_id"] for vals in no_team if vals.get("technician_id")}
        ).fetch(["department_id"])

    @api.model
    def _prefetch_for_children(self, vals_list, fnames):
        """Read the orders named by new child records (memoranda, contact
        sheets) in one query: their ``create`` then reads from the cache."""
        self.browse(
            {
                vals["repair_order_id"]
                for vals in vals_list
                if vals.get("repair_order_id") and not vals.get("complaint_id")
            }
        ).fetch(fnames)

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
        return super().write(vals)

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
        """Days and times of an order are those of its company's complaint
        time zone (DL-1), whoever reads or schedules."""
        company = self.company_id[:1] or self.env.company
        return company.sudo().complaint_tz or DEFAULT_TZ

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

    def _proof_records(self):
        """A work order once dispatched (PROP-02: the clock ran)."""
        return self.filtered(lambda order: order.state != "draft")
