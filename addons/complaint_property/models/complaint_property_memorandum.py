from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty


class ComplaintPropertyMemorandum(models.Model):
    """Settlement memorandum (和解备忘) signed by the owner (PROP-09).

    Compensation is paid, or recorded as paid, only on a memorandum the
    owner has signed: a check in the methods and an SQL constraint.
    """

    _name = "complaint.property.memorandum"
    _description = "Settlement Memorandum"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

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
    partner_id = fields.Many2one("res.partner", string="Owner", required=True)
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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code(
                        "complaint.property.memorandum"
                    )
                    or "/"
                )
            if vals.get("state") == "paid" or vals.get("paid_at"):
                raise UserError(self._unsigned_message())
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("state") == "paid" or vals.get("paid_at"):
            for memo in self:
                if memo.state not in ("signed", "paid"):
                    raise UserError(self._unsigned_message())
        return super().write(vals)

    def _unsigned_message(self):
        return _(
            "Compensation can only be paid once the owner has signed the "
            "settlement memorandum (和解备忘)."
        )

    def action_sign(self):
        """The owner signs the memorandum."""
        for memo in self:
            if memo.state != "draft":
                raise UserError(_("Memorandum %s is not a draft.", memo.name))
            if is_html_empty(memo.terms):
                raise UserError(_("Write the terms of the settlement first."))
            if not memo.owner_signature:
                raise UserError(_("The owner must sign the memorandum."))
            memo.write({"state": "signed", "signed_at": fields.Datetime.now()})
        return True

    def action_pay(self, reference=None):
        """Record the payment of the compensation (PROP-09)."""
        for memo in self:
            if memo.state != "signed":
                raise UserError(self._unsigned_message())
            vals = {"state": "paid", "paid_at": fields.Datetime.now()}
            if reference:
                vals["payment_reference"] = reference
            memo.write(vals)
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

    def action_cancel(self):
        for memo in self:
            if memo.state == "paid":
                raise UserError(_("A paid memorandum cannot be cancelled."))
        self.write({"state": "cancel"})
        return True
