from odoo import api, fields, models, tools

from ..tools import sla_policy
from .complaint_sla_target import UNIT_SELECTION

#: the conditions of a policy, in the order they are reported
CONDITION_FIELDS = sla_policy.CONDITION_FIELDS


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
    between policies.  The rule is implemented in ``tools/sla_policy.py``
    (used by :meth:`_find_for_complaint` and :meth:`_match_score`) and
    tested in ``tests/test_sla_policy.py``.
    """

    _name = "complaint.sla.policy"
    _inherit = ["complaint.registry.cached"]
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
        sort key: higher specificity first, then lower sequence, lower id
        (the rule: ``tools/sla_policy.py``)."""
        self.ensure_one()
        return sla_policy.match_key(
            self._policy_row(), self._complaint_conditions(complaint)
        )

    def _policy_row(self):
        """The policy as the plain values of ``sla_policy.POLICY_ROW``."""
        self.ensure_one()
        row = {}
        for name in sla_policy.POLICY_ROW:
            value = self[name]
            row[name] = value.id if isinstance(value, models.BaseModel) else value
        return row

    @api.model
    def _complaint_conditions(self, complaint):
        """What the policies' conditions look at on ``complaint``."""
        category = complaint.category_id
        # parent_path "1/4/9/": the category and its ancestors
        ancestors = {int(i) for i in (category.parent_path or "").split("/") if i}
        return {
            "company_id": complaint.company_id.id,
            "sector": complaint.sector,
            "category_ids": (ancestors | {category.id}) if category else set(),
            "severity": complaint.severity,
            "channel_id": complaint.channel_id.id,
            "customer_tier": complaint.customer_tier,
        }

    # ---------------------------------------------------------- caching
    # (a change clears the cache: ``complaint.registry.cached``)
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

    @tools.ormcache("company_id")
    def _active_policy_rows(self, company_id):
        """The conditions of the active policies of a company and of the
        global ones, as plain values (``sla_policy.POLICY_ROW``; cached,
        cleared when a policy or a target changes)."""
        # exists(): a policy deleted with its category or channel (in SQL)
        policies = self.sudo().browse(self._active_policy_ids(company_id)).exists()
        return tuple(policy._policy_row() for policy in policies)

    @tools.ormcache("policy_id")
    def _target_rows(self, policy_id):
        """``((kind, amount, unit, start_event), ...)`` of a policy's
        targets in their order (cached, cleared when a policy or a target
        changes)."""
        return tuple(
            (t.kind, t.amount, t.unit, t.start_event)
            for t in self.sudo().browse(policy_id).target_ids
        )

    @api.model
    def _find_for_complaint(self, complaint):
        """The most specific active policy matching ``complaint`` (or an
        empty recordset).  See the class docstring for the rule; the
        policies' conditions come from the registry's cache, so this reads
        no policy row."""
        best = sla_policy.best_policy(
            self._active_policy_rows(complaint.company_id.id),
            self._complaint_conditions(complaint),
        )
        return self.sudo(False).browse(best) if best else self.browse()

    def _get_extension_cap(self):
        """``(amount, unit)`` or ``None`` when extensions are not capped."""
        self.ensure_one()
        if self.max_extension_amount:
            amount = self.max_extension_amount
            if float(amount).is_integer():
                amount = int(amount)
            return amount, self.max_extension_unit or "working_days"
        return None
