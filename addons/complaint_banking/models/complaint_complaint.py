from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools import deadline as dl
from odoo.exceptions import UserError, ValidationError

from ..tools import profiles

NOTICE_CHANNELS = [
    ("email", "E-mail"),
    ("sms", "SMS"),
    ("letter", "Letter"),
    ("phone", "Phone"),
]
OPEN_STATES = ("new", "accepted", "in_progress")
DECIDED_STATES = ("resolved", "review", "closed")
#: BASE-57: banking fields set by notices and computations, never by hand
BANK_WORKFLOW_FIELDS = {
    "bank_acceptance_notified_at": "action_bank_new_notice",
    "bank_decision_notified_at": "action_bank_new_notice",
    "bank_review_deadline": "action_bank_new_notice",
    "bank_is_merged": "repeat-merging",
}


class ComplaintComplaint(models.Model):
    """Bank consumer complaints (BANK-01 … BANK-08).

    Everything here applies only when ``sector == 'banking'``; the other
    complaints keep the base behaviour.  The time limits come from the
    company's regulation profile (``tools/profiles.py``) through the SLA
    hooks ``_get_sla_targets`` and ``_get_extension_cap`` of complaint_base.

    BASE-57: when the customer was told of the acceptance and of the decision
    (and so the review window) is written by the sent notices only.
    """

    _inherit = "complaint.complaint"
    #: merged with the other addons' sets by complaint.workflow.guard
    _workflow_fields = BANK_WORKFLOW_FIELDS

    sector = fields.Selection(
        selection_add=[("banking", "Banking")],
        ondelete={"banking": "set default"},
    )
    bank_profile = fields.Selection(
        related="company_id.complaint_bank_profile", string="Regulation"
    )
    bank_complexity = fields.Selection(
        [("simple", "Simple"), ("complex", "Complex")],
        string="Complexity",
        default="simple",
        tracking=True,
        help="Under the 2020 measures a complex case is decided within 30 "
        "days instead of 15; the customer is told the new date and why.",
    )
    bank_complexity_reason = fields.Text(
        string="Why Complex",
        help="Reason given to the customer for the longer period.",
    )
    # ---------------------------------------------------- BANK-07 codes
    bank_business_type = fields.Many2one(
        "complaint.bank.code",
        string="Business Type (JR/T)",
        domain=[("code_type", "=", "business_type")],
        ondelete="restrict",
        index=True,
        tracking=True,
    )
    bank_cause = fields.Many2one(
        "complaint.bank.code",
        string="Cause (JR/T)",
        domain=[("code_type", "=", "cause")],
        ondelete="restrict",
        index=True,
        tracking=True,
    )
    bank_business_channel = fields.Many2one(
        "complaint.bank.code",
        string="Business Channel (JR/T)",
        domain=[("code_type", "=", "channel")],
        ondelete="restrict",
        index=True,
        help="Channel through which the business complained about was "
        "handled (counter, self-service, e-banking, third party...).",
    )
    # ------------------------------------------------ BANK-04 mass
    is_mass_complaint = fields.Boolean(
        string="Mass Complaint (Bank)",
        compute="_compute_is_mass_complaint",
        store=True,
        readonly=False,
        tracking=True,
        help="Many consumers, possible group incident: the complaint is major "
        "and is reported to the regulator. Set automatically when 20 or more "
        "people complain in person.",
    )
    bank_people_in_person = fields.Integer(
        string="People in Person",
        help="Number of people who came in person to complain (20 or more: "
        "mass complaint).",
    )
    bank_consumers_involved = fields.Integer(
        string="Consumers Involved",
        help="Number of consumers whose interests the matter affects.",
    )
    # ------------------------------------------- BANK-03 regulator
    bank_regulator_forwarded = fields.Boolean(
        string="Forwarded by the Regulator",
        compute="_compute_bank_regulator_forwarded",
        store=True,
        readonly=False,
        tracking=True,
    )
    bank_forwarding_office_id = fields.Many2one(
        "res.partner",
        string="Forwarding Office",
        help="Regulator office that forwarded the complaint and receives the "
        "result.",
    )
    bank_forwarding_ref = fields.Char(string="Forwarding Number")
    bank_forwarding_date = fields.Date(string="Forwarded On")
    bank_forwarding_request = fields.Text(
        string="Forwarding Requirements",
        help="What the regulator asks: handle it as requested.",
    )
    bank_forwarding_deadline = fields.Date(
        string="Reply to Regulator By",
        help="Date set by the forwarding office; when it is earlier than the "
        "regulation's period, it becomes the decision deadline.",
    )
    bank_regulator_report_ids = fields.One2many(
        "complaint.bank.regulator.report", "complaint_id", string="Regulator Reports"
    )
    # --------------------------------------------- BANK-06 branches
    bank_receiving_branch_id = fields.Many2one(
        "hr.department",
        string="First-Question Branch",
        domain=[("is_bank_branch", "=", True)],
        default=lambda self: self._default_bank_receiving_branch(),
        index=True,
        tracking=True,
        help="Branch where the customer first complained: it registers the "
        "complaint and stays on record as responsible for the first answer "
        "(first-question responsibility).",
    )
    bank_branch_id = fields.Many2one(
        "hr.department",
        string="Handling Branch",
        domain=[("is_bank_branch", "=", True)],
        compute="_compute_bank_branch_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="Branch that decides the complaint and reports it in its "
        "half-year statistics.",
    )
    bank_senior_manager_id = fields.Many2one(
        related="bank_branch_id.bank_senior_manager_id",
        store=True,
        string="Responsible Senior Manager",
    )
    bank_superior_branch_id = fields.Many2one(
        related="bank_branch_id.bank_superior_branch_id",
        string="Superior Branch",
    )
    # -------------------------------------------------- BANK-02 notices
    bank_notice_channel = fields.Selection(
        NOTICE_CHANNELS,
        string="Notify By",
        compute="_compute_bank_notice_channel",
        store=True,
        readonly=False,
        help="How the customer is told of acceptance, extensions and the " "decision.",
    )
    bank_notice_ids = fields.One2many(
        "complaint.bank.notice", "complaint_id", string="Notices"
    )
    bank_notice_count = fields.Integer(compute="_compute_bank_notice_count")
    bank_acceptance_notified_at = fields.Datetime(
        string="Acceptance Notified", readonly=True, copy=False
    )
    # ----------------------------------------- BANK-08 decision, review
    bank_decision_basis = fields.Text(
        string="Basis of the Decision",
        help="Laws, regulations, contract terms the decision relies on.",
    )
    bank_decision_reasons = fields.Text(string="Reasons of the Decision")
    bank_decision_notified_at = fields.Datetime(
        string="Decision Notified",
        copy=False,
        readonly=True,
        tracking=True,
        help="When the customer received the decision: the 30 days to apply "
        "for a review start the next day.",
    )
    bank_review_deadline = fields.Datetime(
        string="Review Application Deadline",
        compute="_compute_bank_review_deadline",
        store=True,
    )
    bank_review_ids = fields.One2many(
        "complaint.bank.review", "complaint_id", string="Reviews"
    )
    # ----------------------------------------- BANK-01b repeat handling
    bank_new_facts = fields.Boolean(
        string="New Facts or Reasons",
        tracking=True,
        help="A repeat complaint with new facts or reasons is a new complaint "
        "with its own clock; without, it is merged with the original.",
    )
    bank_is_merged = fields.Boolean(
        string="Merged Repeat",
        compute="_compute_bank_is_merged",
        store=True,
        help="Repeat on the same matter while the original is still being "
        "handled: it shares the original's deadline and is not counted again "
        "in the statistics.",
    )

    _sql_constraints = [
        (
            "bank_people_in_person_positive",
            "CHECK(bank_people_in_person >= 0)",
            "The number of people in person cannot be negative.",
        ),
        (
            "bank_consumers_involved_positive",
            "CHECK(bank_consumers_involved >= 0)",
            "The number of consumers involved cannot be negative.",
        ),
    ]

    # ============================================================ defaults
    @api.model
    def _default_bank_receiving_branch(self):
        employee = self.env.user.employee_id
        return employee.department_id._bank_get_branch().id or False

    # ============================================================ computes
    @api.depends("bank_people_in_person")
    def _compute_is_mass_complaint(self):
        for rec in self:
            if profiles.is_mass_in_person(rec.bank_people_in_person):
                rec.is_mass_complaint = True
            else:
                rec.is_mass_complaint = rec.is_mass_complaint

    @api.depends("channel_id")
    def _compute_bank_regulator_forwarded(self):
        for rec in self:
            if rec.channel_id.is_regulator:
                rec.bank_regulator_forwarded = True
            else:
                rec.bank_regulator_forwarded = rec.bank_regulator_forwarded

    @api.depends("department_id", "bank_receiving_branch_id")
    def _compute_bank_branch_id(self):
        for rec in self:
            rec.bank_branch_id = (
                rec.department_id._bank_get_branch()
                or rec.bank_branch_id
                or rec.bank_receiving_branch_id
            )

    @api.depends("email", "phone", "partner_id", "company_id")
    def _compute_bank_notice_channel(self):
        for rec in self:
            if rec.bank_notice_channel:
                rec.bank_notice_channel = rec.bank_notice_channel
            elif rec.email or rec.partner_id.email:
                rec.bank_notice_channel = "email"
            elif rec.phone or rec.partner_id.mobile or rec.partner_id.phone:
                # BASE-46: without an SMS gateway a mobile means a phone call
                gateway = rec.sudo().company_id.complaint_sms_gateway_id
                rec.bank_notice_channel = "sms" if gateway else "phone"
            else:
                rec.bank_notice_channel = "letter"

    def _compute_bank_notice_count(self):
        for rec in self:
            rec.bank_notice_count = len(rec.bank_notice_ids)

    @api.depends("bank_decision_notified_at", "company_id")
    def _compute_bank_review_deadline(self):
        amount, unit = profiles.REVIEW_APPLICATION_PERIOD
        for rec in self:
            if rec.bank_decision_notified_at:
                rec.bank_review_deadline = dl.compute_deadline(
                    rec.bank_decision_notified_at,
                    amount,
                    unit,
                    rec._get_sla_calendar(),
                )
            else:
                rec.bank_review_deadline = False

    @api.depends("parent_id", "bank_new_facts", "sector")
    def _compute_bank_is_merged(self):
        for rec in self:
            rec.bank_is_merged = rec.sector == "banking" and profiles.is_merged_repeat(
                bool(rec.parent_id),
                rec.parent_id.state in OPEN_STATES,
                rec.bank_new_facts,
            )

    # ========================================================= SLA hooks
    def _sla_trigger_fields(self):
        return super()._sla_trigger_fields() | {
            "bank_complexity",
            "bank_new_facts",
            "parent_id",
            "bank_forwarding_deadline",
        }

    def _bank_clock_start(self):
        """Start of the decision clock: the receipt, or the original's
        receipt for a merged repeat (BANK-01b)."""
        self.ensure_one()
        parent = self.parent_id
        start = profiles.clock_start(
            self.received_at,
            parent.received_at if parent else None,
            parent.state in OPEN_STATES if parent else False,
            self.bank_new_facts,
        )
        # a repeat with new facts merged into this complaint restarts it
        if self.merge_clock_start and self.merge_clock_start > start:
            start = self.merge_clock_start
        return start

    def _merge_restarts_clock(self, target):
        """BANK-01b: a repeat merged into the original shares its clock,
        unless it brings new facts."""
        if self.sector != "banking":
            return super()._merge_restarts_clock(target)
        return bool(self.bank_new_facts)

    def _get_sla_targets(self):
        """BANK-01: the resolution deadline follows the regulation profile
        (and an earlier date set by a forwarding regulator, BANK-03)."""
        targets = super()._get_sla_targets()
        if self.sector != "banking" or not self.received_at:
            return targets
        start = self._bank_clock_start()
        amount, unit = profiles.resolution_target(
            self.bank_profile, self.bank_complexity or "simple"
        )
        target = {"amount": amount, "unit": unit, "start": start}
        if self.bank_forwarding_deadline:
            # the forwarding office's date is kept as given (end of that day,
            # no roll-over): expressed as clock hours from the start
            calendar = self._get_sla_calendar()
            end = dl.end_of_local_day(self.bank_forwarding_deadline, calendar.tz)
            if end > start and end < dl.compute_deadline(start, amount, unit, calendar):
                hours = (end - start).total_seconds() / 3600.0
                target = {"amount": hours, "unit": "hours", "start": start}
        targets["resolution"] = target
        return targets

    def _get_extension_cap(self):
        """BANK-01: 60 working days (2012) or 60 days (2020) in total.

        With the context key ``bank_extension_threshold`` it returns the
        total beyond which the superior institution must approve (2020)."""
        if self.sector != "banking":
            return super()._get_extension_cap()
        self.ensure_one()
        if self.env.context.get("bank_extension_threshold"):
            return profiles.approval_threshold(self.bank_profile)
        return profiles.extension_cap(self.bank_profile)

    def _get_extension_limit_deadline(self):
        """Counted from the clock start (the original's receipt for a
        merged repeat), with the clock pauses added."""
        if self.sector != "banking":
            return super()._get_extension_limit_deadline()
        self.ensure_one()
        start = self._bank_clock_start()
        if start == self.received_at:
            return super()._get_extension_limit_deadline()
        cap = self._get_extension_cap()
        if not cap:
            return None
        calendar = self._get_sla_calendar()
        limit = dl.compute_deadline(start, cap[0], cap[1], calendar)
        return self._add_sla_pause(limit, cap[1], start, calendar, amount=cap[0])

    def _bank_extension_threshold_deadline(self):
        """Date beyond which an extension needs the superior's approval
        (``None`` under the 2012 notice)."""
        self.ensure_one()
        return self.with_context(
            bank_extension_threshold=True
        )._get_extension_limit_deadline()

    def _bank_profile_label(self):
        self.ensure_one()
        return dict(
            self.company_id._fields["complaint_bank_profile"]._description_selection(
                self.env
            )
        ).get(self.bank_profile, self.bank_profile or "")

    # ======================================================== approvals
    def _bank_long_extension_approvers(self):
        """Users who may approve an extension beyond the 2020 threshold:
        the senior manager of the superior branch and the head-office
        senior managers (BANK-01b)."""
        self.ensure_one()
        users = self.bank_superior_branch_id.bank_senior_manager_id
        head_offices = self.env["hr.department"]._bank_head_offices(self.company_id)
        users |= head_offices.bank_senior_manager_id
        return users

    # ================================================== create / write
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        banking = records.filtered(lambda r: r.sector == "banking")
        banking._bank_follow_senior_manager()
        banking._bank_check_mass()
        return records

    def write(self, vals):
        if "bank_receiving_branch_id" in vals:
            for rec in self:
                if (
                    rec.sector == "banking"
                    and rec.state != "new"
                    and rec.bank_receiving_branch_id
                    and rec.bank_receiving_branch_id.id
                    != vals["bank_receiving_branch_id"]
                ):
                    raise UserError(
                        _(
                            "Complaint %(name)s was first received by %(branch)s: "
                            "under first-question responsibility that branch stays "
                            "on record. Change the handling branch instead.",
                            name=rec.name,
                            branch=rec.bank_receiving_branch_id.display_name,
                        )
                    )
        to_complex = self.env["complaint.complaint"]
        if vals.get("bank_complexity") == "complex":
            to_complex = self.filtered(
                lambda r: r.sector == "banking"
                and r.bank_complexity != "complex"
                and r.state in ("accepted", "in_progress")
            )
        res = super().write(vals)
        banking = self.filtered(lambda r: r.sector == "banking")
        if not banking:
            return res
        if {"bank_branch_id", "department_id", "sector"} & set(vals):
            banking._bank_follow_senior_manager()
        # the check's own writes (is_mass, severity) do not trigger it again
        mass_fields = {"is_mass_complaint", "bank_people_in_person", "sector"}
        if mass_fields & set(vals):
            banking._bank_check_mass()
        if to_complex:
            to_complex._bank_notify_complex()
        return res

    @api.constrains("bank_complexity", "bank_complexity_reason", "sector")
    def _check_bank_complexity_reason(self):
        for rec in self:
            if (
                rec.sector == "banking"
                and rec.bank_complexity == "complex"
                and rec.bank_profile == profiles.CBIRC_2020
                and not (rec.bank_complexity_reason or "").strip()
            ):
                raise ValidationError(
                    _(
                        "Complaint %s is marked complex: give the reason, the "
                        "customer is told why the decision takes up to 30 days.",
                        rec.name,
                    )
                )

    def _bank_follow_senior_manager(self):
        """BANK-06: the responsible senior manager follows the complaint."""
        for rec in self:
            partners = rec.bank_senior_manager_id.partner_id
            partners |= rec.bank_receiving_branch_id.bank_senior_manager_id.partner_id
            partners -= rec.message_partner_ids
            if partners:
                rec.message_subscribe(partner_ids=partners.ids)

    def _bank_check_mass(self):
        """BANK-04: a mass complaint is major and reported to the regulator."""
        Report = self.env["complaint.bank.regulator.report"].sudo()
        for rec in self.filtered("is_mass_complaint"):
            if not rec.is_mass:
                # the base severity rules make it major (BASE-11)
                rec.write({"is_mass": True})
            if rec.severity != "major":
                rec.write(
                    {
                        "severity": "major",
                        "severity_reason": _("mass complaint (BANK-04)"),
                    }
                )
            if not rec.bank_regulator_report_ids.filtered(
                lambda r: r.kind == "mass_complaint"
            ):
                Report.create(
                    {
                        "complaint_id": rec.id,
                        "kind": "mass_complaint",
                        "regulator_id": (
                            rec.bank_forwarding_office_id
                            or rec.company_id.complaint_bank_regulator_id
                        ).id,
                        "due_date": rec._bank_next_working_day(),
                        "user_id": (
                            rec.bank_senior_manager_id or rec.user_id or self.env.user
                        ).id,
                    }
                )

    def _bank_next_working_day(self):
        """Local date of the next working day (report "promptly")."""
        self.ensure_one()
        calendar = self._get_sla_calendar()
        today = calendar.to_local(fields.Datetime.now()).date()
        return calendar.add_working_days(today, 1)

    def _bank_local_date(self, value):
        self.ensure_one()
        if not value:
            return False
        return self._get_sla_calendar().to_local(value).date()
