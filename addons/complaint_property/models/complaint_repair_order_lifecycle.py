from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import integrity, repair_sla

#: BASE-57: the step times -> the actions that record them
LIFECYCLE_WORKFLOW_FIELDS = {
    "dispatched_at": "action_dispatch",
    "arrival_minutes": "action_dispatch",
    "arrived_at": "action_arrive",
    "explained_at": "action_explain",
    "completed_at": "action_complete",
    "returned_at": "action_return_order action_record_callback",
}


class ComplaintRepairOrderLifecycle(models.Model):
    """The steps of a work order: dispatch (a complete order, emergencies
    excepted, PROP-02), on site, owner told, completed, order returned
    (PROP-03/05/06), cancel and reset.  Each action checks the state and
    the caller, then records its step time through ``_workflow_write``
    (BASE-57)."""

    _inherit = "complaint.repair.order"
    _workflow_fields = LIFECYCLE_WORKFLOW_FIELDS

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
    # ------------------------------------------------- incomplete order
    to_complete = fields.Boolean(
        string="To Complete",
        compute="_compute_to_complete",
        store=True,
        precompute=True,
        help="Dispatched before the work order was filled in (emergency): "
        "complete it (PROP-02).",
    )
    missing_info = fields.Char(
        compute="_compute_to_complete", store=True, precompute=True
    )

    _sql_constraints = [
        (
            "arrival_minutes_positive",
            "CHECK(arrival_minutes IS NULL OR arrival_minutes > 0)",
            "The on-site time must be at least one minute.",
        ),
    ]

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
            order._check_dispatchable()
            order._workflow_write(order._dispatch_values(now))
            order._notify_technician()
            if order.to_complete:
                order._ask_completion()
        return True

    def _check_dispatchable(self):
        """PROP-02: a technician, a place, and a complete order unless it
        is an emergency."""
        self.ensure_one()
        if not self.technician_id:
            raise UserError(
                _("Choose the technician before dispatching %s.", self.name)
            )
        missing = self._get_missing_info()
        if missing and self.repair_type != "emergency":
            raise UserError(
                _(
                    "Complete work order %(name)s before dispatching it "
                    "(missing: %(missing)s). Only emergency repairs may be "
                    "dispatched first and filled in afterwards.",
                    name=self.name,
                    missing=", ".join(missing),
                )
            )
        if not (self.unit_id or self.building_id or self.location or self.phone):
            raise UserError(
                _(
                    "Tell the technician where to go: give the unit, the "
                    "location or the caller's phone."
                )
            )

    def _dispatch_values(self, now):
        """The dispatch step: its time, the company's on-site target, and
        the technician's maintenance team when the order has none."""
        self.ensure_one()
        vals = {
            "state": "dispatched",
            "dispatched_at": now,
            "arrival_minutes": self.company_id.property_arrival_minutes
            or repair_sla.DEFAULT_ARRIVAL_MINUTES,
        }
        department = self.technician_id.department_id
        if not self.team_id and department.is_maintenance_team:
            vals["team_id"] = department.id
        return vals

    def _ask_completion(self):
        """An emergency dispatched before the order was filled in: the
        follow-up owner completes it (PROP-02)."""
        self.ensure_one()
        self.message_post(
            body=_(
                "Emergency dispatched before the work order was filled "
                "in: complete it (missing: %s).",
                self.missing_info,
            ),
            subtype_xmlid="mail.mt_note",
        )
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.user_id.id,
                summary=_("Complete work order %s", self.name),
            )

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
            if order.responsibility == "owner" and not integrity.is_signed(
                order.owner_signature, order.signed_by
            ):
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
