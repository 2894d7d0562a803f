from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

MAX_LEVEL = 4


class ComplaintCategory(models.Model):
    """Classification tree of up to four levels (BASE-10, BASE-20).

    Each node may name a default team, department and handler; a node
    without them inherits its parent's (``effective_*`` fields), so routing
    only needs to be configured where it differs.
    """

    _name = "complaint.category"
    _inherit = ["complaint.registry.cached"]
    _description = "Complaint Category"
    _parent_store = True
    _rec_name = "complete_name"
    _rec_names_search = ["complete_name", "name"]
    _order = "complete_name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    display_name = fields.Char(
        compute="_compute_display_name", recursive=True, search="_search_display_name"
    )
    parent_id = fields.Many2one(
        "complaint.category", index=True, ondelete="restrict", string="Parent"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("complaint.category", "parent_id", string="Children")
    level = fields.Integer(compute="_compute_level", store=True, recursive=True)
    active = fields.Boolean(default=True)
    sector = fields.Selection(
        selection=lambda self: self.env["complaint.complaint"]
        ._fields["sector"]
        ._description_selection(self.env),
        help="Leave empty for categories used by every sector.",
    )
    team_id = fields.Many2one("complaint.team", string="Default Team")
    department_id = fields.Many2one("hr.department", string="Default Department")
    user_id = fields.Many2one("res.users", string="Default Handler")
    effective_team_id = fields.Many2one(
        "complaint.team", compute="_compute_effective", string="Team (inherited)"
    )
    effective_department_id = fields.Many2one(
        "hr.department", compute="_compute_effective", string="Department (inherited)"
    )
    effective_user_id = fields.Many2one(
        "res.users", compute="_compute_effective", string="Handler (inherited)"
    )
    description = fields.Text(translate=True)
    company_id = fields.Many2one("res.company")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        """The path in the source language (English), whatever the language
        of the user who renamed a category: it is stored, for sorting."""
        for cat in self:
            name = cat.with_context(lang="en_US").name
            if cat.parent_id:
                cat.complete_name = f"{cat.parent_id.complete_name} / {name}"
            else:
                cat.complete_name = name

    @api.depends_context("lang")
    @api.depends("name", "parent_id.display_name")
    def _compute_display_name(self):
        """The path in the user's language (``complete_name`` is stored in
        the source language, for sorting and searching)."""
        for cat in self:
            names = []
            node = cat
            while node:
                names.append(node.name or "")
                node = node.parent_id
            cat.display_name = " / ".join(reversed(names))

    @api.depends("parent_id.level")
    def _compute_level(self):
        for cat in self:
            cat.level = (cat.parent_id.level + 1) if cat.parent_id else 1

    @api.depends(
        "team_id", "department_id", "user_id", "parent_id", "parent_id.team_id"
    )
    def _compute_effective(self):
        for cat in self:
            team = department = user = None
            node = cat
            while node and not (team and department and user):
                team = team or node.team_id
                department = department or node.department_id
                user = user or node.user_id
                node = node.parent_id
            cat.effective_team_id = team
            cat.effective_department_id = department
            cat.effective_user_id = user

    @api.constrains("parent_id")
    def _check_hierarchy(self):
        if self._has_cycle():
            raise ValidationError(_("A category cannot be its own ancestor."))
        for cat in self:
            if cat.level > MAX_LEVEL:
                raise ValidationError(
                    _(
                        "Category %(name)s would be at level %(level)s; the "
                        "classification has at most %(max)s levels.",
                        name=cat.complete_name,
                        level=cat.level,
                        max=MAX_LEVEL,
                    )
                )

    def is_leaf(self):
        """True when the category has no active children (a final level)."""
        self.ensure_one()
        return not self.child_ids
