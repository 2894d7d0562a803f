from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

CODE_TYPES = [
    ("channel", "Business Channel"),
    ("business_type", "Business Type"),
    ("cause", "Cause"),
]


class ComplaintBankCode(models.Model):
    """A code of the JR/T 0169-2018 classification of financial consumer
    complaints (BANK-07).

    The standard classifies every complaint of a banking institution three
    ways: the channel through which the business was handled (A), the type
    of business (B) and the cause (C).  The codes ship as data records (not
    as selection values) so a bank can add the sub-codes it uses, rename or
    archive them without a code change, and the half-year statistics group
    by them.
    """

    _name = "complaint.bank.code"
    _description = "JR/T 0169-2018 Complaint Code"
    _parent_store = True
    _order = "code_type, code, id"
    _rec_names_search = ["code", "name"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    code_type = fields.Selection(
        CODE_TYPES, string="Classification", required=True, index=True
    )
    parent_id = fields.Many2one(
        "complaint.bank.code", string="Parent Code", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("complaint.bank.code", "parent_id", string="Sub-codes")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        (
            "code_type_uniq",
            "unique(code_type, code)",
            "A JR/T complaint code must be unique within its classification.",
        ),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = f"{rec.code} {rec.name}" if rec.code else rec.name

    @api.constrains("parent_id", "code_type")
    def _check_parent(self):
        for rec in self:
            if rec.parent_id and rec.parent_id.code_type != rec.code_type:
                raise ValidationError(
                    _(
                        "A sub-code must belong to the same classification as its parent."
                    )
                )
        if self._has_cycle():
            raise ValidationError(_("A complaint code cannot be its own parent."))
