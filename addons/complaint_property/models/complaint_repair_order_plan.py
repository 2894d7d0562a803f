from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from ..tools import repair_sla

#: PROP-04: the two approval steps of a long repair's plan
PLAN_ROLES = ("manager", "director")
#: BASE-57: the plan's state, submission and approvals -> their actions
PLAN_WORKFLOW_FIELDS = {
    "plan_state": "action_submit_plan action_approve_plan_manager "
    "action_approve_plan_director action_reject_plan",
    "plan_submitted_by": "action_submit_plan",
    "plan_submitted_at": "action_submit_plan",
    "plan_manager_approved_by": "action_approve_plan_manager",
    "plan_manager_approved_at": "action_approve_plan_manager",
    "plan_director_approved_by": "action_approve_plan_director",
    "plan_director_approved_at": "action_approve_plan_director",
}


class ComplaintRepairOrderPlan(models.Model):
    """Repair plan of a repair over 3 days (PROP-04, BASE-57).

    The plan is submitted (the submitter is recorded), then approved once
    by the maintenance manager (manager of the order's maintenance team)
    and once by the property office director of the building: two
    different people, neither of them the submitter (four-eyes).  A
    complaint manager may stand in for one of the two roles.  The plan's
    state and approvals are written by these actions only.
    """

    _inherit = "complaint.repair.order"
    _workflow_fields = PLAN_WORKFLOW_FIELDS

    plan_required = fields.Boolean(
        string="Plan Required",
        compute="_compute_plan_required",
        store=True,
        precompute=True,
        help="Expected to take more than 3 days: a repair plan approved by the "
        "maintenance manager and the property office director, and a daily "
        "progress log are needed (PROP-04).",
    )
    plan_note = fields.Html(string="Repair Plan")
    plan_state = fields.Selection(
        [
            ("none", "No Plan"),
            ("to_approve", "Waiting Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="none",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    plan_submitted_by = fields.Many2one(
        "res.users", string="Plan Submitted By", readonly=True, copy=False
    )
    plan_submitted_at = fields.Datetime(readonly=True, copy=False)
    plan_manager_approved_by = fields.Many2one(
        "res.users", string="Approved by Maintenance Manager", readonly=True, copy=False
    )
    plan_manager_approved_at = fields.Datetime(readonly=True, copy=False)
    plan_director_approved_by = fields.Many2one(
        "res.users", string="Approved by Office Director", readonly=True, copy=False
    )
    plan_director_approved_at = fields.Datetime(readonly=True, copy=False)
    progress_ids = fields.One2many(
        "complaint.repair.progress", "order_id", string="Daily Progress"
    )

    @api.depends("received_at", "dispatched_at", "expected_date")
    def _compute_plan_required(self):
        for order in self:
            order.plan_required = repair_sla.plan_required(
                order.dispatched_at or order.received_at, order.expected_date
            )

    # ============================================================ submit
    def action_submit_plan(self):
        self.check_access("write")
        self._check_state(("draft", "dispatched", "on_site"), _("submit a plan for"))
        for order in self:
            if order.plan_state == "to_approve":
                raise UserError(
                    _(
                        "The repair plan of %s is already waiting for approval.",
                        order.name,
                    )
                )
            if is_html_empty(order.plan_note):
                raise UserError(
                    _("Write the repair plan of %s before submitting it.", order.name)
                )
            if not order.expected_date:
                raise UserError(
                    _("Give the expected completion date of %s.", order.name)
                )
            order._workflow_write(
                {
                    "plan_state": "to_approve",
                    "plan_submitted_by": self.env.user.id,
                    "plan_submitted_at": fields.Datetime.now(),
                    "plan_manager_approved_by": False,
                    "plan_manager_approved_at": False,
                    "plan_director_approved_by": False,
                    "plan_director_approved_at": False,
                }
            )
            for user in order._plan_approver("manager") | order._plan_approver(
                "director"
            ):
                order.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=_("Approve the repair plan of %s", order.name),
                )
        return True

    # =========================================================== approve
    def _plan_manager_user(self):
        self.ensure_one()
        return self.team_id.manager_id.user_id

    def _plan_approver(self, role):
        """The user who approves the plan in ``role``."""
        self.ensure_one()
        if role == "manager":
            return self._plan_manager_user()
        return self.building_id.office_director_id

    def _check_plan_to_approve(self):
        for order in self:
            if order.plan_state != "to_approve":
                raise UserError(
                    _("The repair plan of %s is not waiting for approval.", order.name)
                )

    def _is_complaint_manager(self):
        return self.env.user.has_group("complaint_base.group_complaint_manager")

    def _plan_role_error(self, role):
        if role == "manager":
            return AccessError(
                _(
                    "Only the manager of the maintenance team %s approves "
                    "this repair plan as maintenance manager.",
                    self.team_id.name or "-",
                )
            )
        return AccessError(
            _(
                "Only the property office director of %s approves this "
                "repair plan as office director.",
                self.building_id.display_name or "-",
            )
        )

    def _approve_plan_as(self, role):
        """One approval step of the plan (PROP-04, BASE-57): the approver
        of the role (or a complaint manager standing in), not the one who
        submitted the plan, not the one who approved the other step."""
        if role not in PLAN_ROLES:
            raise UserError(_("Unknown approval step: %s.", role))
        self.check_access("read")
        self._check_plan_to_approve()
        user = self.env.user
        other = "director" if role == "manager" else "manager"
        for order in self:
            if user != order._plan_approver(role) and not self._is_complaint_manager():
                raise order._plan_role_error(role)
            if order[f"plan_{role}_approved_by"]:
                raise UserError(
                    _(
                        "This step of the repair plan of %s is already approved.",
                        order.name,
                    )
                )
            order._check_four_eyes(
                order.plan_submitted_by, _("the repair plan of %s", order.name)
            )
            if order[f"plan_{other}_approved_by"] == user:
                if role == "manager":
                    message = _(
                        "The repair plan needs two different approvers: you "
                        "already approved it as office director."
                    )
                else:
                    message = _(
                        "The repair plan needs two different approvers: you "
                        "already approved it as maintenance manager."
                    )
                raise UserError(message)
            order._workflow_write(
                {
                    f"plan_{role}_approved_by": user.id,
                    f"plan_{role}_approved_at": fields.Datetime.now(),
                }
            )
            order._finish_plan_approval()
        return True

    def action_approve_plan_manager(self):
        """First approval: the maintenance manager (team manager)."""
        return self._approve_plan_as("manager")

    def action_approve_plan_director(self):
        """Second approval: the property office director of the building."""
        return self._approve_plan_as("director")

    def _finish_plan_approval(self):
        self.ensure_one()
        self._feedback_activities(self.env.user, _("Plan approved"))
        if self.plan_manager_approved_by and self.plan_director_approved_by:
            self._workflow_write({"plan_state": "approved"})
            self.message_post(
                body=_(
                    "Repair plan approved by %(manager)s and %(director)s.",
                    manager=self.plan_manager_approved_by.name,
                    director=self.plan_director_approved_by.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_reject_plan(self):
        self.check_access("read")
        self._check_plan_to_approve()
        user = self.env.user
        if not self._is_complaint_manager():
            for order in self:
                approvers = order._plan_approver("manager") | order._plan_approver(
                    "director"
                )
                if user not in approvers:
                    raise AccessError(
                        _("Only the approvers of the plan can reject it.")
                    )
        self._workflow_write({"plan_state": "rejected"})
        return True
