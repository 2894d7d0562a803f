from odoo import api, fields, models, tools

from .complaint_sla_target import UNIT_SELECTION

#: the conditions of a policy, in the order they are reported
CONDITION_FIELDS = (
    "company_id",
    "sector",
    "category_id",
    "severity",
    "channel_id",
    "customer_tier",
)


class ComplaintSlaPolicy(models.Model):
    """A set of time limits (targets) and the complaints they apply to.

    Matching rule ("the most specific policy wins"):

    1. A policy *matches* a complaint when every condition it sets holds:
       company, sector, category (the complaint's category or any of its
       sub-categories), severity, channel and customer tier.  An empty
       condition matches anything.
    2. Among the matching policies, the one with the **most conditions set**
       wins (a policy for "major complaints from the hotline" beats one for
       "major complaints").
    3. Ties are broken by ``sequence`` (lowest first), then by id.

    The winner gives *all* the targets: there is no merging of targets
    between policies.  The rule is implemented in :meth:`_match_score` and
    :meth:`_find_for_complaint` and tested in ``tests/test_sla_policy.py``.
    """

    _name = "complaint.sla.policy"
    _description = "Complaint SLA Policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="Breaks ties between equally specific policies."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty for every company."
    )
    sector = fields.Selection(
        selection=lambda self: self.env["complaint.complaint"]
        ._fields["sector"]
        ._description_selection(self.env),
        help="Leave empty for every sector.",
    )
    category_id = fields.Many2one(
        "complaint.category",
        string="Category",
        ondelete="cascade",
        help="Applies to this category and all its sub-categories.",
    )
    severity = fields.Selection(
        [("general", "General"), ("important", "Important"), ("major", "Major")],
    )
    channel_id = fields.Many2one(
        "complaint.channel", string="Channel", ondelete="cascade"
    )
    customer_tier = fields.Selection(
        selection=lambda self: self.env["res.partner"]
        ._fields["complaint_customer_tier"]
        ._description_selection(self.env),
        string="Customer Tier",
    )
    target_ids = fields.One2many(
        "complaint.sla.target", "policy_id", string="Targets", copy=True
    )
    max_extension_amount = fields.Float(
        string="Maximum Total Time",
        help="Longest total resolution time, counted from receipt, that "
        "approved extensions may reach. Zero: no limit.",
    )
    max_extension_unit = fields.Selection(
        UNIT_SELECTION, string="Maximum Total Time Unit", default="working_days"
    )
    specificity = fields.Integer(
        compute="_compute_specificity",
        store=True,
        help="Number of conditions set: the more, the more specific.",
    )
    note = fields.Text(translate=True)

    _sql_constraints = [
        (
            "max_extension_positive",
            "CHECK(max_extension_amount >= 0)",
            "The maximum total time cannot be negative.",
        ),
    ]

    @api.depends(*CONDITION_FIELDS)
    def _compute_specificity(self):
        for policy in self:
            policy.specificity = sum(1 for name in CONDITION_FIELDS if policy[name])

    def _match_score(self, complaint):
        """``None`` when the policy does not apply to ``complaint``, else a
        sort key: higher specificity first, then lower sequence, lower id."""
        self.ensure_one()
        if self.company_id and self.company_id != complaint.company_id:
            return None
        if self.sector and self.sector != complaint.sector:
            return None
        if self.category_id:
            category = complaint.category_id
            if not category:
                return None
            # parent_path "1/4/9/": the policy's category or one of its children
            ancestors = {int(i) for i in (category.parent_path or "").split("/") if i}
            if self.category_id.id not in ancestors | {category.id}:
                return None
        if self.severity and self.severity != complaint.severity:
            return None
        if self.channel_id and self.channel_id != complaint.channel_id:
            return None
        if self.customer_tier and self.customer_tier != complaint.customer_tier:
            return None
        return (-self.specificity, self.sequence, self.id)

    # ---------------------------------------------------------- caching
    @api.model_create_multi
    def create(self, vals_list):
        res = super().create(vals_list)
        self.env.registry.clear_cache()
        return res

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    @tools.ormcache("company_id")
    def _active_policy_ids(self, company_id):
        """Ids of the active policies of a company and the global ones
        (cached; cleared when a policy or a target changes)."""
        return tuple(
            self.sudo()
            .with_context(active_test=True)
            .search([("company_id", "in", [False, company_id or False])])
            .ids
        )

    @api.model
    def _find_for_complaint(self, complaint):
        """The most specific active policy matching ``complaint`` (or an
        empty recordset).  See the class docstring for the rule."""
        policies = self.sudo().browse(self._active_policy_ids(complaint.company_id.id))
        best, best_key = self.browse(), None
        for policy in policies:
            key = policy._match_score(complaint)
            if key is not None and (best_key is None or key < best_key):
                best, best_key = policy, key
        return best.sudo(False) if best else best

    def _get_extension_cap(self):
        """``(amount, unit)`` or ``None`` when extensions are not capped."""
        self.ensure_one()
        if self.max_extension_amount:
            amount = self.max_extension_amount
            if float(amount).is_integer():
                amount = int(amount)
            return amount, self.max_extension_unit or "working_days"
        return None
