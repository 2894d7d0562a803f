from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

MANAGER_GROUP = "complaint_base.group_complaint_manager"


class ComplaintComfortFundRequest(models.Model):
    """A handler's request for money from the complaint comfort fund (INS-07).

    Seed 000 第二条(二)2(1): the handler may use the complaint comfort fund
    (投诉安抚基金) to settle a complaint.  A complaint manager approves or
    refuses the request; the payment is recorded when made.
    """

    _name = "complaint.comfort.fund.request"
    _description = "Complaint Comfort Fund Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default="/", index="trigram"
    )
    complaint_id = fields.Many2one(
        "complaint.complaint",
        string="Complaint",
        required=True,
        ondelete="restrict",
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
    paid_at = fields.Datetime(readonly=True, copy=False, tracking=True)

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount > 0)",
            "A comfort fund request must be for a positive amount.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code(
                        "complaint.comfort.fund.request"
                    )
                    or "/"
                )
        return super().create(vals_list)

    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                _(
                    "Only a complaint manager can approve or refuse a comfort fund request."
                )
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

    def action_submit(self):
        self._check_state(("draft",))
        managers = self.env.ref(MANAGER_GROUP).users.filtered(lambda u: not u.share)
        for req in self:
            if req.complaint_id.state in ("closed", "invalid"):
                raise UserError(
                    _(
                        "Complaint %s is closed: no comfort payment can be "
                        "requested for it.",
                        req.complaint_id.name,
                    )
                )
            req.state = "to_approve"
            for manager in managers[:5]:
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
        self._check_manager()
        self._check_state(("to_approve",))
        self.write(
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
        self.write(
            {
                "state": "refused",
                "approved_by": self.env.user.id,
                "approved_at": fields.Datetime.now(),
            }
        )
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_mark_paid(self):
        self._check_state(("approved",))
        self.write({"state": "paid", "paid_at": fields.Datetime.now()})
        return True

    def action_reset_draft(self):
        self._check_state(("refused",))
        self.write({"state": "draft", "approved_by": False, "approved_at": False})
        return True
