import itertools
import logging
from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, email_split, html2plaintext, is_html_empty

from ..tools import receipt
from ..tools import severity as severity_rules

_logger = logging.getLogger(__name__)

STATES = [
    ("new", "New"),
    ("accepted", "Accepted"),
    ("in_progress", "Investigating"),
    ("resolved", "Resolved"),
    ("review", "Closing Review"),
    ("closed", "Closed"),
    ("invalid", "Invalid"),
]
OPEN_STATES = ("new", "accepted", "in_progress")
#: BASE-23: manual transfers allowed before arbitration takes over
MAX_MANUAL_TRANSFERS = 3
#: BASE-12: days to tell the complainant why a complaint is invalid
INVALID_NOTICE_DAYS = 2
#: BASE-08: a complaint on the same matter within this many days is a repeat
REPEAT_WINDOW_DAYS = 90
#: BASE-04: registration should happen within this many minutes of contact
REGISTRATION_TARGET_MINUTES = 5
HANDLER = "complaint_base.group_complaint_handler"
REVIEWER = "complaint_base.group_complaint_reviewer"
MANAGER = "complaint_base.group_complaint_manager"

#: BASE-57: fields the workflow owns -> the actions (or the automatic
#: process) that set them; any other create/write is refused
#: (``complaint.workflow.guard``).  Sector addons extend it with
#: ``_workflow_fields = dict(COMPLAINT_WORKFLOW_FIELDS, ...)``.
_LIFECYCLE = (
    "action_accept action_start action_resolve action_submit_review "
    "action_close action_return_for_correction action_reopen action_mark_invalid"
)
_SLA = "SLA-engine"
COMPLAINT_WORKFLOW_FIELDS = {
    "name": "numbering",
    "registrant_id": "registration",
    "state": _LIFECYCLE,
    "accepted_at": "action_accept",
    "resolved_at": "action_resolve action_reopen",
    "closed_at": "action_close action_reopen",
    "reviewer_id": "action_close action_return_for_correction",
    "review_return_count": "action_return_for_correction",
    "reopen_count": "action_reopen",
    "plan_state": "action_submit_plan action_approve_plan action_reject_plan",
    "plan_approved_by": "action_approve_plan",
    "plan_approved_at": "action_approve_plan",
    "plan_submitted_by": "action_submit_plan",
    "transfer_count": "action_transfer",
    "category_confirmed": "action_confirm_category",
    "invalid_notice_deadline": "action_mark_invalid",
    "invalid_notified_at": "action_mark_invalid",
    "completion_requested_at": "action_request_completion",
    "followup_done_at": "action_record_followup",
    "followup_method": "action_record_followup",
    "satisfaction": "action_record_followup",
    "deadline_notified": "action_mark_deadline_notified",
    "sla_policy_id": _SLA,
    "ack_deadline": _SLA,
    "first_response_deadline": _SLA,
    "resolution_deadline": "action_open_extension_wizard",
    "followup_deadline": _SLA,
    "extension_deadline": "action_open_extension_wizard",
    "is_overdue": _SLA,
    "escalation_level": _SLA,
    "sla_paused": "action_pause_sla action_resume_sla",
    "paused_seconds": "action_pause_sla action_resume_sla",
    "sla_warning_sent": _SLA,
    "sla_next_check": _SLA,
    "followup_reminded": _SLA,
    "sla_check_failures": _SLA,
    "is_crisis": _SLA,
}

SATISFACTION = [
    ("5", "Very satisfied"),
    ("4", "Satisfied"),
    ("3", "Neutral"),
    ("2", "Dissatisfied"),
    ("1", "Very dissatisfied"),
]


class ComplaintComplaint(models.Model):
    """A customer complaint, from first contact to the closing review.

    Extension points for sector addons (documented in the README):

    * ``sector``: a selection that sector addons extend with
      ``selection_add`` (``general`` in the base);
    * ``_get_routing_values()``: team / department / handler for a complaint,
      by default from its category tree (BASE-20);
    * ``_get_sla_targets()`` (SLA mixin): the deadline targets that apply;
    * ``_check_can_resolve()`` / ``_check_can_close()``: extra conditions.
    """

    _name = "complaint.complaint"
    _description = "Complaint"
    _inherit = [
        "complaint.workflow.guard",
        "complaint.privacy.mixin",
        "portal.mixin",
        "mail.thread.cc",
        "mail.thread",
        "mail.activity.mixin",
        "complaint.sla.mixin",
        "complaint.stats.mixin",
    ]
    _order = "received_at desc, id desc"
    _primary_email = "email"
    _mailing_enabled = True
    _workflow_fields = COMPLAINT_WORKFLOW_FIELDS
    #: plain fields read on in-memory complaints by the registration pass
    _registration_reads = frozenset()
    #: registrations still looked at to learn ``_registration_reads``
    _registration_lessons = 200

    # ---------------------------------------------------------------- intake
    name = fields.Char(
        string="Number", readonly=True, copy=False, default="/", index="trigram"
    )
    subject = fields.Char(tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    sector = fields.Selection(
        [("general", "Generic")],
        required=True,
        default="general",
        index=True,
        tracking=True,
        help="Sector rules that apply; sector addons add their own values.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Complainant",
        index=True,
        tracking=True,
        ondelete="restrict",
        help="A contact who filed complaints cannot be deleted: archive it, or "
        "anonymise it through a personal-information request (BASE-55/57).",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
        precompute=True,
    )
    contact_name = fields.Char(string="Contact Name", tracking=True)
    # not tracked: the chatter would show numbers in clear to users for whom
    # they are masked (BASE-55)
    phone = fields.Char()
    email = fields.Char(tracking=True)
    id_number = fields.Char(
        string="ID Number", groups="complaint_base.group_complaint_handler"
    )
    customer_tier = fields.Selection(
        related="partner_id.complaint_customer_tier",
        store=True,
        precompute=True,
        string="Tier",
    )
    received_at = fields.Datetime(
        string="Received",
        required=True,
        default=fields.Datetime.now,
        index=True,
        tracking=True,
        help="When the complainant first contacted us: the clock start.",
    )
    received_at_reason = fields.Char(
        string="Why Registered Late",
        tracking=True,
        copy=False,
        help="Required when the receipt time is set earlier than the "
        "registration (a phone call logged later), BASE-57.",
    )
    registration_minutes = fields.Float(
        compute="_compute_registration",
        store=True,
        precompute=True,
        help="Minutes between first contact and registration (BASE-04).",
    )
    registration_late = fields.Boolean(
        compute="_compute_registration", store=True, precompute=True
    )
    channel_id = fields.Many2one(
        "complaint.channel", index=True, tracking=True, ondelete="restrict"
    )
    channel_code = fields.Char(related="channel_id.code", store=True, precompute=True)
    category_id = fields.Many2one(
        "complaint.category",
        string="Category",
        index=True,
        tracking=True,
        ondelete="restrict",
        help="Root cause of the complaint (levels 1-3 at intake, the handler "
        "confirms the final level).",
    )
    category_confirmed = fields.Boolean(
        string="Category Confirmed",
        readonly=True,
        tracking=True,
        help="The handler has verified the final classification (BASE-10).",
    )
    other_category_ids = fields.Many2many(
        "complaint.category",
        "complaint_other_category_rel",
        "complaint_id",
        "category_id",
        string="Other Causes",
        help="One contact with several causes is one complaint, recorded "
        "under its root cause; the others are listed here (BASE-07).",
    )
    description = fields.Html(string="Complaint", sanitize_style=True)
    demand = fields.Text(string="Complainant's Demand")
    department_id = fields.Many2one(
        "hr.department",
        string="Complained Department",
        index=True,
        tracking=True,
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Complained Employee", index=True, tracking=True
    )
    is_incomplete = fields.Boolean(
        compute="_compute_is_incomplete",
        store=True,
        precompute=True,
        string="Incomplete",
        help="Registration lacks information; contact the complainant (BASE-06).",
    )
    missing_info = fields.Char(
        compute="_compute_is_incomplete", store=True, precompute=True
    )
    completion_requested_at = fields.Datetime(readonly=True, copy=False)

    # ---------------------------------------------------------- assessment
    severity = fields.Selection(
        [("general", "General"), ("important", "Important"), ("major", "Major")],
        required=True,
        default="general",
        index=True,
        tracking=True,
    )
    severity_reason = fields.Char(tracking=True)
    serious_harm = fields.Boolean(
        help="Serious material, economic, mental or bodily harm."
    )
    is_mass = fields.Boolean(string="Mass Complaint")
    about_leadership = fields.Boolean(string="About a Company Leader")
    company_harm = fields.Boolean(string="Serious Harm to the Company")
    media_involved = fields.Boolean(tracking=True)
    regulator_involved = fields.Boolean(tracking=True)
    is_confidential = fields.Boolean(
        string="Confidential",
        tracking=True,
        help="Hidden from the complained-about employee and from the users "
        "of the complained-about department (BASE-54).",
    )
    invalid_reason = fields.Selection(
        [
            ("unclear", "Target or content unclear and not verifiable"),
            ("untrue", "Contrary to the facts"),
            ("out_of_scope", "Outside the service promise"),
            ("unlawful", "Demand not lawful"),
        ],
        tracking=True,
    )
    invalid_note = fields.Text(string="Invalid Because")
    invalid_notice_deadline = fields.Datetime(readonly=True, copy=False)
    invalid_notified_at = fields.Datetime(readonly=True, copy=False)

    # -------------------------------------------------------------- repeats
    parent_id = fields.Many2one(
        "complaint.complaint",
        string="Original Complaint",
        index=True,
        tracking=True,
        help="Earlier complaint of the same complainant on the same matter.",
    )
    repeat_ids = fields.One2many("complaint.complaint", "parent_id", string="Repeats")
    repeat_count = fields.Integer(
        compute="_compute_repeat_count", store=True, precompute=True
    )
    is_repeat = fields.Boolean(
        compute="_compute_repeat_count", store=True, precompute=True
    )

    # ---------------------------------------------------------- ownership
    state = fields.Selection(
        STATES, default="new", required=True, index=True, tracking=True, copy=False
    )
    team_id = fields.Many2one("complaint.team", index=True, tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Handler", index=True, tracking=True, copy=False
    )
    registrant_id = fields.Many2one(
        "res.users",
        string="Registered By",
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
        index=True,
    )
    accountable_user_id = fields.Many2one(
        "res.users",
        compute="_compute_accountable_user",
        store=True,
        precompute=True,
        string="Accountable",
        help="First-question responsibility (BASE-21): whoever registered the "
        "complaint stays accountable until a handler accepts it.",
    )
    transfer_ids = fields.One2many("complaint.transfer", "complaint_id")
    transfer_count = fields.Integer(
        readonly=True, copy=False, help="Manual transfers so far (BASE-23)."
    )
    accepted_at = fields.Datetime(readonly=True, copy=False)
    resolved_at = fields.Datetime(readonly=True, copy=False)
    closed_at = fields.Datetime(readonly=True, copy=False)
    reopen_count = fields.Integer(readonly=True, copy=False)

    # ------------------------------------------------- plan, investigation
    contacted_at = fields.Datetime(
        string="Complainant Contacted", tracking=True, copy=False
    )
    plan_measures = fields.Html(string="Resolution Plan")
    plan_owner_id = fields.Many2one("res.users", string="Plan Owner")
    plan_deadline = fields.Date()
    plan_state = fields.Selection(
        [
            ("none", "No Plan"),
            ("draft", "Draft"),
            ("to_approve", "Waiting Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="none",
        required=True,
        tracking=True,
        copy=False,
        readonly=True,
    )
    plan_submitted_by = fields.Many2one(
        "res.users", string="Plan Submitted By", readonly=True, copy=False
    )
    plan_approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    plan_approved_at = fields.Datetime(readonly=True, copy=False)
    investigation_user_ids = fields.Many2many(
        "res.users",
        "complaint_investigation_user_rel",
        "complaint_id",
        "user_id",
        string="Investigation Team",
    )
    investigation_step_ids = fields.One2many(
        "complaint.investigation.step", "complaint_id", string="Investigation Plan"
    )
    findings = fields.Html()

    # ------------------------------------------------- result and follow-up
    resolution = fields.Html()
    reply_at = fields.Datetime(string="Replied", tracking=True, copy=False)
    reply_channel_id = fields.Many2one("complaint.channel", string="Replied Via")
    complainant_acceptance = fields.Selection(
        [
            ("accepted", "Accepts"),
            ("rejected", "Does not accept"),
            ("no_answer", "No answer"),
        ],
        tracking=True,
        copy=False,
    )
    followup_done_at = fields.Datetime(
        string="Follow-up Done", tracking=True, copy=False, readonly=True
    )
    followup_method = fields.Selection(
        [
            ("phone", "Phone"),
            ("visit", "Visit"),
            ("sms", "SMS"),
            ("survey", "Survey"),
            ("email", "E-mail"),
        ],
        copy=False,
        readonly=True,
    )
    satisfaction = fields.Selection(
        SATISFACTION, tracking=True, copy=False, readonly=True
    )
    satisfaction_score = fields.Integer(
        compute="_compute_satisfaction_score",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    followup_comment = fields.Text(copy=False)

    # ------------------------------------------------------- judgement
    substantiated = fields.Selection(
        [("yes", "Substantiated"), ("no", "Not substantiated")],
        tracking=True,
        copy=False,
    )
    substantiation_basis = fields.Selection(
        [
            ("internal_rules", "Internal rules (attitude, skill, timeliness)"),
            ("law", "Laws and regulations"),
            ("unverifiable", "Cannot be verified: in the customer's favour"),
            ("employee_not_customer", "Filed by an employee, not as a customer"),
        ],
        copy=False,
    )
    responsibility_ids = fields.One2many(
        "complaint.responsibility", "complaint_id", string="Responsibilities"
    )
    capa_ids = fields.One2many(
        "complaint.capa", "complaint_id", string="Corrective Actions"
    )
    capa_count = fields.Integer(compute="_compute_capa_count")
    root_cause = fields.Text()
    reviewer_id = fields.Many2one(
        "res.users", string="Reviewer", copy=False, readonly=True
    )
    review_note = fields.Text(copy=False)
    review_return_count = fields.Integer(readonly=True, copy=False)

    # stored computes of the mixins, computed before the INSERT too (no
    # UPDATE of a complaint just registered)
    handling_days = fields.Integer(
        compute="_compute_handling_days", store=True, precompute=True
    )
    retention_until = fields.Date(
        compute="_compute_retention_until", store=True, precompute=True
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A complaint number must be unique per company.",
        ),
        (
            "transfer_count_positive",
            "CHECK(transfer_count >= 0)",
            "The transfer count cannot be negative.",
        ),
    ]

    # ============================================================ computes
    @api.depends("received_at", "create_date")
    def _compute_registration(self):
        for rec in self:
            if rec.received_at and rec.create_date:
                delta = (rec.create_date - rec.received_at).total_seconds() / 60.0
                rec.registration_minutes = max(delta, 0.0)
                rec.registration_late = delta > REGISTRATION_TARGET_MINUTES
            else:
                rec.registration_minutes = 0.0
                rec.registration_late = False

    def _get_missing_info(self):
        """Labels of the registration fields still empty (BASE-04/06)."""
        self.ensure_one()
        missing = []
        if not (self.partner_id or self.contact_name):
            missing.append(_("complainant"))
        if not (
            self.phone or self.email or self.partner_id.phone or self.partner_id.email
        ):
            missing.append(_("phone or e-mail"))
        if not self.channel_id:
            missing.append(_("channel"))
        if not self.category_id:
            missing.append(_("category"))
        if is_html_empty(self.description):
            missing.append(_("content"))
        return missing

    @api.depends(
        "partner_id",
        "contact_name",
        "phone",
        "email",
        "channel_id",
        "category_id",
        "description",
    )
    def _compute_is_incomplete(self):
        for rec in self:
            missing = rec._get_missing_info()
            rec.is_incomplete = bool(missing)
            rec.missing_info = ", ".join(missing) or False

    @api.depends("parent_id", "repeat_ids")
    def _compute_repeat_count(self):
        for rec in self:
            rec.repeat_count = len(rec.repeat_ids)
            rec.is_repeat = bool(rec.parent_id)

    @api.depends("state", "user_id", "registrant_id")
    def _compute_accountable_user(self):
        for rec in self:
            if rec.user_id and rec.state not in ("new",):
                rec.accountable_user_id = rec.user_id
            else:
                rec.accountable_user_id = rec.registrant_id

    @api.depends("satisfaction")
    def _compute_satisfaction_score(self):
        for rec in self:
            rec.satisfaction_score = int(rec.satisfaction or 0)

    def _compute_capa_count(self):
        for rec in self:
            rec.capa_count = len(rec.capa_ids)

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = (
                f"{rec.name} {rec.subject}" if rec.subject else rec.name or "/"
            )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for rec in self:
            rec.access_url = f"/my/complaints/{rec.id}"
        return res

    # ========================================================= constraints
    @api.constrains("substantiated", "substantiation_basis")
    def _check_substantiation(self):
        """BASE-42: unverifiable -> customer's favour; employee -> not."""
        for rec in self:
            basis = rec.substantiation_basis
            if basis == "unverifiable" and rec.substantiated == "no":
                raise ValidationError(
                    _(
                        "A complaint that cannot be verified is decided in the "
                        "customer's favour: it must be marked substantiated."
                    )
                )
            if basis == "employee_not_customer" and rec.substantiated == "yes":
                raise ValidationError(
                    _(
                        "A complaint filed by an employee not acting as a "
                        "customer cannot be substantiated."
                    )
                )

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle("parent_id"):
            raise ValidationError(_("A complaint cannot repeat itself."))

    # ============================================================== create
    @api.model_create_multi
    def create(self, vals_list):
        """Register complaints.  What the registration decides (number,
        routing, repeat link, severity, deadlines) goes into the values of
        the INSERT, in one pass over the batch (``_workflow_create_values``
        and ``_add_precomputed_values``): one INSERT, one creation message,
        no second write of the new rows."""
        vals_list = [dict(vals) for vals in vals_list]  # never alter the caller's
        partner_ids = {
            vals["partner_id"] for vals in vals_list if vals.get("partner_id")
        }
        if len(partner_ids) > 1:  # one query for the batch, not one per complaint
            self.env["res.partner"].browse(partner_ids).fetch(
                ["name", "phone", "mobile", "email", "commercial_partner_id"]
            )
        for vals in vals_list:
            self._prepare_intake_vals(vals)
            self._check_received_at(vals)
        records = super().create(vals_list)
        for rec, vals in zip(records, vals_list, strict=True):
            if rec.user_id and not vals.get("user_id"):
                # routed to a handler: followed and told, as for a handler
                # set by the caller (mail.thread saw only the caller's values)
                rec._message_auto_subscribe(
                    {"user_id": rec.user_id.id}, followers_existing_policy="update"
                )
        records._link_batch_repeats()
        records._notify_major_leaders()
        return records

    def _workflow_create_values(self, vals_list):
        """BASE-05/57: the number is given here, after the guard checked
        the caller's values (only the numbering code sets it)."""
        vals_list = super()._workflow_create_values(vals_list)
        self._assign_numbers(vals_list)
        return vals_list

    def _add_precomputed_values(self, vals_list):
        """The registration pass, inside ``create`` once the values carry
        their defaults: one in-memory record per complaint gives routing,
        repeat link and SLA values (``_prepare_registration``) and then the
        precomputed fields, as the ORM would compute them from its own
        in-memory records (built once here instead of twice)."""
        records = self._registration_records(vals_list)
        self._prepare_registration(records, vals_list)
        precomputable = [
            (name, field) for name, field in self._fields.items() if field.precompute
        ]
        for rec, vals in zip(records, vals_list, strict=True):
            precomputed = set()
            for name, field in precomputable:
                if name not in vals:
                    vals[name] = field.convert_to_write(rec[name], self)
                    precomputed.add(field)
            if precomputed:
                vals["__precomputed__"] = precomputed
        self._learn_registration_reads(records[:1], vals_list[:1])
        return super()._add_precomputed_values(vals_list)

    def _prepare_intake_vals(self, vals):
        """Fill values derived from the intake data before creation."""
        flags = {k: vals.get(k) for k, _reason in severity_rules.MAJOR_RULES}
        major = severity_rules.major_flags(flags)
        if major:
            vals["severity"] = "major"
            vals.setdefault("severity_reason", self._major_reason_text(major))
        if vals.get("email") and "<" in vals["email"]:
            vals["email"] = (email_split(vals["email"]) or [vals["email"]])[0]
        if vals.get("partner_id"):
            # who filed it stays on the complaint whatever happens to the
            # contact later (BASE-57: nothing is lost by editing a contact)
            partner = self.env["res.partner"].browse(vals["partner_id"])
            if not vals.get("contact_name"):
                vals["contact_name"] = partner.name
            if not (vals.get("phone") or vals.get("email")):
                vals.setdefault("phone", partner.phone or partner.mobile or False)
                vals.setdefault("email", partner.email or False)
        return vals

    def _check_received_at(self, vals, reference=None):
        """BASE-57: the receipt time starts every clock, so it is never in
        the future, and only a handler may set it earlier than the
        registration (a phone call logged later), within the company's
        bound and with a reason; the change is tracked."""
        if not vals.get("received_at"):
            return
        received = fields.Datetime.to_datetime(vals["received_at"])
        company = self.env["res.company"].browse(vals.get("company_id")) or (
            self.company_id if self else self.env.company
        )
        days = company.complaint_backdate_days
        problem = receipt.receipt_problem(
            received, reference or fields.Datetime.now(), days
        )
        if problem == "future":
            raise ValidationError(
                _(
                    "The receipt time %s is in the future: a complaint is "
                    "received when it reaches us, not later.",
                    received,
                )
            )
        if problem is None or self.env.su:
            return
        if not self.env.user.has_group("complaint_base.group_complaint_handler"):
            raise AccessError(
                _("Only a handler may register a complaint received earlier.")
            )
        if problem == "too_old":
            raise UserError(
                _(
                    "The receipt time can be set at most %s days before the "
                    "registration.",
                    days,
                )
            )
        reason = vals.get("received_at_reason") or (
            self[:1].received_at_reason if self else False
        )
        if not (reason and reason.strip()):
            raise UserError(
                _(
                    "The receipt time is earlier than the registration: say why "
                    "in “Why Registered Late” (e.g. phone call logged later)."
                )
            )

    def _local_date(self, dt, company=None):
        """Date of UTC ``dt`` in the company's complaint time zone."""
        company = company or self.company_id or self.env.company
        tz = pytz.timezone(company.sudo().complaint_tz or "Asia/Shanghai")
        return pytz.utc.localize(dt).astimezone(tz).date()

    def _assign_numbers(self, vals_list):
        """BASE-05: YYMM + 4-digit serial, restarting each month per company.

        The serials come from the company's ``ir.sequence`` (one PostgreSQL
        sequence per month, see ``complaint.number.counter``): one query per
        (company, month) of the batch, no lock, so registrations never wait
        for each other.  The month is the receipt month in the company's
        complaint time zone.  A registration that is rolled back leaves a
        gap; numbers are never reused.
        """
        groups = {}
        Company = self.env["res.company"]
        for vals in vals_list:
            if vals.get("name") and vals["name"] != "/":
                continue
            received = fields.Datetime.to_datetime(vals.get("received_at")) or (
                fields.Datetime.now()
            )
            vals["received_at"] = received
            company = Company.browse(vals.get("company_id") or self.env.company.id)
            key = (company.id, self._local_date(received, company))
            groups.setdefault(key, []).append(vals)
        Numbers = self.env["complaint.number.counter"].sudo()
        months = {}
        for (company_id, day), group in groups.items():
            months.setdefault((company_id, day.replace(day=1)), []).append((day, group))
        for (company_id, _month), days in sorted(months.items()):
            count = sum(len(group) for _day, group in days)
            names = iter(Numbers._next_numbers(company_id, days[0][0], count))
            for _day, group in days:
                for vals in group:
                    vals["name"] = next(names)

    # ===================================================== one-pass intake
    def _prepare_registration(self, records, vals_list):
        """Complete ``vals_list`` with what the registration decides, read
        from the in-memory ``records`` (so that sector hooks see the
        complaint as it will be stored) and kept in step with them: the
        routing (``_get_routing_values``, BASE-20), the link to an earlier
        complaint on the same matter (BASE-08) and the SLA values
        (deadlines, policy, next check of the watcher).  Severity came from
        the intake values (``_prepare_intake_vals``, BASE-11)."""
        for rec, vals in zip(records, vals_list, strict=True):
            routing = {
                key: value
                for key, value in rec._get_routing_values().items()
                if value and not vals.get(key)
            }
            if routing:
                vals.update(routing)
                # the cache only: an assignment would also add the in-memory
                # record to the real team's or parent's one2many in cache
                rec._update_cache(routing, validate=False)
        parents = records._find_repeat_parents()
        for rec, vals in zip(records, vals_list, strict=True):
            if rec in parents:
                vals["parent_id"] = parents[rec].id
                rec._update_cache({"parent_id": parents[rec].id}, validate=False)
        for rec, vals, sla in zip(
            records, vals_list, records._sla_create_values(), strict=True
        ):
            vals.update(sla)
            rec._update_cache(sla, validate=False)
        return vals_list

    def _registration_records(self, vals_list):
        """In-memory records of the (complete) create values.  The plain
        fields the registration pass read on earlier records although the
        values leave them empty are put in the cache as empty, which is what
        the INSERT stores: otherwise each read looks up a default."""
        records = self.browse().concat(*(self.new(vals) for vals in vals_list))
        for name in type(self)._registration_reads:
            field = self._fields[name]
            empty = [
                rec.id
                for rec, vals in zip(records, vals_list, strict=True)
                if name not in vals
            ]
            if empty:
                self.env.cache.update(
                    self.browse(empty),
                    field,
                    itertools.repeat(
                        field.convert_to_cache(False, self, validate=False)
                    ),
                )
        return records

    def _learn_registration_reads(self, records, vals_list):
        """Remember the plain fields read during the pass without a value
        (see ``_registration_records``); learnt per registry, on its first
        registrations (``_registration_lessons``)."""
        cls = type(self)
        if cls._registration_lessons <= 0:
            return
        cls._registration_lessons -= 1
        for rec, vals in zip(records, vals_list, strict=True):
            for field in self.env.cache.get_fields(rec):
                if (
                    field.name not in vals
                    and not (field.compute or field.related or field.company_dependent)
                    and field.name not in cls._registration_reads
                ):
                    cls._registration_reads = cls._registration_reads | {field.name}

    def _repeat_key(self):
        """Who and what makes two complaints 'the same matter' (BASE-08)."""
        self.ensure_one()
        who = (
            str(self.commercial_partner_id.id)
            if self.commercial_partner_id
            else (self.phone and f"tel:{self.phone}")
        )
        if not (who and self.category_id):
            return None
        return (self.company_id.id, self.category_id.id, who)

    def _find_repeat_parents(self):
        """BASE-08, before the INSERT: ``{new record: original}`` for the new
        complaints (``self``, in-memory) whose complainant already filed a
        complaint on the same matter (same category) within
        ``REPEAT_WINDOW_DAYS`` (invalid ones don't count); the original is
        the first complaint of that matter.  One query for the batch,
        whatever the user may read: a repeat is a repeat even if another
        team handles the original.  Repeats inside one batch are linked
        after the INSERT (``_link_batch_repeats``)."""
        keyed = {rec: rec._repeat_key() for rec in self}
        keyed = {rec: key for rec, key in keyed.items() if key}
        if not keyed:
            return {}
        window = timedelta(days=REPEAT_WINDOW_DAYS)
        since = min(rec.received_at for rec in keyed) - window
        partners = tuple(
            {int(k[2]) for k in keyed.values() if not k[2].startswith("tel:")}
        )
        phones = tuple({k[2][4:] for k in keyed.values() if k[2].startswith("tel:")})
        who = SQL("COALESCE(c.commercial_partner_id::text, 'tel:' || c.phone)")
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (c.company_id, c.category_id, %(who)s)
                       c.company_id, c.category_id, %(who)s, c.id, c.received_at,
                       c.parent_id
                  FROM complaint_complaint c
                 WHERE c.category_id IN %(categories)s
                   AND c.received_at >= %(since)s
                   AND c.state != 'invalid'
                   AND (c.commercial_partner_id IN %(partners)s
                        OR (c.commercial_partner_id IS NULL AND c.phone IN %(phones)s))
              ORDER BY c.company_id, c.category_id, %(who)s, c.received_at, c.id
                """,
                who=who,
                categories=tuple({k[1] for k in keyed.values()}),
                since=since,
                partners=partners or (0,),
                phones=phones or ("",),
            )
        )
        first = {(row[0], row[1], row[2]): row[3:] for row in self.env.cr.fetchall()}
        parents = {}
        for rec, key in keyed.items():
            found = first.get(key)
            if not found or found[1] > rec.received_at:
                continue  # nothing earlier: this one is the first
            first_id, first_received, first_parent = found
            if first_received < rec.received_at - window:
                # the batch spans more than the window: look this one up alone
                older = rec._find_repeat_original()
                if not older:
                    continue
                first_id, first_parent = older.id, older.parent_id.id
            parents[rec] = self.sudo().browse(first_parent or first_id)
        return parents

    def _find_repeat_original(self):
        """The first complaint of the same matter within the window before
        this one (a single lookup, see ``_find_repeat_parents``)."""
        self.ensure_one()
        window = timedelta(days=REPEAT_WINDOW_DAYS)
        who = (
            [("commercial_partner_id", "=", self.commercial_partner_id.id)]
            if self.commercial_partner_id
            else [("phone", "=", self.phone)]
        )
        return self.sudo().search(
            [
                ("id", "not in", self.ids if isinstance(self.id, int) else []),
                ("category_id", "=", self.category_id.id),
                ("company_id", "=", self.company_id.id),
                ("state", "!=", "invalid"),
                ("received_at", ">=", self.received_at - window),
                ("received_at", "<=", self.received_at),
                *who,
            ],
            order="received_at asc, id asc",
            limit=1,
        )

    def _creation_message(self):
        """One creation message, with the repeat link when there is one."""
        body = super()._creation_message()
        if self.parent_id:
            body = _(
                "%(created)s Repeat of complaint %(number)s on the same matter.",
                created=body,
                number=self.parent_id.name,
            )
        return body

    def _link_batch_repeats(self):
        """After the INSERT: link repeats inside one batch (two complaints
        of the same complainant and matter registered together; they need
        the first one's id) and tell each original about its new repeats.
        The links are written in one UPDATE, then the deadlines and the
        event escalation rules of the linked complaints are reviewed
        together (not once per link)."""
        groups = {}
        for rec in self.filtered(lambda r: not r.parent_id):
            key = rec._repeat_key()
            if key:
                groups.setdefault(key, []).append(rec)
        window = timedelta(days=REPEAT_WINDOW_DAYS)
        links = {}
        for recs in groups.values():
            if len(recs) < 2:
                continue
            recs.sort(key=lambda r: (r.received_at, r.id))
            for rec in recs[1:]:
                if rec.received_at - recs[0].received_at <= window:
                    links[rec] = recs[0]
        if links:
            linked = self.browse([rec.id for rec in links])
            linked.flush_recordset()
            linked._write_multi([{"parent_id": root.id} for root in links.values()])
            linked.invalidate_recordset(["parent_id", "write_date", "write_uid"])
            linked.modified(["parent_id"])
            note = _("Repeat of complaint %s on the same matter.")
            linked._message_log_batch(
                bodies={rec.id: note % root.name for rec, root in links.items()}
            )
            linked = linked.sudo()
            linked._recompute_sla_deadlines()
            linked._apply_escalation_rules(timed=False)
        by_root = {}
        for rec in self.filtered("parent_id"):
            by_root.setdefault(rec.parent_id, []).append(rec.name)
        for root, names in by_root.items():
            root.sudo()._message_log(
                body=_("Repeat complaint(s) received: %s", ", ".join(names))
            )

    # ============================================================= routing
    def _get_routing_values(self):
        """Team, department and handler for this complaint (BASE-20).

        Default: from the category tree (a node inherits its parent's
        defaults).  Sector addons override this and call ``super()``.  It is
        called on the in-memory record before the INSERT: read the record's
        fields, no search per record.
        """
        self.ensure_one()
        cat = self.category_id
        return {
            "team_id": cat.effective_team_id.id,
            "department_id": cat.effective_department_id.id,
            "user_id": cat.effective_user_id.id,
        }

    @api.onchange("category_id")
    def _onchange_category_id(self):
        if self.state == "new" and self.category_id:
            for key, val in self._get_routing_values().items():
                if val:
                    self[key] = val

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.phone = self.partner_id.phone or self.partner_id.mobile
            self.email = self.partner_id.email

    # ========================================================== severity
    def _major_reason_text(self, flags):
        """BASE-11 reasons in the user's language, e.g. "media exposure"."""
        labels = {
            "serious_harm": _("serious material, economic, mental or bodily harm"),
            "is_mass": _("complaint by many customers / mass dispute"),
            "about_leadership": _("complaint about a company leader"),
            "company_harm": _("serious harm to the company"),
            "media_involved": _("media exposure"),
            "unresolved_month": _("valid complaint unresolved after one month"),
            "handled_late": _("general complaint not handled in time"),
        }
        return "; ".join(labels.get(flag, flag) for flag in flags)

    def _major_flags(self):
        self.ensure_one()
        return {
            flag: self[flag]
            for flag, _reason in severity_rules.MAJOR_RULES
            if flag in self._fields
        }

    def write(self, vals):
        if vals.get("received_at"):
            for rec in self:
                rec._check_received_at(vals, reference=rec.create_date)
        if vals.get("severity") and not self.env.su:
            self._check_severity_lowering(vals["severity"])
        res = super().write(vals)
        flag_names = {flag for flag, _reason in severity_rules.MAJOR_RULES}
        if flag_names & set(vals):
            for rec in self.filtered(lambda r: r.severity != "major"):
                major = severity_rules.major_flags(rec._major_flags())
                if major:
                    rec.write(
                        {
                            "severity": "major",
                            "severity_reason": rec._major_reason_text(major),
                        }
                    )
                    rec._notify_major_leaders()
        if "user_id" in vals or "team_id" in vals:
            self.filtered(lambda r: r.severity == "major")._notify_major_leaders()
        return res

    def _check_severity_lowering(self, severity):
        """BASE-11/25: the severity rules only raise it; lowering it (which
        would skip the plan approval) is a manager's decision."""
        order = {"general": 0, "important": 1, "major": 2}
        lowered = self.filtered(
            lambda r: order.get(severity, 0) < order.get(r.severity, 0)
        )
        if lowered and not self.env.user.has_group(
            "complaint_base.group_complaint_manager"
        ):
            raise AccessError(
                _(
                    "Only a complaint manager can lower the severity of %s.",
                    ", ".join(lowered.mapped("name")),
                )
            )

    def _notify_major_leaders(self):
        """BASE-31: major complaints copy the responsible leaders."""
        for rec in self.filtered(lambda r: r.severity == "major"):
            partners = rec.team_id.notify_partner_ids | rec.team_id.leader_id.partner_id
            partners |= rec.department_id.manager_id.user_id.partner_id
            partners -= rec.message_partner_ids
            if not partners:
                continue
            rec.message_subscribe(partner_ids=partners.ids)
            rec.message_post(
                body=_(
                    "Major complaint %(name)s assigned to %(team)s: leaders informed.",
                    name=rec.name,
                    team=rec.team_id.name or "-",
                ),
                partner_ids=partners.ids,
                subtype_xmlid="mail.mt_comment",
            )

    # ========================================================== lifecycle
    def _check_state(self, allowed, action):
        for rec in self:
            if rec.state not in allowed:
                raise UserError(
                    _(
                        "Complaint %(name)s is %(state)s: you cannot %(action)s it.",
                        name=rec.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[rec.state],
                        action=action,
                    )
                )

    def _check_group(self, xmlid):
        if not self.env.user.has_group(xmlid):
            raise AccessError(
                _(
                    "Only users of group “%s” can do this.",
                    self.env.ref(xmlid).sudo().full_name,
                )
            )

    def action_accept(self):
        """Accept the complaint: a named handler takes it over (BASE-21)."""
        self._check_group(HANDLER)
        self._check_state(("new",), _("accept"))
        for rec in self:
            if not rec.channel_id:
                raise UserError(
                    _(
                        "Complaint %s has no channel: complete the registration first.",
                        rec.name,
                    )
                )
            vals = {"state": "accepted", "accepted_at": fields.Datetime.now()}
            if not rec.user_id:
                vals["user_id"] = self.env.user.id
            rec._workflow_write(vals)
        return True

    def action_start(self):
        """Start the investigation (BASE-22/24)."""
        self._check_group(HANDLER)
        self._check_state(("accepted",), _("start investigating"))
        self._workflow_write({"state": "in_progress"})
        return True

    def action_contact_complainant(self):
        self._check_group(HANDLER)
        self.write({"contacted_at": fields.Datetime.now()})
        return True

    def action_request_completion(self):
        """BASE-06: ask the complainant for the missing registration data."""
        self._check_group("complaint_base.group_complaint_user")
        template = self.env.ref("complaint_base.mail_template_complaint_incomplete")
        for rec in self.filtered("is_incomplete"):
            rec.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
            rec._workflow_write({"completion_requested_at": fields.Datetime.now()})
        return True

    def action_submit_plan(self):
        """BASE-22/25: important and major plans need management approval."""
        self._check_group(HANDLER)
        self._check_state(OPEN_STATES, _("submit a plan for"))
        for rec in self:
            if is_html_empty(rec.plan_measures) or not rec.plan_owner_id:
                raise UserError(
                    _(
                        "Write the plan's measures and name its owner before "
                        "submitting it."
                    )
                )
            if rec.plan_state in ("to_approve", "approved"):
                raise UserError(_("The plan of %s was already submitted.", rec.name))
            vals = {"plan_submitted_by": self.env.user.id}
            if rec.severity in ("important", "major"):
                rec._workflow_write(dict(vals, plan_state="to_approve"))
                managers = self.env.ref("complaint_base.group_complaint_manager").users
                for manager in (managers - self.env.user).filtered(
                    lambda u: not u.share
                )[:5]:
                    rec.activity_schedule(
                        "mail.mail_activity_data_todo",
                        user_id=manager.id,
                        summary=_("Approve the resolution plan of %s", rec.name),
                    )
            else:
                rec._workflow_write(dict(vals, plan_state="approved"))
        return True

    def action_approve_plan(self):
        """BASE-25: a manager other than the one who submitted the plan."""
        self._check_group(MANAGER)
        for rec in self:
            if rec.plan_state != "to_approve":
                raise UserError(
                    _("The plan of %s is not waiting for approval.", rec.name)
                )
            rec._check_four_eyes(
                rec.plan_submitted_by, _("the resolution plan of %s", rec.name)
            )
            rec._workflow_write(
                {
                    "plan_state": "approved",
                    "plan_approved_by": self.env.user.id,
                    "plan_approved_at": fields.Datetime.now(),
                }
            )
            rec.activity_feedback(
                ["mail.mail_activity_data_todo"], feedback=_("Plan approved")
            )
        return True

    def action_reject_plan(self):
        self._check_group(MANAGER)
        self.filtered(lambda r: r.plan_state == "to_approve")._workflow_write(
            {"plan_state": "rejected"}
        )
        return True

    def _check_can_resolve(self):
        """Conditions to resolve; sector addons extend with ``super()``."""
        self.ensure_one()
        if is_html_empty(self.resolution):
            raise UserError(
                _(
                    "Write the result for the complainant before resolving %s.",
                    self.name,
                )
            )
        if self.severity in ("important", "major") and self.plan_state != "approved":
            raise UserError(
                _(
                    "Complaint %s is important or major: management must approve "
                    "its resolution plan before it is carried out (BASE-25).",
                    self.name,
                )
            )

    def action_resolve(self):
        """Record the result and reply to the complainant (BASE-40)."""
        self._check_group(HANDLER)
        self._check_state(("accepted", "in_progress"), _("resolve"))
        now = fields.Datetime.now()
        for rec in self:
            rec._check_can_resolve()
            rec._workflow_write(
                {
                    "state": "resolved",
                    "resolved_at": now,
                    "reply_at": rec.reply_at or now,
                }
            )
            rec.message_post(
                body=_(
                    "Result sent to the complainant: %s",
                    html2plaintext(rec.resolution or ""),
                ),
                subtype_xmlid="mail.mt_comment",
                partner_ids=rec.partner_id.ids,
            )
        return True

    def action_record_followup(
        self, satisfaction, method="phone", comment=False, acceptance=False
    ):
        """BASE-41: follow-up visit; dissatisfied reopens the complaint."""
        self._check_group(HANDLER)
        self._check_state(("resolved", "review"), _("record a follow-up for"))
        if satisfaction not in dict(SATISFACTION):
            raise UserError(_("Choose a satisfaction level."))
        return self._record_followup(satisfaction, method, comment, acceptance)

    def _record_followup(self, satisfaction, method, comment=False, acceptance=False):
        """Store a follow-up answer (by the handler, or by the complainant
        through the rating link) and reopen when dissatisfied."""
        for rec in self:
            vals = {
                "followup_done_at": fields.Datetime.now(),
                "followup_method": method,
                "satisfaction": satisfaction,
                "followup_comment": comment,
            }
            if acceptance:
                vals["complainant_acceptance"] = acceptance
            rec._workflow_write(vals)
            if int(satisfaction) <= 2:
                rec._reopen(_("Complainant dissatisfied at the follow-up visit."))
        return True

    def _check_can_close(self):
        """BASE-44 completeness checks of the closing review."""
        self.ensure_one()
        problems = []
        if not self.substantiated:
            problems.append(_("decide whether the complaint is substantiated"))
        if self.substantiated == "yes" and not self.responsibility_ids:
            problems.append(_("record who is responsible"))
        if (
            self.category_id
            and self.category_id.child_ids
            and not self.category_confirmed
        ):
            problems.append(_("confirm the final category level"))
        if not self.followup_done_at and self.complainant_acceptance != "accepted":
            problems.append(_("do the follow-up visit"))
        if problems:
            raise UserError(
                _(
                    "Before closing %(name)s: %(todo)s.",
                    name=self.name,
                    todo="; ".join(problems),
                )
            )

    def action_submit_review(self):
        self._check_group(HANDLER)
        self._check_state(("resolved",), _("submit for review"))
        for rec in self:
            rec._check_can_close()
        self._workflow_write({"state": "review"})
        return True

    def action_close(self):
        """Closing review passed (BASE-44): only reviewers close."""
        self._check_group(REVIEWER)
        self._check_state(("resolved", "review"), _("close"))
        for rec in self:
            rec._check_can_close()
        self._workflow_write(
            {
                "state": "closed",
                "closed_at": fields.Datetime.now(),
                "reviewer_id": self.env.user.id,
            }
        )
        return True

    def action_return_for_correction(self, note=False):
        """BASE-44: the reviewer sends the case back to the handler."""
        self._check_group(REVIEWER)
        self._check_state(("review", "resolved"), _("return"))
        for rec in self:
            rec._workflow_write(
                {
                    "state": "in_progress",
                    "review_note": note or rec.review_note,
                    "review_return_count": rec.review_return_count + 1,
                    "reviewer_id": self.env.user.id,
                }
            )
            rec.message_post(
                body=_("Returned for correction: %s", note or "-"),
                subtype_xmlid="mail.mt_note",
            )
            if rec.user_id:
                rec.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=rec.user_id.id,
                    summary=_("Correct complaint %s", rec.name),
                    note=note or "",
                )
        return True

    def action_reopen(self, reason=False):
        self._check_group(HANDLER)
        return self._reopen(reason)

    def _reopen(self, reason):
        self._check_state(("resolved", "review", "closed"), _("reopen"))
        for rec in self:
            rec._workflow_write(
                {
                    "state": "in_progress",
                    "reopen_count": rec.reopen_count + 1,
                    "closed_at": False,
                    "resolved_at": False,
                }
            )
            rec.message_post(
                body=_("Complaint reopened: %s", reason or "-"),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_mark_invalid(self, reason, note=False):
        """BASE-12: rule the complaint invalid and tell the complainant why."""
        self._check_group(HANDLER)
        self._check_state(OPEN_STATES, _("mark invalid"))
        if reason not in dict(self._fields["invalid_reason"].selection):
            raise UserError(_("Choose why the complaint is invalid."))
        now = fields.Datetime.now()
        template = self.env.ref("complaint_base.mail_template_complaint_invalid")
        for rec in self:
            rec._workflow_write(
                {
                    "state": "invalid",
                    "invalid_reason": reason,
                    "invalid_note": note,
                    "invalid_notice_deadline": now
                    + timedelta(days=INVALID_NOTICE_DAYS),
                }
            )
            if rec.partner_id or rec.email:
                rec.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
                rec._workflow_write({"invalid_notified_at": fields.Datetime.now()})
        return True

    def action_transfer(self, team_id, user_id=False, reason=False):
        """BASE-23: transfer with a reason; the 4th goes to arbitration."""
        self._check_group("complaint_base.group_complaint_user")
        if not reason:
            raise UserError(_("Give the reason for the transfer."))
        self._check_state(OPEN_STATES, _("transfer"))
        Transfer = self.env["complaint.transfer"].sudo()
        for rec in self:
            team = self.env["complaint.team"].browse(team_id).exists()
            user = self.env["res.users"].browse(user_id or []).exists()
            rec._check_transfer_target(team, user)
            automatic = rec.transfer_count >= MAX_MANUAL_TRANSFERS
            if automatic:
                arbitration = self.env["complaint.team"].search(
                    [
                        ("is_arbitration", "=", True),
                        ("company_id", "=", rec.company_id.id),
                    ],
                    limit=1,
                )
                if not arbitration:
                    raise UserError(
                        _(
                            "Complaint %(name)s was already transferred %(count)s times and no "
                            "arbitration team is configured: ask an administrator "
                            "to mark one team as arbitration team.",
                            name=rec.name,
                            count=MAX_MANUAL_TRANSFERS,
                        )
                    )
                team, user = arbitration, arbitration.leader_id
            Transfer.create(
                {
                    "complaint_id": rec.id,
                    "from_team_id": rec.team_id.id,
                    "from_user_id": rec.user_id.id,
                    "to_team_id": team.id,
                    "to_user_id": user.id,
                    "reason": reason,
                    "is_automatic": automatic,
                }
            )
            vals = {"team_id": team.id, "user_id": user.id}
            if not automatic:
                vals["transfer_count"] = rec.transfer_count + 1
            if rec.state == "accepted" and not user:
                vals["state"] = "new"
            rec._workflow_write(vals)
            body = (
                _(
                    "Transferred %(count)s times already: sent automatically to the "
                    "arbitration team %(team)s, which decides the final owner. "
                    "Reason given: %(reason)s",
                    count=MAX_MANUAL_TRANSFERS,
                    team=team.name,
                    reason=reason,
                )
                if automatic
                else _(
                    "Transferred to %(owner)s. Reason: %(reason)s",
                    owner=" / ".join(n for n in (team.name, user.name) if n),
                    reason=reason,
                )
            )
            # the note is posted even when the transfer takes the case out of
            # the user's sight (sudo keeps the user as author)
            rec.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def _check_transfer_target(self, team, user):
        """BASE-23/57: a transfer goes to an active team of the complaint's
        company and, when named, to an active internal user of that company
        who belongs to the team."""
        self.ensure_one()
        team_sudo = team.sudo()
        if not team or team_sudo.company_id != self.company_id:
            raise UserError(
                _(
                    "Choose a team of %(company)s to transfer complaint %(name)s to.",
                    company=self.company_id.name,
                    name=self.name,
                )
            )
        if not user:
            return
        user_sudo = user.sudo()
        members = team_sudo.member_ids | team_sudo.leader_id
        if (
            not user_sudo.active
            or user_sudo.share
            or self.company_id not in user_sudo.company_ids
            or user_sudo not in members
        ):
            raise UserError(
                _(
                    "%(user)s cannot receive complaint %(name)s: choose an active "
                    "member of team %(team)s in company %(company)s.",
                    user=user_sudo.name,
                    name=self.name,
                    team=team_sudo.name,
                    company=self.company_id.name,
                )
            )

    def action_confirm_category(self):
        self._check_group(HANDLER)
        for rec in self:
            if rec.category_id.child_ids:
                raise UserError(
                    _(
                        "Choose the final (most detailed) category level before "
                        "confirming it."
                    )
                )
        self._workflow_write({"category_confirmed": True})
        return True

    def _open_wizard(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["context"] = {"default_complaint_id": self.id}
        return action

    def action_open_transfer_wizard(self):
        return self._open_wizard("complaint_base.action_complaint_transfer_wizard")

    def action_open_invalid_wizard(self):
        return self._open_wizard("complaint_base.action_complaint_invalid_wizard")

    def action_open_followup_wizard(self):
        return self._open_wizard("complaint_base.action_complaint_followup_wizard")

    def action_open_repeats(self):
        self.ensure_one()
        root = self.parent_id or self
        return {
            "type": "ir.actions.act_window",
            "name": _("Related complaints"),
            "res_model": "complaint.complaint",
            "view_mode": "list,form",
            "domain": ["|", ("id", "=", root.id), ("parent_id", "=", root.id)],
        }

    # ====================================================== mail gateway
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """BASE-02: an e-mail to a team alias becomes a complaint."""
        values = dict(custom_values or {})
        email_from = msg_dict.get("email_from") or ""
        partner = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        channel = self.env["complaint.channel"].search(
            [("code", "=", "email")], limit=1
        )
        values.setdefault("subject", msg_dict.get("subject") or _("E-mail complaint"))
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("channel_id", channel.id)
        values.setdefault("email", email_from and email_from.split("<")[-1].strip(">"))
        if partner:
            values.setdefault("partner_id", partner.id)
        else:
            values.setdefault("contact_name", email_from.split("<")[0].strip(' "'))
        # BASE-57: the Subject is the subject, never the number (mail.thread
        # would put it into ``name``), and the complaint is received when the
        # server gets the message, not at the sender's ``Date:`` header.
        values["name"] = "/"
        values["received_at"] = fields.Datetime.now()
        values.pop("received_at_reason", None)
        return super().message_new(msg_dict, custom_values=values)

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        if self.partner_id:
            self._message_add_suggested_recipient(
                recipients, partner=self.partner_id, reason=_("Complainant")
            )
        elif self.email:
            self._message_add_suggested_recipient(
                recipients, email=self.email, reason=_("Complainant e-mail")
            )
        return recipients
