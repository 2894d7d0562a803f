from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class ComplaintExtension(models.Model):
    """Request to extend the resolution deadline of a complaint (BASE-26).

    The handler asks with a reason and the new date; a Complaint Manager
    approves or refuses.  On approval the complaint's resolution deadline
    moves to the new date and the complainant is told the date and the
    reason (mail template ``mail_template_complaint_extension``).  The
    policy (or a sector addon, through ``_get_extension_cap``) caps the
    total resolution time an extension may reach.
    """

    _name = "complaint.extension"
    _description = "Complaint Deadline Extension"
    _inherit = ["complaint.workflow.guard", "complaint.child.access", "mail.thread"]
    _order = "id desc"
    _rec_name = "complaint_id"
    _workflow_fields = {
        "state": "action_submit action_approve action_refuse",
        "approved_by": "action_approve action_refuse",
        "approved_at": "action_approve action_refuse",
        "requested_by": "action_submit",
        "current_deadline": "action_submit",
    }
    #: BASE-57: what was submitted for approval is what gets approved
    _workflow_frozen_fields = ("complaint_id", "requested_deadline", "reason")

    complaint_id = fields.Many2one(
        "complaint.complaint",
        string="Complaint",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    current_deadline = fields.Datetime(
        string="Current Deadline",
        help="Resolution deadline when the extension was requested.",
    )
    requested_deadline = fields.Datetime(
        string="New Deadline", required=True, tracking=True
    )
    limit_deadline = fields.Datetime(
        string="Latest Allowed",
        compute="_compute_limit_deadline",
        help="Latest resolution date the rules allow for this complaint.",
    )
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Waiting Approval"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    requested_by = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    approved_at = fields.Datetime(readonly=True, copy=False)
    refuse_reason = fields.Text(string="Refused Because", copy=False)

    @api.depends("complaint_id")
    def _compute_limit_deadline(self):
        for ext in self:
            complaint = ext.complaint_id
            ext.limit_deadline = (
                complaint and complaint._get_extension_limit_deadline()
            ) or False

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for ext in records:
            if not ext.current_deadline and ext.complaint_id.resolution_deadline:
                ext.sudo().current_deadline = ext.complaint_id.resolution_deadline
        return records

    # ------------------------------------------------------------- checks
    def _check_request(self):
        """The new date must be later than the current one and within the
        cap of the complaint's rules; errors speak the officer's language."""
        for ext in self:
            complaint = ext.complaint_id
            fmt = complaint._sla_format_datetime
            if not ext.reason or not ext.reason.strip():
                raise UserError(_("Give the reason for the extension."))
            current = complaint.resolution_deadline
            if current and ext.requested_deadline <= current:
                raise UserError(
                    _(
                        "The new date %(new)s must be later than the current "
                        "deadline %(current)s of complaint %(name)s.",
                        new=fmt(ext.requested_deadline),
                        current=fmt(current),
                        name=complaint.name,
                    )
                )
            limit = complaint._get_extension_limit_deadline()
            if limit and ext.requested_deadline > limit:
                raise UserError(
                    _(
                        "Complaint %(name)s cannot be extended to %(new)s: the "
                        "rules allow at most %(cap)s from receipt, so the latest "
                        "allowed date is %(limit)s.",
                        name=complaint.name,
                        new=fmt(ext.requested_deadline),
                        cap=complaint._format_extension_cap(),
                        limit=fmt(limit),
                    )
                )

    # ------------------------------------------------------------ actions
    def action_submit(self):
        """Send the request to the managers for approval."""
        if not self.env.user.has_group("complaint_base.group_complaint_handler"):
            raise AccessError(_("Only a handler can request an extension."))
        managers = self.env.ref("complaint_base.group_complaint_manager").users
        for ext in self:
            if ext.state != "draft":
                raise UserError(_("Only a draft extension request can be submitted."))
            if ext.complaint_id.state not in ("new", "accepted", "in_progress"):
                raise UserError(
                    _(
                        "Complaint %s is no longer open: its deadline cannot be "
                        "extended.",
                        ext.complaint_id.name,
                    )
                )
            ext._check_request()
            ext._workflow_write(
                {
                    "state": "to_approve",
                    "current_deadline": ext.complaint_id.resolution_deadline,
                    "requested_by": self.env.user.id,
                }
            )
            complaint = ext.complaint_id
            approvers = managers.filtered(lambda u: not u.share) - self.env.user
            for manager in approvers[:5]:
                complaint.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=_("Approve the extension of %s", complaint.name),
                    note=ext.reason,
                )
            complaint.message_post(
                body=_(
                    "Extension to %(new)s requested: %(reason)s",
                    new=complaint._sla_format_datetime(ext.requested_deadline),
                    reason=ext.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return {"type": "ir.actions.act_window_close"}

    def _check_manager(self):
        if not self.env.user.has_group("complaint_base.group_complaint_manager"):
            raise AccessError(
                _("Only a complaint manager can approve or refuse an extension.")
            )

    def action_approve(self):
        """BASE-26: move the deadline and tell the complainant why."""
        self._check_manager()
        for ext in self:
            if ext.state not in ("draft", "to_approve"):
                raise UserError(_("This extension request was already decided."))
            ext._check_request()
            ext._check_four_eyes(
                ext.requested_by or ext.create_uid,
                _("the extension of %s", ext.complaint_id.name),
            )
            complaint = ext.complaint_id
            ext._workflow_write(
                {
                    "state": "approved",
                    "approved_by": self.env.user.id,
                    "approved_at": fields.Datetime.now(),
                }
            )
            complaint.sudo().with_context(complaint_sla_recompute=True).write(
                {
                    "extension_deadline": ext.requested_deadline,
                    "deadline_notified": True,
                }
            )
            complaint.sudo()._recompute_sla_deadlines()
            complaint._notify_extension_approved(ext)
        return True

    def action_refuse(self, reason=False):
        self._check_manager()
        for ext in self:
            if ext.state not in ("draft", "to_approve"):
                raise UserError(_("This extension request was already decided."))
            ext._workflow_write(
                {
                    "state": "refused",
                    "refuse_reason": reason or ext.refuse_reason,
                    "approved_by": self.env.user.id,
                    "approved_at": fields.Datetime.now(),
                }
            )
            ext.complaint_id.message_post(
                body=_(
                    "Extension to %(new)s refused. %(reason)s",
                    new=ext.complaint_id._sla_format_datetime(ext.requested_deadline),
                    reason=reason or ext.refuse_reason or "",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
