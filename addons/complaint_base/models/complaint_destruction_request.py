from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.privacy_rules import FINISHED_STATES

OPEN_REQUEST_STATES = ("draft", "to_approve", "approved")
#: BASE-57: fields only the request's actions write
DESTRUCTION_WORKFLOW_FIELDS = {
    "name": "create",
    "state": "action_submit action_approve action_refuse action_reset_to_draft "
    "action_execute",
    "is_automatic": "_propose_for_expired",
    "requested_by": "action_submit",
    "requested_at": "action_submit",
    "approved_by": "action_approve",
    "approved_at": "action_approve",
    "executed_by": "action_execute",
    "executed_at": "action_execute",
    "executed_count": "action_execute",
    "executed_numbers": "action_execute",
}
#: what a manager approves cannot change once the request is submitted
DESTRUCTION_FROZEN_FIELDS = ("complaint_ids", "method", "cutoff_date", "company_id")


class ComplaintDestructionRequest(models.Model):
    """Destruction of complaint records after their retention (BASE-53).

    A request lists expired complaints, a manager approves it, and its
    execution anonymises or deletes them.  The request itself is the log:
    who asked, who approved, who executed, when, how many and which numbers;
    it survives the deletion of the complaints and cannot be deleted once
    executed.

    BASE-57: the state, the requester, the approver and the execution log
    are written by the actions only (``complaint.workflow.guard``); the
    complaints, the method and the cut-off date are frozen once submitted;
    the approver is not the requester (four-eyes).
    """

    _name = "complaint.destruction.request"
    _description = "Complaint Destruction Request"
    _inherit = ["complaint.workflow.guard", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _workflow_fields = DESTRUCTION_WORKFLOW_FIELDS

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default="/", required=True
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        readonly=True,
        index=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Waiting Approval"),
            ("approved", "Approved"),
            ("done", "Executed"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    method = fields.Selection(
        [
            ("anonymise", "Anonymise (keep the figures for statistics)"),
            ("delete", "Delete completely"),
        ],
        default="anonymise",
        required=True,
        tracking=True,
    )
    cutoff_date = fields.Date(
        string="Retention Ended Before",
        required=True,
        default=fields.Date.context_today,
        help="Complaints whose retention period ended before this date can be "
        "selected.",
    )
    complaint_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_destruction_request_rel",
        "request_id",
        "complaint_id",
        string="Complaints",
        context={"active_test": False},
        domain="[('company_id', '=', company_id), ('state', 'in', ('closed', "
        "'invalid')), ('retention_until', '<', cutoff_date), "
        "('anonymised', '=', False)]",
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")
    reason = fields.Text()
    is_automatic = fields.Boolean(
        string="Proposed by the Retention Check",
        readonly=True,
        help="Prepared by the scheduled retention check when retention periods "
        "ended.",
    )
    requested_by = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True, copy=False
    )
    requested_at = fields.Datetime(readonly=True, copy=False)
    approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    approved_at = fields.Datetime(readonly=True, copy=False)
    refuse_reason = fields.Text(copy=False)
    executed_by = fields.Many2one("res.users", readonly=True, copy=False)
    executed_at = fields.Datetime(readonly=True, copy=False)
    executed_count = fields.Integer(
        string="Complaints Destroyed", readonly=True, copy=False
    )
    executed_numbers = fields.Text(
        string="Destroyed Numbers",
        readonly=True,
        copy=False,
        help="Numbers of the complaints anonymised or deleted: the log that "
        "survives the destruction.",
    )

    @api.depends("complaint_ids")
    def _compute_complaint_count(self):
        for rec in self:
            rec.complaint_count = len(rec.complaint_ids)

    def _workflow_create_values(self, vals_list):
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    Sequence.next_by_code("complaint.destruction.request") or "/"
                )
        return super()._workflow_create_values(vals_list)

    def write(self, vals):
        if not self.env.su and set(DESTRUCTION_FROZEN_FIELDS) & set(vals):
            submitted = self.filtered(lambda r: r.state != "draft")
            if submitted:
                raise UserError(
                    _(
                        "Destruction request %s was submitted: its complaints, method "
                        "and date can no longer change. Refuse it and prepare a new "
                        "one.",
                        ", ".join(submitted.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_executed(self):
        if any(rec.state not in ("draft", "refused") for rec in self):
            raise UserError(
                _(
                    "Only draft or refused destruction requests can be deleted: "
                    "an approved or executed request is the record of the "
                    "destruction."
                )
            )

    # ============================================================ helpers
    def _check_manager(self):
        if not self.env.user.has_group("complaint_base.group_complaint_manager"):
            raise AccessError(
                _("Only complaint managers can approve or execute a destruction.")
            )

    def _expired_domain(self):
        self.ensure_one()
        return self.env["complaint.complaint"]._retention_expired_domain(
            self.cutoff_date
        ) + [("company_id", "=", self.company_id.id)]

    def _busy_complaint_ids(self):
        """Complaints already in another open request."""
        others = self.search(
            [("state", "in", OPEN_REQUEST_STATES), ("id", "not in", self.ids)]
        )
        return set(others.complaint_ids.ids)

    def _check_complaints_expired(self):
        for rec in self:
            if not rec.complaint_ids:
                raise UserError(_("Select the complaints to destroy first."))
            # sudo: the retention condition is a fact, whoever checks it
            complaints = rec.sudo().with_context(active_test=False).complaint_ids
            allowed = complaints.search(
                rec._expired_domain() + [("id", "in", complaints.ids)]
            )
            wrong = complaints - allowed
            if wrong:
                raise UserError(
                    _(
                        "These complaints are not closed or their retention period "
                        "is not over yet, they cannot be destroyed: %s.",
                        ", ".join(wrong.mapped("name")),
                    )
                )

    def _check_state(self, states, action):
        """Refuse ``action`` (a translated verb) on a request in another
        state than ``states``."""
        labels = dict(self._fields["state"]._description_selection(self.env))
        for rec in self:
            if rec.state not in states:
                raise UserError(
                    _(
                        "Destruction request %(name)s is %(state)s: you cannot "
                        "%(action)s it now.",
                        name=rec.name,
                        state=labels[rec.state],
                        action=action,
                    )
                )

    def _notify_managers(self, summary):
        group = self.env.ref("complaint_base.group_complaint_manager")
        for rec in self:
            # four-eyes: the requester is not asked to approve
            managers = (
                group.users.filtered(
                    lambda u, rec=rec: rec.company_id in u.company_ids and u.active
                )
                - self.env.ref("base.user_root")
                - rec.requested_by
            )
            for manager in managers[:5]:
                rec.activity_schedule(
                    "mail.mail_activity_data_todo", user_id=manager.id, summary=summary
                )

    # ============================================================ actions
    def action_select_expired(self):
        """Fill the request with every expired complaint not yet destroyed."""
        self._check_manager()
        self._check_state(
            ("draft",),
            _("change"),
        )
        Complaint = self.env["complaint.complaint"].with_context(active_test=False)
        for rec in self:
            busy = rec._busy_complaint_ids()
            found = Complaint.search(rec._expired_domain())
            rec.complaint_ids = [(6, 0, [cid for cid in found.ids if cid not in busy])]
        return True

    def action_submit(self):
        self._check_manager()
        self._check_state(
            ("draft",),
            _("submit"),
        )
        self._check_complaints_expired()
        self._workflow_write(
            {
                "state": "to_approve",
                "requested_by": self.env.user.id,
                "requested_at": fields.Datetime.now(),
            }
        )
        for rec in self:
            rec._notify_managers(_("Approve the destruction request %s", rec.name))
        return True

    def action_approve(self):
        """BASE-53/57: another manager than the requester approves."""
        self._check_manager()
        self._check_state(
            ("to_approve",),
            _("approve"),
        )
        for rec in self:
            rec._check_four_eyes(
                rec.requested_by, _("the destruction request %s", rec.name)
            )
        self._check_complaints_expired()
        self._workflow_write(
            {
                "state": "approved",
                "approved_by": self.env.user.id,
                "approved_at": fields.Datetime.now(),
            }
        )
        self.activity_feedback(
            ["mail.mail_activity_data_todo"], feedback=_("Destruction approved")
        )
        return True

    def action_refuse(self, reason=False):
        self._check_manager()
        self._check_state(
            ("to_approve", "approved"),
            _("refuse"),
        )
        for rec in self:
            rec._workflow_write(
                {"state": "refused", "refuse_reason": reason or rec.refuse_reason}
            )
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_reset_to_draft(self):
        self._check_manager()
        self._check_state(
            ("refused",),
            _("set back to draft"),
        )
        self._workflow_write(
            {"state": "draft", "approved_by": False, "approved_at": False}
        )
        return True

    def action_execute(self):
        """Anonymise or delete the approved complaints and keep the log."""
        self._check_manager()
        self._check_state(
            ("approved",),
            _("execute"),
        )
        for rec in self:
            rec._check_complaints_expired()
            complaints = rec.complaint_ids.sudo().with_context(active_test=False)
            numbers = ", ".join(complaints.sorted("name").mapped("name"))
            count = len(complaints)
            if rec.method == "delete":
                complaints._pi_destroy()
            else:
                complaints._pi_anonymise()
            rec._workflow_write(
                {
                    "state": "done",
                    "executed_by": self.env.user.id,
                    "executed_at": fields.Datetime.now(),
                    "executed_count": count,
                    "executed_numbers": numbers,
                }
            )
            method = dict(self._fields["method"]._description_selection(self.env))[
                rec.method
            ]
            rec.message_post(
                body=_(
                    "%(count)s complaints destroyed (%(method)s) by %(user)s: "
                    "%(numbers)s",
                    count=count,
                    method=method,
                    user=self.env.user.name,
                    numbers=numbers,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    @api.model
    def _propose_for_expired(self, company, complaints):
        """Add expired complaints to the company's automatic request waiting
        for approval, or create one, and tell the managers (the retention
        check, as superuser)."""
        Request = self.sudo()
        request = Request.search(
            [
                ("company_id", "=", company.id),
                ("is_automatic", "=", True),
                ("state", "=", "to_approve"),
            ],
            limit=1,
        )
        busy = Request.search(
            [("state", "in", OPEN_REQUEST_STATES), ("company_id", "=", company.id)]
        ).complaint_ids
        new = complaints.filtered(
            lambda c: c not in busy and c.state in FINISHED_STATES
        )
        if not new:
            return request
        if request:
            request.complaint_ids = [(4, cid) for cid in new.ids]
            return request
        request = Request.create(
            {
                "company_id": company.id,
                "is_automatic": True,
                "method": "anonymise",
                "complaint_ids": [(6, 0, new.ids)],
                "reason": _(
                    "Retention period over: prepared automatically by the "
                    "retention check."
                ),
                "requested_by": self.env.ref("base.user_root").id,
                "requested_at": fields.Datetime.now(),
                "state": "to_approve",
            }
        )
        request._notify_managers(_("Approve the destruction request %s", request.name))
        return request
