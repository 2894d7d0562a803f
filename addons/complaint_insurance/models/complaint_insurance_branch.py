from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ComplaintInsuranceBranch(models.Model):
    """An insurer's branch: head office, branch (分公司) or sub-branch.

    A small model of its own rather than ``res.company`` (branches are not
    separate legal entities in the books and must not split the complaint
    records by company) or ``hr.department`` (a branch has departments of its
    own, which stay the complained-about departments).  INS-05 needs to
    know, per complaint, the underwriting branch, the loss branch and the
    branch that is liable; the head office arbitrates liability disputes.
    """

    _name = "complaint.insurance.branch"
    _description = "Insurance Branch"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"

    name = fields.Char(required=True)
    code = fields.Char(help="Branch code used on policies and claims.")
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    parent_id = fields.Many2one(
        "complaint.insurance.branch",
        string="Parent Branch",
        index=True,
        ondelete="restrict",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "complaint.insurance.branch", "parent_id", string="Sub-branches"
    )
    is_head_office = fields.Boolean(
        string="Head Office",
        help="Arbitrates liability disputes between branches (INS-05).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    manager_id = fields.Many2one(
        "res.users",
        string="Branch Manager",
        help="Answers for the branch's rectification reports (INS-08).",
    )
    handler_id = fields.Many2one(
        "res.users",
        string="Complaint Handler",
        help="Handles the branch's complaints and takes live transfers from "
        "the hotline (INS-09).",
    )
    team_id = fields.Many2one(
        "complaint.team",
        string="Complaint Team",
        help="Team that handles the complaints of this branch.",
    )
    counted_complaint_count = fields.Integer(
        compute="_compute_complaint_counts", string="Complaints Counted"
    )
    offsite_complaint_count = fields.Integer(
        compute="_compute_complaint_counts", string="Off-site Claims Handled"
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A branch code must be unique per company.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for branch in self:
            if branch.parent_id:
                branch.complete_name = (
                    f"{branch.parent_id.complete_name} / {branch.name}"
                )
            else:
                branch.complete_name = branch.name

    def _compute_complaint_counts(self):
        Complaint = self.env["complaint.complaint"]
        counted = dict(
            Complaint._read_group(
                [("counted_branch_id", "in", self.ids)],
                ["counted_branch_id"],
                ["__count"],
            )
        )
        offsite = dict(
            Complaint._read_group(
                [
                    ("underwriting_branch_id", "in", self.ids),
                    ("is_offsite_claim", "=", True),
                ],
                ["underwriting_branch_id"],
                ["__count"],
            )
        )
        for branch in self:
            branch.counted_complaint_count = counted.get(branch, 0)
            branch.offsite_complaint_count = offsite.get(branch, 0)

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(_("A branch cannot be its own parent."))

    @api.constrains("is_head_office", "company_id", "active")
    def _check_one_head_office(self):
        for branch in self.filtered("is_head_office"):
            if self.search_count(
                [
                    ("is_head_office", "=", True),
                    ("company_id", "=", branch.company_id.id),
                    ("id", "!=", branch.id),
                ]
            ):
                raise ValidationError(
                    _("A company has only one head office (%s).", branch.name)
                )

    @api.model
    def _get_head_office(self, company):
        return self.search(
            [("is_head_office", "=", True), ("company_id", "=", company.id)], limit=1
        )

    def action_view_counted_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_base.action_complaint"
        )
        action["domain"] = [("counted_branch_id", "=", self.id)]
        action["context"] = {}
        return action
