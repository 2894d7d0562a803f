from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools.workflow_guard import forbidden_on_write
from odoo.exceptions import AccessError, UserError

#: BASE-57: fields the sheet's workflow owns -> the actions that set them
SHEET_WORKFLOW_FIELDS = {
    "name": "numbering",
    "state": "action_approve action_send action_record_reply action_cancel",
    "approved_by": "action_approve",
    "approved_at": "action_approve",
    "sent_at": "action_send",
    "replied_at": "action_record_reply",
}
#: what the general manager signed off: not rewritten afterwards (BASE-57)
SIGNED_OFF_FIELDS = (
    "developer_id",
    "subject",
    "content",
    "amount_requested",
    "complaint_id",
    "repair_order_id",
    "unit_id",
)
#: the developer's written answer, once recorded
REPLY_FIELDS = ("reply", "amount_authorized")


class ComplaintPropertyContactSheet(models.Model):
    """Work contact sheet (工作联系单) to the developer (PROP-09).

    Signed off by the general manager, sent to the developer, who confirms
    the repair, the cost or the compensation it authorises in writing.
    The state, sign-off and dates are written by the actions only; the
    general manager does not sign off a sheet they drafted (four-eyes);
    what was signed off, and the developer's recorded reply, are not
    rewritten (BASE-57).  A sheet of a complaint is visible to whoever may
    read the complaint (BASE-54/55).
    """

    _name = "complaint.property.contact.sheet"
    _description = "Work Contact Sheet"
    _inherit = [
        "complaint.proof.kept",
        "complaint.workflow.guard",
        "complaint.child.access",
        "complaint.property.personal",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _workflow_fields = SHEET_WORKFLOW_FIELDS

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    complaint_id = fields.Many2one(
        "complaint.complaint", index="btree_not_null", check_company=True
    )
    repair_order_id = fields.Many2one(
        "complaint.repair.order",
        string="Work Order",
        index="btree_not_null",
        check_company=True,
    )
    unit_id = fields.Many2one(
        "complaint.property.unit", string="Unit", check_company=True
    )
    developer_id = fields.Many2one(
        "res.partner", string="Developer", required=True, tracking=True
    )
    subject = fields.Char(required=True, tracking=True)
    content = fields.Html(help="Facts, repair proposal, amounts asked for.")
    amount_requested = fields.Monetary(string="Amount Requested")
    reply_by = fields.Date(string="Reply Requested By")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("approved", "Signed Off"),
            ("sent", "Sent"),
            ("replied", "Replied"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    approved_by = fields.Many2one(
        "res.users", string="Signed Off By", readonly=True, copy=False
    )
    approved_at = fields.Datetime(string="Signed Off", readonly=True, copy=False)
    sent_at = fields.Datetime(string="Sent", readonly=True, copy=False)
    reply = fields.Text(string="Developer's Reply", copy=False)
    amount_authorized = fields.Monetary(string="Amount Authorised", copy=False)
    replied_at = fields.Datetime(string="Replied", readonly=True, copy=False)

    _sql_constraints = [
        (
            "amounts_positive",
            "CHECK(COALESCE(amount_requested, 0) >= 0 "
            "AND COALESCE(amount_authorized, 0) >= 0)",
            "Amounts on a work contact sheet cannot be negative.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self.env["complaint.repair.order"]._prefetch_for_children(
            vals_list, ["complaint_id", "unit_id"]
        )
        for vals in vals_list:
            if vals.get("repair_order_id") and not vals.get("complaint_id"):
                order = self.env["complaint.repair.order"].browse(
                    vals["repair_order_id"]
                )
                vals["complaint_id"] = order.complaint_id.id
                vals.setdefault("unit_id", order.unit_id.id)
        return super().create(vals_list)

    def _workflow_create_values(self, vals_list):
        """The number comes from the sequence only (BASE-57)."""
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"]
                    .sudo()
                    .next_by_code("complaint.property.contact.sheet")
                    or "/"
                )
        return super()._workflow_create_values(vals_list)

    def write(self, vals):
        if not self.env.su:
            for sheet in self:
                frozen = []
                # signed off once, signed off for good: a cancelled sheet
                # keeps what was signed off and answered (BASE-57)
                if sheet.state in ("approved", "sent", "replied") or sheet.approved_at:
                    frozen = forbidden_on_write(vals, SIGNED_OFF_FIELDS)
                if sheet.state == "replied" or sheet.replied_at:
                    frozen += forbidden_on_write(vals, REPLY_FIELDS)
                if frozen:
                    raise UserError(
                        _(
                            "Work contact sheet %(name)s was signed off: "
                            "%(fields)s can no longer be changed.",
                            name=sheet.name,
                            fields=", ".join(
                                sheet._fields[n]._description_string(self.env)
                                for n in frozen
                            ),
                        )
                    )
        return super().write(vals)

    def _check_sheet_state(self, allowed):
        """Allowed state, and the caller may change the sheets: the actions
        then write as superuser (BASE-57)."""
        self.check_access("write")
        for sheet in self:
            if sheet.state not in allowed:
                raise UserError(
                    _(
                        "Work contact sheet %s is not in a state that allows this.",
                        sheet.name,
                    )
                )

    def action_approve(self):
        """Signed off by the general manager (总经理签发)."""
        if not self.env.user.has_group("complaint_base.group_complaint_manager"):
            raise AccessError(
                _("Only a complaint manager signs off a work contact sheet.")
            )
        self._check_sheet_state(("draft",))
        for sheet in self:
            sheet._check_four_eyes(
                sheet.create_uid, _("the work contact sheet %s", sheet.name)
            )
        self._workflow_write(
            {
                "state": "approved",
                "approved_by": self.env.user.id,
                "approved_at": fields.Datetime.now(),
            }
        )
        return True

    def action_send(self):
        self._check_sheet_state(("approved",))
        for sheet in self:
            sheet._workflow_write({"state": "sent", "sent_at": fields.Datetime.now()})
            sheet.message_subscribe(partner_ids=sheet.developer_id.ids)
            sheet.message_post(
                body=_(
                    "Work contact sheet sent to %(developer)s; reply requested by "
                    "%(date)s.",
                    developer=sheet.developer_id.name,
                    date=sheet.reply_by or "-",
                ),
                subtype_xmlid="mail.mt_comment",
                partner_ids=sheet.developer_id.ids,
            )
            if sheet.complaint_id:
                sheet.complaint_id.sudo().message_post(
                    body=_("Work contact sheet %s sent to the developer.", sheet.name),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def action_record_reply(self):
        self._check_sheet_state(("sent",))
        for sheet in self:
            if not (sheet.reply or "").strip():
                raise UserError(_("Write the developer's reply first."))
            sheet._workflow_write(
                {"state": "replied", "replied_at": fields.Datetime.now()}
            )
        return True

    def action_cancel(self):
        self._check_sheet_state(("draft", "approved", "sent"))
        self._workflow_write({"state": "cancel"})
        return True

    def _pi_anonymise_values(self):
        """The unit and the texts that describe the owner's case; the
        developer, the amounts and the dates stay."""
        return dict(
            super()._pi_anonymise_values(),
            unit_id=False,
            subject=_("Anonymised"),
            content=False,
            reply=False,
        )

    def _proof_records(self):
        """A contact sheet once signed off (PROP-09)."""
        return self.filtered("approved_at")
