from odoo import _, api, fields, models
from odoo.addons.complaint_base.models.complaint_complaint import OPEN_STATES
from odoo.addons.complaint_base.tools import deadline as dl
from odoo.addons.complaint_base.tools.severity import SEVERITY_ORDER
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext, is_html_empty

from ..tools import insurance_rules as rules
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
LIABILITY_STATES = [
    ("pending", "To Decide"),
    ("decided", "Decided"),
    ("disputed", "Disputed: Head-office Arbitration"),
    ("arbitrated", "Arbitrated by Head Office"),
]
UPGRADE_REASONS = [
    ("important_customer", "Important customer"),
    ("urgent", "Urgent complaint of a value or normal customer"),
]
#: INS-03: the 95511 agent picks levels 1-3, the handler confirms level 4
INTAKE_MAX_LEVEL = 3
#: sector kinds of SLA targets -> complaint fields
INSURANCE_DEADLINE_FIELDS = {
    "audit_report": "audit_report_deadline",
    "recheck_window": "recheck_window_deadline",
    "recheck": "recheck_deadline",
}
#: clock pauses the complainant is told about (2020 measures art. 18)
NOTIFIED_PAUSE_REASONS = ("external_appraisal", "mediation")
HANDLER = "complaint_base.group_complaint_handler"
REVIEWER = "complaint_base.group_complaint_reviewer"
AUDIT_ACTIVITY = "complaint_insurance.mail_activity_type_audit_report"
RECTIFICATION_ACTIVITY = "complaint_insurance.mail_activity_type_rectification"
#: fields whose change may open or move a tracked task (audit, rectification)
TASK_TRIGGER_FIELDS = {
    "severity",
    "media_involved",
    "regulator_involved",
    "reached_head_office",
    "external_escalation_at",
}


class ComplaintComplaint(models.Model):
    """Insurance complaints (INS-01 … INS-10), see readme/DESCRIPTION.md."""

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

    # ------------------------------------------------------------- INS-02
    regulator_forwarded = fields.Boolean(
        string="Forwarded by the Regulator (12378)",
        tracking=True,
        help="Case forwarded from the regulator's 12378 hotline.",
    )
    regulator_case_no = fields.Char(
        string="Regulator Case No.", index="btree_not_null", tracking=True
    )
    regulator_forward_date = fields.Date(
        string="12378 Forwarded On",
        help="Date on which the regulator forwarded the case.",
    )
    involves_violation = fields.Boolean(
        string="Involves a Violation",
        tracking=True,
        help="The case alleges a breach of rules: report it to the audit "
        "department within 3 working days of receipt.",
    )
    audit_report_deadline = fields.Datetime(
        string="Report to Audit By", index=True, copy=False, readonly=True
    )
    audit_reported_at = fields.Datetime(
        string="Reported to Audit", copy=False, readonly=True, tracking=True
    )
    audit_report = fields.Text(string="Report to the Audit Department", copy=False)
    regulator_reply_at = fields.Datetime(
        string="Reported to Regulator On",
        copy=False,
        readonly=True,
        tracking=True,
    )
    regulator_reply = fields.Text(string="Result Reported to Regulator", copy=False)

    # ---------------------------------------------------- INS-03 / INS-06
    cross_sell_case = fields.Selection(
        CROSS_SELL_CASES,
        string="Cross-selling Case",
        compute="_compute_cross_sell_case",
        store=True,
    )
    referred_to = fields.Char(
        string="Referred To",
        copy=False,
        help="Company or channel the complainant was referred to.",
    )

    # ------------------------------------------------------------- INS-04
    is_urgent = fields.Boolean(string="Urgent", tracking=True)
    business_risk = fields.Boolean(
        default=True,
        tracking=True,
        help="The complaint carries a business risk. Without one it is not "
        "upgraded and stays with the first handler.",
    )
    is_upgraded = fields.Boolean(string="Upgraded", readonly=True, copy=False)
    upgrade_reason = fields.Selection(UPGRADE_REASONS, readonly=True, copy=False)

    # ------------------------------------------------------------- INS-05
    is_offsite_claim = fields.Boolean(
        string="Off-site Claim",
        compute="_compute_branches",
        store=True,
        help="The loss happened at another branch than the underwriting one: "
        "the underwriting branch handles the complaint.",
    )
    handling_branch_id = fields.Many2one(
        "complaint.insurance.branch",
        string="Handling Insurance Branch",
        compute="_compute_branches",
        store=True,
        index="btree_not_null",
    )
    responsible_branch_id = fields.Many2one(
        "complaint.insurance.branch",
        string="Liable Branch",
        tracking=True,
        copy=False,
        ondelete="restrict",
        help="Branch responsible for the service failure, decided after "
        "handling (定责).",
    )
    liability_state = fields.Selection(
        LIABILITY_STATES,
        string="Liability",
        default="pending",
        required=True,
        tracking=True,
        copy=False,
    )
    counted_branch_id = fields.Many2one(
        "complaint.insurance.branch",
        string="Counted Against",
        compute="_compute_counted_branch",
        store=True,
        index="btree_not_null",
        help="Branch whose complaint count this complaint goes to.",
    )
    liability_dispute_ids = fields.One2many(
        "complaint.liability.dispute", "complaint_id", string="Liability Disputes"
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

    # ------------------------------------------------------------- INS-08
    reached_head_office = fields.Boolean(
        string="Reached Head Office / Senior Management", tracking=True
    )
    external_escalation_at = fields.Datetime(
        string="Reached Media / Regulator / Head Office On",
        copy=False,
        help="When the major complaint reached the media, a regulator or the "
        "head office; the rectification report is due one month later.",
    )
    rectification_required = fields.Boolean(
        compute="_compute_rectification_required",
        store=True,
        help="Major complaint that reached the media, a regulator or the head "
        "office: the branch writes a rectification report within one month.",
    )
    rectification_deadline = fields.Datetime(
        string="Rectification Report By", readonly=True, copy=False, index=True
    )
    rectification_user_id = fields.Many2one(
        "res.users", string="Rectification Owner", copy=False
    )
    rectification_report = fields.Html(copy=False)
    rectification_reported_at = fields.Datetime(
        string="Rectification Reported", readonly=True, copy=False, tracking=True
    )

    # ------------------------------------------------------------- INS-09
    call_started_at = fields.Datetime(
        string="Call Started", copy=False, help="Start of the caller's live call."
    )
    live_transfer_at = fields.Datetime(
        string="Live Transfer", readonly=True, copy=False, tracking=True
    )
    live_transfer_user_id = fields.Many2one(
        "res.users", string="Transferred To", readonly=True, copy=False
    )

    # ------------------------------------------------------------- INS-10
    recheck_window_deadline = fields.Datetime(
        string="Review Request By",
        readonly=True,
        copy=False,
        help="The complainant may ask for a review (核查) within 30 days of "
        "the decision.",
    )
    recheck_requested_at = fields.Datetime(
        string="Review Requested", readonly=True, copy=False, tracking=True
    )
    recheck_deadline = fields.Datetime(
        string="Review Decision By", readonly=True, copy=False, index=True
    )
    recheck_decided_at = fields.Datetime(
        string="Review Decided", readonly=True, copy=False, tracking=True
    )
    recheck_result = fields.Text(string="Review Decision", copy=False)

    _sql_constraints = [
        (
            "regulator_case_company_uniq",
            "unique(regulator_case_no, company_id)",
            "This regulator case number is already registered.",
        ),
    ]

    # ============================================================ computes
    @api.depends("underwriting_branch_id", "loss_branch_id")
    def _compute_branches(self):
        for rec in self:
            rec.is_offsite_claim = rules.is_offsite_claim(
                rec.underwriting_branch_id, rec.loss_branch_id
            )
            rec.handling_branch_id = rules.handling_branch(
                rec.underwriting_branch_id, rec.loss_branch_id
            )

    @api.depends(
        "is_offsite_claim",
        "underwriting_branch_id",
        "responsible_branch_id",
        "is_overdue",
        "is_repeat",
    )
    def _compute_counted_branch(self):
        for rec in self:
            rec.counted_branch_id = rules.counted_branch(
                rec.is_offsite_claim,
                rec.underwriting_branch_id,
                rec.responsible_branch_id,
                rec.is_overdue,
                rec.is_repeat,
            )

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

    @api.depends(
        "sector",
        "severity",
        "media_involved",
        "regulator_involved",
        "reached_head_office",
    )
    def _compute_rectification_required(self):
        for rec in self:
            rec.rectification_required = bool(
                rec.sector == "insurance"
                and rec.severity == "major"
                and (
                    rec.media_involved
                    or rec.regulator_involved
                    or rec.reached_head_office
                )
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
    @api.constrains("regulator_forwarded", "regulator_case_no")
    def _check_regulator_case_no(self):
        # an anonymised complaint keeps the fact that the regulator forwarded
        # it (statistics), not the case number (PIPL)
        for rec in self.filtered(lambda r: not r.anonymised):
            if rec.regulator_forwarded and not (rec.regulator_case_no or "").strip():
                raise ValidationError(
                    _(
                        "Complaint %s was forwarded by the regulator: enter the "
                        "regulator's case number.",
                        rec.name,
                    )
                )

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
        for vals in vals_list:
            self._prepare_insurance_vals(vals)
        records = super().create(vals_list)
        insurance = records.filtered(lambda r: r.sector == "insurance")
        insurance._apply_insurance_upgrade()
        insurance._sync_insurance_tasks()
        return records

    def _prepare_insurance_vals(self, vals):
        """Insurance defaults derived from the intake data."""
        if vals.get("category_id") and not vals.get("sector"):
            category = self.env["complaint.category"].browse(vals["category_id"])
            if category.sector == "insurance":
                vals["sector"] = "insurance"
        if vals.get("sector", self._context.get("default_sector")) != "insurance":
            return vals
        if vals.get("channel_id") and "regulator_forwarded" not in vals:
            channel = self.env["complaint.channel"].browse(vals["channel_id"])
            if channel.is_regulator:
                vals["regulator_forwarded"] = True
        if vals.get("regulator_forwarded"):
            vals.setdefault("regulator_involved", True)
        return vals

    def write(self, vals):
        if vals.get("regulator_forwarded") and "regulator_involved" not in vals:
            vals = dict(vals, regulator_involved=True)
        res = super().write(vals)
        if self.env.context.get("complaint_sla_recompute"):
            return res
        insurance = self.filtered(lambda r: r.sector == "insurance")
        if not insurance:
            return res
        if {"partner_id", "is_urgent", "business_risk", "sector"} & set(vals):
            insurance._apply_insurance_upgrade()
        if (TASK_TRIGGER_FIELDS | self._sla_trigger_fields()) & set(vals):
            insurance._sync_insurance_tasks()
        return res

    # ========================================================== SLA hooks
    def _sla_trigger_fields(self):
        return super()._sla_trigger_fields() | {
            "regulator_forwarded",
            "involves_violation",
            "reply_at",
            "recheck_requested_at",
        }

    def _sla_deadline_field(self, kind):
        return INSURANCE_DEADLINE_FIELDS.get(kind) or super()._sla_deadline_field(kind)

    def _sla_deadline_kinds(self):
        return super()._sla_deadline_kinds() + list(INSURANCE_DEADLINE_FIELDS)

    def _earlier_target(self, current, regulatory):
        """The target whose deadline comes first: the regulation is a
        maximum, a stricter insurance policy keeps its own target."""
        if not current or not current.get("start"):
            return regulatory
        calendar = self._get_sla_calendar()

        def due(target):
            start = fields.Datetime.to_datetime(target["start"])
            return dl.compute_deadline(
                start, target["amount"], target["unit"], calendar
            )

        return current if due(current) <= due(regulatory) else regulatory

    def _get_sla_targets(self):
        """INS-02 and INS-10: the regulatory clocks of insurance complaints.

        * decision within 15 calendar days of receipt (DL-3), 2020 measures;
        * 12378 case: accepted within 1 working day, or reported to the audit
          department within 3 working days when it involves a violation
          (DL-2);
        * review (核查): request window of 30 days from the decision (the
          reply), decision within 30 days of the request.

        An SLA policy of the insurance sector keeps a target that is stricter
        than the regulation; generic policies never shorten these clocks.
        """
        targets = super()._get_sla_targets()
        if self.sector != "insurance":
            return targets
        received = self.received_at

        def target(amount, unit, start):
            return {"amount": amount, "unit": unit, "start": start}

        regulatory = {
            "resolution": target(rules.DECISION_DAYS, "calendar_days", received)
        }
        for kind, (amount, unit) in rules.regulator_targets(
            self.regulator_forwarded, self.involves_violation
        ).items():
            regulatory[kind] = target(amount, unit, received)
        # A policy written for insurers may be stricter than the regulation;
        # a generic one (other sectors' internal targets) gives way to it.
        own_policy = self._get_sla_policy().sector == "insurance"
        for kind, value in regulatory.items():
            current = targets.get(kind) if own_policy else None
            targets[kind] = self._earlier_target(current, value)
        if self.reply_at:
            targets["recheck_window"] = target(
                rules.RECHECK_WINDOW_DAYS, "calendar_days", self.reply_at
            )
        if self.recheck_requested_at:
            targets["recheck"] = target(
                rules.RECHECK_DECISION_DAYS, "calendar_days", self.recheck_requested_at
            )
        return targets

    def _get_extension_cap(self):
        """INS-10: extensions reach at most 60 calendar days from receipt."""
        if self.sector == "insurance":
            return rules.MAX_EXTENSION_DAYS, "calendar_days"
        return super()._get_extension_cap()

    def _get_insurance_extension_limit(self, days):
        """Deadline of ``days`` calendar days from receipt, paused time
        included (the 30-day step of INS-10)."""
        self.ensure_one()
        calendar = self._get_sla_calendar()
        limit = dl.compute_deadline(self.received_at, days, "calendar_days", calendar)
        return self._add_sla_pause(
            limit, "calendar_days", self.received_at, calendar, amount=days
        )

    # ============================================================ routing
    def _get_routing_values(self):
        """INS-03/05: the catalogue's preset team, department and handler;
        an off-site claim goes to the underwriting branch, which handles it
        and answers for it; a branch fills what the catalogue leaves open."""
        values = super()._get_routing_values()
        if self.sector != "insurance" or not self.handling_branch_id:
            return values
        branch = self.handling_branch_id
        branch_values = {"team_id": branch.team_id.id, "user_id": branch.handler_id.id}
        for key, value in branch_values.items():
            if value and (self.is_offsite_claim or not values.get(key)):
                values[key] = value
        return values

    @api.onchange("underwriting_branch_id", "loss_branch_id")
    def _onchange_insurance_branches(self):
        if self.state == "new" and self.sector == "insurance":
            for key, val in self._get_routing_values().items():
                if val:
                    self[key] = val

    @api.onchange("channel_id")
    def _onchange_channel_regulator(self):
        if self.channel_id.is_regulator and self.sector == "insurance":
            self.regulator_forwarded = True

    @api.onchange("category_id")
    def _onchange_category_sector(self):
        if self.category_id.sector == "insurance":
            self.sector = "insurance"

    # ============================================================= INS-04
    def _apply_insurance_upgrade(self):
        """INS-04: upgrade by customer class; no business risk, no upgrade.

        The upgrade raises a general complaint to important (its plan then
        needs management approval, BASE-25) and climbs one rung of the
        escalation ladder when one is configured.
        """
        Level = self.env["complaint.escalation.level"].sudo()
        labels = dict(UPGRADE_REASONS)
        for rec in self.filtered(lambda r: not r.is_upgraded):
            reason = rules.upgrade_reason(
                rec.customer_tier, rec.is_urgent, rec.business_risk
            )
            if not reason:
                continue
            vals = {"is_upgraded": True, "upgrade_reason": reason}
            if SEVERITY_ORDER[rec.severity] < SEVERITY_ORDER["important"]:
                vals["severity"] = "important"
                vals["severity_reason"] = _("Upgraded: %s", labels[reason])
            rec._workflow_write(vals)
            level = Level.search(
                [
                    ("level", ">", rec.escalation_level or 0),
                    ("company_id", "in", [False, rec.company_id.id]),
                ],
                order="level",
                limit=1,
            )
            rec._escalate_upgrade(level, labels[reason])

    def _escalate_upgrade(self, level, reason_label):
        self.ensure_one()
        self._escalate_to_level(
            level, _("Complaint upgraded (INS-04): %s.", reason_label)
        )

    # ===================================================== INS-02 / INS-08
    def _local_deadline_date(self, value):
        return self._get_sla_calendar().to_local(value).date()

    def _sync_insurance_tasks(self):
        """Keep the activities of the tracked tasks in line with their
        deadlines: report to audit (INS-02), rectification report (INS-08)."""
        audit_type = self.env.ref(AUDIT_ACTIVITY)
        rect_type = self.env.ref(RECTIFICATION_ACTIVITY)
        for rec in self:
            audit_activity = rec.activity_ids.filtered(
                lambda a, t=audit_type: a.activity_type_id == t
            )
            if rec.audit_report_deadline and not rec.audit_reported_at:
                date = rec._local_deadline_date(rec.audit_report_deadline)
                if audit_activity:
                    audit_activity.filtered(
                        lambda a, d=date: a.date_deadline != d
                    ).write({"date_deadline": date})
                else:
                    rec.activity_schedule(
                        activity_type_id=audit_type.id,
                        date_deadline=date,
                        user_id=(
                            rec.user_id or rec.team_id.leader_id or self.env.user
                        ).id,
                        summary=_(
                            "Report 12378 case %s to the audit department",
                            rec.regulator_case_no or rec.name,
                        ),
                    )
            elif audit_activity and not rec.audit_reported_at:
                audit_activity.unlink()
            if rec.rectification_required and not rec.rectification_reported_at:
                rec._sync_rectification(rect_type)

    def _sync_rectification(self, activity_type):
        """INS-08: rectification report due one month after the major
        complaint reached the media, a regulator or the head office."""
        self.ensure_one()
        start = self.external_escalation_at or fields.Datetime.now()
        deadline = rules.add_months_deadline(
            start, rules.RECTIFICATION_MONTHS, self._get_sla_calendar()
        )
        branch = self.responsible_branch_id or self.handling_branch_id
        owner = (
            self.rectification_user_id
            or branch.manager_id
            or self.team_id.leader_id
            or self.user_id
            or self.env.user
        )
        vals = {
            "external_escalation_at": start,
            "rectification_deadline": deadline,
            "rectification_user_id": owner.id,
        }
        vals = {k: v for k, v in vals.items() if self._sla_value_differs(k, v)}
        if not vals:
            return
        first = not self.rectification_deadline
        self.sudo().with_context(complaint_sla_recompute=True).write(vals)
        date = self._local_deadline_date(deadline)
        activity = self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        if activity:
            activity.write({"date_deadline": date, "user_id": owner.id})
        else:
            self.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=date,
                user_id=owner.id,
                summary=_("Rectification report for major complaint %s", self.name),
            )
        if first:
            self.message_post(
                body=_(
                    "Major complaint escalated to the media, a regulator or the "
                    "head office: %(owner)s writes the rectification report by "
                    "%(date)s.",
                    owner=owner.name,
                    date=self._sla_format_datetime(deadline),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_record_audit_report(self):
        """INS-02: the 12378 violation case was reported to the audit
        department; record when and what."""
        self._check_group(HANDLER)
        for rec in self:
            if rec.audit_reported_at:
                raise UserError(
                    _("The report of %s to the audit department is recorded.", rec.name)
                )
            if not (rec.regulator_forwarded and rec.involves_violation):
                raise UserError(
                    _(
                        "Only a 12378 case involving a violation is reported to "
                        "the audit department (complaint %s).",
                        rec.name,
                    )
                )
            if not (rec.audit_report or "").strip():
                raise UserError(
                    _("Write what was reported to the audit department first.")
                )
            rec._workflow_write({"audit_reported_at": fields.Datetime.now()})
            rec.activity_feedback(
                [AUDIT_ACTIVITY], feedback=_("Reported to the audit department")
            )
        return True

    def action_record_regulator_reply(self):
        """INS-02: the result was reported back to the regulator."""
        self._check_group(HANDLER)
        for rec in self:
            if rec.regulator_reply_at:
                raise UserError(
                    _("The reply to the regulator on %s is recorded.", rec.name)
                )
            if not rec.regulator_forwarded:
                raise UserError(
                    _("Complaint %s was not forwarded by the regulator.", rec.name)
                )
            if not (rec.regulator_reply or "").strip():
                raise UserError(_("Write the result reported to the regulator first."))
            rec._workflow_write({"regulator_reply_at": fields.Datetime.now()})
            rec.message_post(
                body=_(
                    "Result reported to the regulator (case %(case)s): %(reply)s",
                    case=rec.regulator_case_no,
                    reply=rec.regulator_reply,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_record_rectification(self):
        """INS-08: the rectification report is written."""
        self._check_group(HANDLER)
        for rec in self:
            if rec.rectification_reported_at:
                raise UserError(
                    _("The rectification report of %s is recorded.", rec.name)
                )
            if not rec.rectification_deadline:
                raise UserError(
                    _("Complaint %s needs no rectification report.", rec.name)
                )
            if is_html_empty(rec.rectification_report):
                raise UserError(_("Write the rectification report first."))
            rec._workflow_write({"rectification_reported_at": fields.Datetime.now()})
            rec.activity_feedback(
                [RECTIFICATION_ACTIVITY],
                feedback=html2plaintext(rec.rectification_report),
            )
        return True

    # ============================================================= INS-05
    def action_decide_liability(self):
        """The liable branch is decided (定责) after handling."""
        self._check_group(HANDLER)
        for rec in self:
            if not rec.responsible_branch_id:
                raise UserError(
                    _("Choose the liable branch of complaint %s first.", rec.name)
                )
            if rec.liability_state == "disputed":
                raise UserError(
                    _(
                        "The liability of complaint %s is disputed: the head "
                        "office decides it by arbitration.",
                        rec.name,
                    )
                )
            if rec.liability_state != "pending":
                raise UserError(
                    _("The liable branch of complaint %s is already decided.", rec.name)
                )
            rec._workflow_write({"liability_state": "decided"})
            rec.message_post(
                body=_("Liable branch: %s.", rec.responsible_branch_id.complete_name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_liability_dispute(self):
        self.ensure_one()
        self._check_group(HANDLER)
        return {
            "type": "ir.actions.act_window",
            "name": _("Dispute the Liability"),
            "res_model": "complaint.liability.dispute",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_complaint_id": self.id,
                "default_proposed_branch_id": self.responsible_branch_id.id,
            },
        }

    # ============================================================= INS-06
    def action_accept(self):
        for rec in self:
            if rec.cross_sell_case == "other_company":
                raise UserError(
                    _(
                        "Complaint %s is about another company's product: refer the "
                        "complainant to that company instead of accepting it.",
                        rec.name,
                    )
                )
        res = super().action_accept()
        self.filtered(lambda r: r.sector == "insurance")._notify_acceptance()
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

    # ============================================================= INS-09
    def _get_branch_handler(self):
        self.ensure_one()
        branch = self.handling_branch_id
        return branch.handler_id or branch.team_id.leader_id

    def action_live_transfer(self):
        """INS-09: a caller kept online 15 minutes or more without a solution
        is transferred live to the branch handler."""
        self._check_group("complaint_base.group_complaint_user")
        now = fields.Datetime.now()
        for rec in self:
            if rec.live_transfer_at:
                raise UserError(
                    _("The call on complaint %s was already transferred.", rec.name)
                )
            if rec.state not in OPEN_STATES:
                raise UserError(
                    _("Complaint %s is resolved: no live transfer needed.", rec.name)
                )
            if not rec.call_started_at:
                raise UserError(
                    _("Record when the call started before transferring it.")
                )
            if not rules.live_transfer_allowed(rec.call_started_at, now):
                raise UserError(
                    _(
                        "The caller has been online for %(minutes)s minutes: a "
                        "live transfer to the branch is allowed after %(limit)s "
                        "minutes.",
                        minutes=rules.minutes_online(rec.call_started_at, now),
                        limit=rules.LIVE_TRANSFER_MINUTES,
                    )
                )
            handler = rec._get_branch_handler()
            if not handler:
                raise UserError(
                    _(
                        "No complaint handler is set for the branch of complaint "
                        "%s: set the branch and its handler first.",
                        rec.name,
                    )
                )
            rec._workflow_write(
                {"live_transfer_at": now, "live_transfer_user_id": handler.id}
            )
            rec.message_subscribe(partner_ids=handler.partner_id.ids)
            rec.message_post(
                body=_(
                    "Caller online for %(minutes)s minutes without a solution: "
                    "call transferred live to %(handler)s.",
                    minutes=rules.minutes_online(rec.call_started_at, now),
                    handler=handler.name,
                ),
                partner_ids=handler.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    # ============================================================= INS-10
    def action_pause_sla(self, reason="waiting_complainant", note=False):
        res = super().action_pause_sla(reason=reason, note=note)
        if reason in NOTIFIED_PAUSE_REASONS:
            labels = dict(
                self.env["complaint.sla.pause"]
                ._fields["reason"]
                ._description_selection(self.env)
            )
            for rec in self.filtered(lambda r: r.sector == "insurance"):
                rec.message_post(
                    body=_(
                        "The handling time of complaint %(name)s stops during "
                        "the %(reason)s; we will tell you when it resumes.",
                        name=rec.name,
                        reason=labels[reason].lower(),
                    ),
                    partner_ids=rec.partner_id.ids,
                    subtype_xmlid="mail.mt_comment",
                )
        return res

    def action_request_recheck(self):
        """INS-10 (2020 measures arts. 19-20): the complainant asks for a
        review (核查) within 30 days of the decision."""
        self._check_group(HANDLER)
        now = fields.Datetime.now()
        for rec in self:
            if not rec.reply_at or rec.state not in ("resolved", "review", "closed"):
                raise UserError(
                    _(
                        "Complaint %s has no decision yet: a review can only be "
                        "requested after the decision.",
                        rec.name,
                    )
                )
            if rec.recheck_requested_at:
                raise UserError(
                    _("A review of complaint %s was already requested.", rec.name)
                )
            if rec.recheck_window_deadline and now > rec.recheck_window_deadline:
                raise UserError(
                    _(
                        "The review of complaint %(name)s had to be requested by "
                        "%(date)s (30 days after the decision).",
                        name=rec.name,
                        date=rec._sla_format_datetime(rec.recheck_window_deadline),
                    )
                )
            rec._workflow_write({"recheck_requested_at": now})
            rec.message_post(
                body=_(
                    "Review requested; the superior institution decides by %s.",
                    rec._sla_format_datetime(rec.recheck_deadline),
                ),
                partner_ids=rec.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_record_recheck_decision(self):
        """INS-10: the superior institution's review decision, recorded by a
        reviewer."""
        self._check_group(REVIEWER)
        for rec in self:
            if rec.recheck_decided_at:
                raise UserError(
                    _("The review decision of complaint %s is recorded.", rec.name)
                )
            if not rec.recheck_requested_at:
                raise UserError(
                    _("No review was requested for complaint %s.", rec.name)
                )
            if not (rec.recheck_result or "").strip():
                raise UserError(_("Write the review decision first."))
            rec._workflow_write({"recheck_decided_at": fields.Datetime.now()})
            rec.message_post(
                body=_("Review decision: %s", rec.recheck_result),
                partner_ids=rec.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
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

    def action_confirm_category(self):
        """INS-03: the handler confirms the 4th level."""
        self._check_group(HANDLER)
        return super().action_confirm_category()

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
