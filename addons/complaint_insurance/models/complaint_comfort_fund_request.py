from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import integrity

HANDLER_GROUP = "complaint_base.group_complaint_handler"
MANAGER_GROUP = "complaint_base.group_complaint_manager"


class ComplaintComfortFundRequest(models.Model):
    """A handler's request for money from the complaint comfort fund (INS-07).

    Seed 000 第二条(二)2(1): the handler may use the complaint comfort fund
    (投诉安抚基金) to settle a complaint.  A complaint manager approves or
    refuses the request; the payment is recorded when made.

    Integrity (BASE-57): the state, the requester, the approver, the payer
    and their dates are written by the actions only
    (``complaint.workflow.guard``); once submitted, the amount, the reason
    and the complaint are frozen.  Four-eyes: the approver and the person
    who records the payment are not the requester.  The approval is fixed
    by regulation (a complaint manager, someone else than the requester),
    so it is coded here rather than configured with OCA
    ``base_tier_validation``, whose tiers an administrator could remove
    (see readme/CONFIGURE.md).

    Visibility (BASE-54/55): a request follows its complaint
    (``complaint.child.access``).
    """

    _name = "complaint.comfort.fund.request"
    _description = "Complaint Comfort Fund Request"
    _inherit = [
        "complaint.workflow.guard",
        "complaint.insurance.frozen",
        "complaint.child.access",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _workflow_fields = {
        "name": "create",
        "company_id": "create",
        "requested_by": "create",
        "state": "action_submit action_approve action_refuse action_mark_paid "
        "action_reset_draft",
        "approved_by": "action_approve action_refuse",
        "approved_at": "action_approve action_refuse",
        "paid_by": "action_mark_paid",
        "paid_at": "action_mark_paid",
    }
    #: what the manager approves is what was submitted (BASE-57)
    _workflow_frozen_fields = ("amount", "reason", "complaint_id")
    _workflow_editable_states = ("draft",)

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default="/", index="trigram"
    )
    complaint_id = fields.Many2one(
        "complaint.complaint",
        string="Complaint",
        required=True,
        # part of the complaint file: destroyed with it (BASE-53, PIPL)
        ondelete="cascade",
        index=True,
    )
    partner_id = fields.Many2one(
        related="complaint_id.partner_id", string="Complainant"
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, tracking=True)
    reason = fields.Text(
        required=True,
        tracking=True,
        help="Why the comfort payment settles the complaint.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Waiting Approval"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("paid", "Paid"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    requested_by = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True, copy=False
    )
    approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    approved_at = fields.Datetime(readonly=True, copy=False)
    refuse_reason = fields.Text(string="Refused Because", copy=False)
    paid_by = fields.Many2one(
        "res.users", string="Payment Recorded By", readonly=True, copy=False
    )
    paid_at = fields.Datetime(readonly=True, copy=False, tracking=True)

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount > 0)",
            "A comfort fund request must be for a positive amount.",
        ),
    ]

    # ====================================================== create / write
    def _workflow_create_values(self, vals_list):
        """The reference comes from the sequence, after the guard checked
        that the caller did not choose one."""
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    Sequence.next_by_code("complaint.comfort.fund.request") or "/"
                )
        return super()._workflow_create_values(vals_list)

    def _frozen_fields(self):
        self.ensure_one()
        if self.state == "to_approve":
            return {}
        return {
            "refuse_reason": _(
                "the reason for a refusal is written while the request waits "
                "for approval."
            )
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        """A submitted request is the record of a payment decision: it
        goes only with its complaint's destruction (run as superuser)."""
        if self.env.su:
            return
        kept = self.filtered(lambda r: r.state not in ("draft", "refused"))
        if kept:
            raise UserError(
                _(
                    "Comfort fund requests %s were submitted: they stay in the "
                    "complaint file and cannot be deleted.",
                    ", ".join(kept.mapped("name")),
                )
            )

    # ============================================================= checks
    def _check_group(self, xmlid, message):
        if not self.env.user.has_group(xmlid):
            raise AccessError(message)

    def _check_manager(self):
        self._check_group(
            MANAGER_GROUP,
            _("Only a complaint manager can approve or refuse a comfort fund request."),
        )

    def _check_handler(self):
        self._check_group(
            HANDLER_GROUP,
            _(
                "Only a complaint handler can submit, pay or reopen a comfort fund request."
            ),
        )

    def _check_state(self, allowed):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for req in self:
            if req.state not in allowed:
                raise UserError(
                    _(
                        "Comfort fund request %(name)s is %(state)s.",
                        name=req.name,
                        state=labels[req.state],
                    )
                )

    def _approvers(self):
        """Managers asked to approve: active internal users of the
        request's company who may see its complaint (a confidential case
        is not shown to the people it concerns, BASE-54), never the
        requester (four-eyes)."""
        self.ensure_one()
        managers = (
            self.env.ref(MANAGER_GROUP)
            .sudo()
            .users.filtered(
                lambda u: not u.share
                and u.active
                and self.company_id in u.company_ids
                and u != self.requested_by
            )
        )
        return managers.filtered(
            lambda u: self.complaint_id.with_user(u).has_access("read")
        )

    # ============================================================ actions
    def action_submit(self):
        self._check_handler()
        self._check_state(("draft",))
        for req in self:
            if req.complaint_id.state in ("closed", "invalid"):
                raise UserError(
                    _(
                        "Complaint %s is closed: no comfort payment can be "
                        "requested for it.",
                        req.complaint_id.name,
                    )
                )
            req._workflow_write({"state": "to_approve"})
            for manager in req._approvers()[:5]:
                req.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=_(
                        "Approve comfort payment %(name)s (%(amount)s)",
                        name=req.name,
                        amount=req.amount,
                    ),
                    note=req.reason,
                )
            req.complaint_id.message_post(
                body=_(
                    "Comfort fund request %(name)s of %(amount)s %(currency)s "
                    "submitted: %(reason)s",
                    name=req.name,
                    amount=req.amount,
                    currency=req.currency_id.name,
                    reason=req.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_approve(self):
        """INS-07, BASE-57: a complaint manager who is not the requester."""
        self._check_manager()
        self._check_state(("to_approve",))
        for req in self:
            req._check_four_eyes(req.requested_by, _("this comfort-fund request"))
        self._workflow_write(
            {
                "state": "approved",
                "approved_by": self.env.user.id,
                "approved_at": fields.Datetime.now(),
            }
        )
        self.activity_feedback(["mail.mail_activity_data_todo"], feedback=_("Approved"))
        for req in self:
            req.complaint_id.message_post(
                body=_(
                    "Comfort payment %(name)s of %(amount)s %(currency)s approved "
                    "by %(user)s.",
                    name=req.name,
                    amount=req.amount,
                    currency=req.currency_id.name,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_refuse(self):
        self._check_manager()
        self._check_state(("to_approve",))
        for req in self:
            if not (req.refuse_reason or "").strip():
                raise UserError(_("Give the reason for refusing %s.", req.name))
        self._workflow_write(
            {
                "state": "refused",
                "approved_by": self.env.user.id,
                "approved_at": fields.Datetime.now(),
            }
        )
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_mark_paid(self):
        """The payment of an approved request is recorded by a handler who
        did not ask for it (four-eyes, INS-07)."""
        self._check_handler()
        self._check_state(("approved",))
        for req in self:
            if not integrity.payer_allowed(
                self.env.user.id, req.requested_by.id, req.approved_by.id
            ):
                raise AccessError(
                    _(
                        "Comfort payment %s must be approved by a manager and "
                        "recorded as paid by someone else than its requester "
                        "(four-eyes rule).",
                        req.name,
                    )
                )
        self._workflow_write(
            {
                "state": "paid",
                "paid_by": self.env.user.id,
                "paid_at": fields.Datetime.now(),
            }
        )
        return True

    def action_reset_draft(self):
        self._check_handler()
        self._check_state(("refused",))
        self._workflow_write(
            {"state": "draft", "approved_by": False, "approved_at": False}
        )
        return True
