from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

BRANCH_LEVELS = [
    ("head_office", "Head Office"),
    ("branch", "Branch"),
    ("sub_branch", "Sub-branch"),
    ("outlet", "Outlet"),
]


class HrDepartment(models.Model):
    """Bank branches are departments flagged as such (BANK-06).

    The department tree is the bank's hierarchy (head office, branches,
    sub-branches, outlets); each branch names the senior manager responsible
    for consumer protection and its complaint contact.  The superior branch
    (the nearest ancestor that is a branch) decides reviews (BANK-08).
    """

    # a change clears the cached branch of each user (``_bank_user_branch``)
    _name = "hr.department"
    _inherit = ["hr.department", "complaint.registry.cached"]

    is_bank_branch = fields.Boolean(
        string="Bank Branch",
        help="This department is an institution of the bank: its complaints "
        "are reported per branch (BANK-05).",
    )
    bank_branch_level = fields.Selection(BRANCH_LEVELS, string="Branch Level")
    bank_senior_manager_id = fields.Many2one(
        "res.users",
        string="Consumer Protection Senior Manager",
        help="Senior manager responsible for consumer protection at this "
        "branch (seed 003 F 一): receives the half-year report activity, "
        "follows the branch's complaints and approves long extensions of "
        "the branches below.",
    )
    bank_complaint_contact_id = fields.Many2one(
        "res.users",
        string="Complaint Contact",
        help="Contact person named in the notices to customers.",
    )
    bank_complaint_phone = fields.Char(
        string="Complaint Phone",
        help="Number given to customers in notices (acceptance, extension, "
        "decision).",
    )
    bank_superior_branch_id = fields.Many2one(
        "hr.department",
        string="Superior Branch",
        compute="_compute_bank_superior_branch_id",
        help="Nearest branch above this one in the department tree.",
    )

    @api.depends("parent_id", "parent_id.is_bank_branch")
    def _compute_bank_superior_branch_id(self):
        for dep in self:
            parent = dep.parent_id
            while parent and not parent.is_bank_branch:
                parent = parent.parent_id
            dep.bank_superior_branch_id = parent

    @api.constrains("is_bank_branch", "bank_branch_level")
    def _check_bank_branch_level(self):
        for dep in self:
            if dep.is_bank_branch and not dep.bank_branch_level:
                raise ValidationError(
                    _(
                        "Give the level of bank branch %s (head office, branch, "
                        "sub-branch or outlet).",
                        dep.display_name,
                    )
                )

    def _bank_get_branch(self):
        """The branch this department belongs to: itself when it is a
        branch, else its nearest ancestor branch (empty when none)."""
        dep = self[:1]
        while dep and not dep.is_bank_branch:
            dep = dep.parent_id
        return dep

    @api.model
    def _bank_head_offices(self, company):
        return self.sudo().search(
            [
                ("is_bank_branch", "=", True),
                ("bank_branch_level", "=", "head_office"),
                ("company_id", "in", [company.id, False]),
            ]
        )
