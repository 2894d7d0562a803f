from odoo import api, fields, models

from ..fields import SanitizedOnceHtml

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
#: registrations in a row that learn no new read before the registration
#: pass stops learning (``_learn_registration_reads``)
REGISTRATION_LESSONS = 20
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
    # computed from the handler, the registrant and the state (BASE-21)
    "accountable_user_id": "registration action_accept action_assign",
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

    The model is defined here (identity, complainant, intake data,
    ownership); each concern extends it in its own file, named for it:
    ``complaint_complaint_intake`` (registration pass, routing),
    ``_numbering``, ``_repeat``, ``_severity``, ``_lifecycle``, ``_plan``,
    ``_review`` (follow-up and closing review), ``_transfer``,
    ``_deadlines`` (SLA engine), ``_pause``, ``_extension``, ``_escalation``,
    ``_watcher`` and ``_cron`` (scheduled actions), ``_privacy``,
    ``_retention`` and ``_stats``.

    Extension points for sector addons (documented in the README):

    * ``sector``: a selection that sector addons extend with
      ``selection_add`` (``general`` in the base);
    * ``_get_routing_values()``: team / department / handler for a complaint,
      by default from its category tree (BASE-20);
    * ``_get_sla_targets()`` (deadlines): the deadline targets that apply;
    * ``_check_can_resolve()`` / ``_check_can_close()``: extra conditions.
    """

    _name = "complaint.complaint"
    _description = "Complaint"
    _inherit = [
        "complaint.workflow.guard",
        "portal.mixin",
        "mail.thread.cc",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "received_at desc, id desc"
    _primary_email = "email"
    _mailing_enabled = True
    _workflow_fields = COMPLAINT_WORKFLOW_FIELDS
    #: plain fields read on in-memory complaints by the registration pass
    _registration_reads = frozenset()
    #: registrations still looked at to learn ``_registration_reads``:
    #: learning stops after this many in a row taught nothing
    _registration_lessons = REGISTRATION_LESSONS

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
    description = SanitizedOnceHtml(string="Complaint", sanitize_style=True)
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
    is_confidential = fields.Boolean(
        string="Confidential",
        tracking=True,
        help="Hidden from the complained-about employee and from the users "
        "of the complained-about department (BASE-54).",
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
    accepted_at = fields.Datetime(readonly=True, copy=False)
    resolved_at = fields.Datetime(readonly=True, copy=False)
    closed_at = fields.Datetime(readonly=True, copy=False)
    reopen_count = fields.Integer(readonly=True, copy=False)

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

    def _sector_records(self, sector):
        """The complaints of ``sector``: the one way a sector addon's hook
        picks its own records in a batch (DEVELOP.md)."""
        return self.filtered(lambda rec: rec.sector == sector)

    # ========================================================== computes

    @api.depends("state", "user_id", "registrant_id")
    def _compute_accountable_user(self):
        for rec in self:
            if rec.user_id and rec.state not in ("new",):
                rec.accountable_user_id = rec.user_id
            else:
                rec.accountable_user_id = rec.registrant_id

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
