from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

#: BASE-57: the callback and the rework origin -> the action recording them
CALLBACK_WORKFLOW_FIELDS = {
    "callback_at": "action_record_callback",
    "callback_user_id": "action_record_callback",
    "callback_result": "action_record_callback",
    "rework_of_id": "action_record_callback",
}


class ComplaintRepairOrderCallback(models.Model):
    """The callback to the owner after the repair (PROP-06) and the rework
    it opens when the owner is not satisfied; a repair that drags on or
    fails becomes a property complaint."""

    _inherit = "complaint.repair.order"
    _workflow_fields = CALLBACK_WORKFLOW_FIELDS

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
    rework_count = fields.Integer(
        compute="_compute_rework_count", store=True, precompute=True
    )

    @api.depends("rework_ids")
    def _compute_rework_count(self):
        for order in self:
            order.rework_count = len(order.rework_ids)

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

    def action_open_reworks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_property.action_repair_order"
        )
        action["domain"] = [("rework_of_id", "=", self.id)]
        action["context"] = {}
        return action
