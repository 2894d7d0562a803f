from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .complaint_category import CROSS_SELL_CASES

LINES_OF_BUSINESS = [
    ("motor", "Motor"),
    ("commercial_property", "Commercial property"),
    ("household_property", "Household property"),
    ("liability", "Liability"),
    ("accident_health", "Short-term accident and health"),
    ("engineering", "Engineering"),
    ("cargo_hull", "Cargo and hull"),
    ("agriculture", "Agriculture"),
    ("credit_guarantee", "Credit and guarantee"),
    ("other", "Other"),
]
#: INS-03: the 95511 agent picks levels 1-3, the handler confirms level 4
INTAKE_MAX_LEVEL = 3
HANDLER = "complaint_base.group_complaint_handler"
#: fields whose change may open or move a tracked task (audit, rectification)
TASK_TRIGGER_FIELDS = {
    "severity",
    "media_involved",
    "regulator_involved",
    "reached_head_office",
    "external_escalation_at",
}
#: fields whose change may upgrade the complaint (INS-04)
UPGRADE_TRIGGER_FIELDS = {"partner_id", "is_urgent", "business_risk", "sector"}


class ComplaintComplaint(models.Model):
    """Insurance complaints (INS-01 … INS-10), see readme/DESCRIPTION.md.

    This file: the sector, the case data (INS-01), intake and referral
    (INS-03/06), the comfort fund (INS-07), registration and closing.
    The other concerns: ``complaint_complaint_regulator.py`` (INS-02),
    ``complaint_complaint_branch.py`` (INS-05/09),
    ``complaint_complaint_escalation.py`` (INS-04/08),
    ``complaint_complaint_clock.py`` (INS-10, the 2020 measures).
    """

    _inherit = "complaint.complaint"

    sector = fields.Selection(
        selection_add=[("insurance", "Insurance")],
        ondelete={"insurance": "set default"},
    )

    # ------------------------------------------------------------- INS-01
    policy_number = fields.Char(index="btree_not_null", tracking=True)
    line_of_business = fields.Selection(
        LINES_OF_BUSINESS, string="Line of Business", tracking=True
    )
    claim_number = fields.Char(index="btree_not_null", tracking=True)
    underwriting_branch_id = fields.Many2one(
        "complaint.insurance.branch",
        string="Underwriting Branch",
        index="btree_not_null",
        tracking=True,
        ondelete="restrict",
        help="Branch that issued the policy.",
    )
    loss_branch_id = fields.Many2one(
        "complaint.insurance.branch",
        string="Loss Branch",
        index="btree_not_null",
        tracking=True,
        ondelete="restrict",
        help="Branch where the loss happened and the claim was handled.",
    )

    # ---------------------------------------------------- INS-03 / INS-06
    cross_sell_case = fields.Selection(
        CROSS_SELL_CASES,
        string="Cross-selling Case",
        compute="_compute_cross_sell_case",
        store=True,
        precompute=True,
    )
    referred_to = fields.Char(
        string="Referred To",
        copy=False,
        help="Company or channel the complainant was referred to.",
    )

    # ------------------------------------------------------------- INS-07
    comfort_fund_request_ids = fields.One2many(
        "complaint.comfort.fund.request", "complaint_id", string="Comfort Fund"
    )
    comfort_fund_count = fields.Integer(compute="_compute_comfort_fund")
    comfort_fund_approved_amount = fields.Monetary(
        compute="_compute_comfort_fund",
        currency_field="company_currency_id",
        string="Comfort Fund Approved",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id")

    # ============================================================ computes
    @api.depends(
        "category_id.insurance_cross_sell_case",
        "category_id.parent_id.insurance_cross_sell_case",
        "category_id.parent_id.parent_id.insurance_cross_sell_case",
        "category_id.parent_id.parent_id.parent_id.insurance_cross_sell_case",
    )
    def _compute_cross_sell_case(self):
        for rec in self:
            rec.cross_sell_case = (
                rec.category_id._get_cross_sell_case() if rec.category_id else False
            )

    @api.depends("comfort_fund_request_ids.state", "comfort_fund_request_ids.amount")
    def _compute_comfort_fund(self):
        for rec in self:
            requests = rec.comfort_fund_request_ids
            rec.comfort_fund_count = len(requests)
            rec.comfort_fund_approved_amount = sum(
                requests.filtered(lambda r: r.state in ("approved", "paid")).mapped(
                    "amount"
                )
            )

    # ========================================================= constraints
    @api.constrains("category_id", "sector")
    def _check_intake_category_level(self):
        """INS-03: intake picks levels 1-3; only a handler sets level 4."""
        if self.env.su or self.env.user.has_group(
            "complaint_base.group_complaint_handler"
        ):
            return
        for rec in self:
            if rec.sector == "insurance" and rec.category_id.level > INTAKE_MAX_LEVEL:
                raise ValidationError(
                    _(
                        "At intake choose the reason down to level 3 only: the "
                        "handler confirms the 4th level after checking the facts "
                        "(complaint %s).",
                        rec.name,
                    )
                )

    @api.constrains("underwriting_branch_id", "loss_branch_id", "responsible_branch_id")
    def _check_branch_company(self):
        for rec in self:
            branches = (
                rec.underwriting_branch_id
                | rec.loss_branch_id
                | rec.responsible_branch_id
            )
            if any(b.company_id != rec.company_id for b in branches):
                raise ValidationError(
                    _(
                        "The branches of complaint %s must belong to its company.",
                        rec.name,
                    )
                )

    # ====================================================== create / write
    @api.model_create_multi
    def create(self, vals_list):
        # read ahead of the base's create: the masters come from the cache
        self._prefill_masters(vals_list)
        self._prepare_insurance_vals_list(vals_list)
        records = super().create(vals_list)
        insurance = records._sector_records("insurance")
        insurance._apply_insurance_upgrade()
        insurance._sync_insurance_tasks()
        return records

    def _prepare_insurance_vals_list(self, vals_list):
        """Insurance defaults derived from the intake data; the categories
        and channels of the batch are read in one query each."""
        categories = self.env["complaint.category"].browse(
            {v["category_id"] for v in vals_list if v.get("category_id")}
        )
        insurance_categories = set(
            categories.filtered(lambda c: c.sector == "insurance").ids
        )
        channels = self.env["complaint.channel"].browse(
            {v["channel_id"] for v in vals_list if v.get("channel_id")}
        )
        regulator_channels = set(channels.filtered("is_regulator").ids)
        default_sector = self._context.get("default_sector")
        for vals in vals_list:
            if not vals.get("sector") and vals.get("category_id") in (
                insurance_categories
            ):
                vals["sector"] = "insurance"
            if vals.get("sector", default_sector) != "insurance":
                continue
            if "regulator_forwarded" not in vals and (
                vals.get("channel_id") in regulator_channels
            ):
                vals["regulator_forwarded"] = True
            if vals.get("regulator_forwarded"):
                vals.setdefault("regulator_involved", True)
        return vals_list

    def write(self, vals):
        # INS-02: a 12378 case involves the regulator (insurance only: the
        # flag is the 2020 measures' field, shared with other sectors)
        involve = self.browse()
        if vals.get("regulator_forwarded") and "regulator_involved" not in vals:
            involve = self.filtered(
                lambda r: (vals.get("sector") or r.sector) == "insurance"
            )
            if involve == self:
                vals, involve = dict(vals, regulator_involved=True), self.browse()
        res = super().write(vals)
        if involve:
            involve.write({"regulator_involved": True})
        if self.env.context.get("complaint_sla_recompute"):
            return res
        insurance = self._sector_records("insurance")
        if not insurance:
            return res
        if UPGRADE_TRIGGER_FIELDS & set(vals):
            insurance._apply_insurance_upgrade()
        if (TASK_TRIGGER_FIELDS | self._sla_trigger_fields()) & set(vals):
            insurance._sync_insurance_tasks()
        return res

    @api.onchange("category_id")
    def _onchange_category_sector(self):
        if self.category_id.sector == "insurance":
            self.sector = "insurance"

    # ============================================================= INS-06
    def _check_can_accept(self):
        res = super()._check_can_accept()
        if self.cross_sell_case == "other_company":
            raise UserError(
                _(
                    "Complaint %s is about another company's product: refer the "
                    "complainant to that company instead of accepting it.",
                    self.name,
                )
            )
        return res

    def _after_accept(self):
        res = super()._after_accept()
        self._sector_records("insurance")._notify_acceptance()
        return res

    def action_refer_other_company(self):
        """INS-06: another company's product is not handled here; the
        complainant is told where to turn (ruled out of scope): a
        handler's decision, like every invalid ruling (BASE-12)."""
        self._check_group(HANDLER)
        for rec in self:
            if not (rec.referred_to or "").strip():
                raise UserError(
                    _("Enter the company or channel the complainant is referred to.")
                )
            rec.action_mark_invalid(
                "out_of_scope",
                _(
                    "This product is not ours: please contact %s, which handles " "it.",
                    rec.referred_to,
                ),
            )
        return True

    # ============================================================ closing
    def _check_can_close(self):
        super()._check_can_close()
        if self.sector != "insurance":
            return
        problems = []
        if (
            self.involves_violation
            and self.regulator_forwarded
            and not (self.audit_reported_at)
        ):
            problems.append(_("record the report to the audit department"))
        if self.regulator_forwarded and not self.regulator_reply_at:
            problems.append(_("report the result to the regulator"))
        if self.is_offsite_claim and self.liability_state not in (
            "decided",
            "arbitrated",
        ):
            problems.append(_("decide the liable branch"))
        if problems:
            raise UserError(
                _(
                    "Before closing %(name)s: %(todo)s.",
                    name=self.name,
                    todo="; ".join(problems),
                )
            )

    def action_open_comfort_fund(self):
        self.ensure_one()
        self._check_group(HANDLER)
        return {
            "type": "ir.actions.act_window",
            "name": _("Comfort Fund Requests"),
            "res_model": "complaint.comfort.fund.request",
            "view_mode": "list,form",
            "domain": [("complaint_id", "=", self.id)],
            "context": {"default_complaint_id": self.id},
        }
