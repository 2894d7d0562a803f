from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools.workflow_guard import forbidden_on_write
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

from ..tools import integrity

#: BASE-57: fields the memorandum's workflow owns -> the actions that set them
MEMORANDUM_WORKFLOW_FIELDS = {
    "name": "numbering",
    "state": "action_sign action_pay action_cancel",
    "signed_at": "action_sign",
    "paid_at": "action_pay",
}
#: what the owner signed: not rewritten once signed (BASE-57, PROP-09)
SIGNED_FIELDS = (
    "partner_id",
    "unit_id",
    "amount",
    "paid_by",
    "terms",
    "owner_signature",
    "signed_by",
    "complaint_id",
    "repair_order_id",
    "contact_sheet_id",
)


class ComplaintPropertyMemorandum(models.Model):
    """Settlement memorandum (和解备忘) signed by the owner (PROP-09).

    Compensation is paid, or recorded as paid, only on a memorandum the
    owner has signed: a check in the methods and an SQL constraint.  The
    state, signature date and payment are written by the actions only
    (BASE-57); what the owner signed cannot be changed afterwards; the
    payment is recorded by a handler who did not draft the memorandum
    (four-eyes).  A memorandum of a complaint is visible to whoever may
    read the complaint (BASE-54/55).
    """

    _name = "complaint.property.memorandum"
    _description = "Settlement Memorandum"
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
    _workflow_fields = MEMORANDUM_WORKFLOW_FIELDS

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    complaint_id = fields.Many2one(
        "complaint.complaint", index="btree_not_null", check_company=True, tracking=True
    )
    repair_order_id = fields.Many2one(
        "complaint.repair.order",
        string="Work Order",
        index="btree_not_null",
        check_company=True,
    )
    contact_sheet_id = fields.Many2one(
        "complaint.property.contact.sheet",
        string="Work Contact Sheet",
        check_company=True,
        help="Sheet on which the developer authorised the compensation.",
    )
    # required in the form; empty only once the complaint is anonymised
    partner_id = fields.Many2one("res.partner", string="Owner", index=True)
    unit_id = fields.Many2one(
        "complaint.property.unit", string="Unit", check_company=True
    )
    amount = fields.Monetary(string="Compensation", required=True, tracking=True)
    paid_by = fields.Selection(
        [("developer", "Developer"), ("property", "Property Company")],
        default="developer",
    )
    terms = fields.Html(help="What was agreed; the owner waives further claims.")
    owner_signature = fields.Binary(
        string="Owner's Signature", copy=False, attachment=True
    )
    signed_by = fields.Char(string="Signed By", copy=False)
    signed_at = fields.Datetime(string="Signed", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("signed", "Signed"),
            ("paid", "Paid"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    paid_at = fields.Datetime(string="Paid", readonly=True, copy=False)
    payment_reference = fields.Char(copy=False)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "Compensation cannot be negative."),
        (
            "paid_needs_signature",
            "CHECK((state != 'paid' AND paid_at IS NULL) OR signed_at IS NOT NULL)",
            "Compensation can only be paid on a memorandum signed by the owner.",
        ),
    ]

    @api.constrains("partner_id")
    def _check_partner_id(self):
        for memo in self:
            if not memo.partner_id and not memo.complaint_id.anonymised:
                raise ValidationError(
                    _("A settlement memorandum names the owner who signs it.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["complaint.repair.order"]._prefetch_for_children(
            vals_list, ["complaint_id"]
        )
        for vals in vals_list:
            # (other users cannot set them at all: the workflow guard)
            if self.env.su and (vals.get("state") == "paid" or vals.get("paid_at")):
                raise UserError(self._unsigned_message())
            if vals.get("repair_order_id") and not vals.get("complaint_id"):
                order = self.env["complaint.repair.order"].browse(
                    vals["repair_order_id"]
                )
                vals["complaint_id"] = order.complaint_id.id
        return super().create(vals_list)

    def _workflow_create_values(self, vals_list):
        """The number comes from the sequence only (BASE-57)."""
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"]
                    .sudo()
                    .next_by_code("complaint.property.memorandum")
                    or "/"
                )
        return super()._workflow_create_values(vals_list)

    def write(self, vals):
        if self.env.su and (vals.get("state") == "paid" or vals.get("paid_at")):
            for memo in self:
                if memo.state not in ("signed", "paid"):
                    raise UserError(self._unsigned_message())
        if not self.env.su:
            for memo in self:
                frozen = []
                # signed once, signed for good: a cancelled memorandum keeps
                # what the owner signed (BASE-57)
                if memo.state in ("signed", "paid") or memo.signed_at:
                    frozen = forbidden_on_write(vals, SIGNED_FIELDS)
                if memo.state == "paid":
                    frozen += forbidden_on_write(vals, ("payment_reference",))
                if frozen:
                    raise UserError(
                        _(
                            "Memorandum %(name)s was signed by the owner: "
                            "%(fields)s can no longer be changed. Cancel it and "
                            "draft a new one.",
                            name=memo.name,
                            fields=", ".join(
                                memo._fields[n]._description_string(self.env)
                                for n in frozen
                            ),
                        )
                    )
        return super().write(vals)

    def _unsigned_message(self):
        return _(
            "Compensation can only be paid once the owner has signed the "
            "settlement memorandum (和解备忘)."
        )

    def action_sign(self):
        """The owner signs the memorandum."""
        self.check_access("write")
        for memo in self:
            if memo.state != "draft":
                raise UserError(_("Memorandum %s is not a draft.", memo.name))
            if is_html_empty(memo.terms):
                raise UserError(_("Write the terms of the settlement first."))
            if not integrity.is_signed(memo.owner_signature, memo.signed_by):
                raise UserError(
                    _("The owner must sign the memorandum, and their name be given.")
                )
            memo._check_within_authorised()
            memo._workflow_write(
                {"state": "signed", "signed_at": fields.Datetime.now()}
            )
        return True

    def action_pay(self, reference=None):
        """Record the payment of the compensation (PROP-09): a handler, on a
        memorandum the owner signed, drafted by someone else (BASE-57)."""
        if not self.env.user.has_group("complaint_base.group_complaint_handler"):
            raise AccessError(
                _("Only a complaint handler records the payment of a compensation.")
            )
        self.check_access("write")
        for memo in self:
            if memo.state != "signed":
                raise UserError(self._unsigned_message())
            memo._check_four_eyes(
                memo.create_uid, _("the settlement memorandum %s", memo.name)
            )
            reference = (reference or memo.payment_reference or "").strip()
            if not reference:
                raise UserError(
                    _(
                        "Give the payment reference of memorandum %s (the bank "
                        "transfer or receipt): a payment is recorded with its proof.",
                        memo.name,
                    )
                )
            memo._workflow_write(
                {
                    "state": "paid",
                    "paid_at": fields.Datetime.now(),
                    "payment_reference": reference,
                }
            )
            if memo.complaint_id:
                memo.complaint_id.sudo().message_post(
                    body=_(
                        "Compensation of %(amount)s %(currency)s paid under "
                        "memorandum %(name)s.",
                        amount=memo.amount,
                        currency=memo.currency_id.name,
                        name=memo.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def _check_within_authorised(self):
        """PROP-09: a memorandum under a contact sheet the developer answered
        pays at most what the developer authorised on it."""
        self.ensure_one()
        sheet = self.sudo().contact_sheet_id
        if sheet.state == "replied" and self.amount > (sheet.amount_authorized or 0.0):
            raise UserError(
                _(
                    "Memorandum %(name)s pays %(amount)s, more than the %(authorised)s "
                    "the developer authorised on contact sheet %(sheet)s.",
                    name=self.name,
                    amount=self.amount,
                    authorised=sheet.amount_authorized or 0.0,
                    sheet=sheet.name,
                )
            )

    def action_cancel(self):
        self.check_access("write")
        for memo in self:
            if memo.state == "paid":
                raise UserError(_("A paid memorandum cannot be cancelled."))
        self._workflow_write({"state": "cancel"})
        return True

    def _pi_anonymise_values(self):
        """The owner, the unit, the terms and the signature; the amount and
        the dates stay for the statistics (compensation paid)."""
        return dict(
            super()._pi_anonymise_values(),
            partner_id=False,
            unit_id=False,
            terms=False,
            owner_signature=False,
            signed_by=False,
        )

    def _proof_records(self):
        """A memorandum once the owner signed it (PROP-09)."""
        return self.filtered("signed_at")
