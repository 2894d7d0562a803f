from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools import deadline as dl
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import integrity, profiles

MANAGER_GROUP = "complaint_base.group_complaint_manager"
#: what the customer applied with and what the reviewer decided: frozen
#: once the review is decided (BANK-08, BASE-57)
REVIEW_FROZEN_FIELDS = frozenset(
    {
        "complaint_id",
        "applied_at",
        "grounds",
        "superior_branch_id",
        "reviewer_id",
        "result",
        "result_note",
    }
)
#: the decision belongs to the reviewer of the superior institution
REVIEW_DECISION_FIELDS = frozenset({"result", "result_note"})
#: who reviews is set by the branch tree; a manager may reassign
REVIEW_ASSIGNMENT_FIELDS = frozenset({"superior_branch_id", "reviewer_id"})


class ComplaintBankReview(models.Model):
    """Review of a bank complaint decision (申请核查, BANK-08).

    CBIRC 2020 No. 3 arts. 19-20: a customer who disagrees with the decision
    may, within 30 days of receiving it, ask the superior institution (or the
    head office) to review it; the reviewing institution decides within 30
    days of the application and tells the customer.

    Integrity (BASE-57): the state, who decided and when are written by
    ``action_decide`` only; the deciding and reviewing branches and the
    reviewer come from the branch tree (a complaint manager may reassign the
    reviewer); the result is written by the reviewer or a manager, never by
    the handler of the complaint (four-eyes), and nothing changes once
    decided.  The review follows its complaint's visibility (BASE-54).
    """

    _name = "complaint.bank.review"
    _description = "Bank Complaint Review"
    _inherit = [
        "complaint.workflow.guard",
        "complaint.child.access",
        "complaint.bank.child",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _workflow_fields = {
        "state": "action_decide",
        "decided_at": "action_decide",
        "decided_by": "action_decide",
        "result_notified_at": "action_decide",
        "branch_id": "action_bank_apply_review",
    }
    _order = "applied_at desc, id desc"
    _rec_name = "complaint_id"

    complaint_id = fields.Many2one(
        "complaint.complaint",
        string="Complaint",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("sector", "=", "banking")],
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(related="complaint_id.partner_id", string="Customer")
    applied_at = fields.Datetime(
        string="Applied On",
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the customer's review application was received.",
    )
    grounds = fields.Text(
        string="Grounds", required=True, help="Why the customer disagrees."
    )
    decision_notified_at = fields.Datetime(
        related="complaint_id.bank_decision_notified_at", string="Decision Received"
    )
    application_deadline = fields.Datetime(
        related="complaint_id.bank_review_deadline", string="Apply By"
    )
    branch_id = fields.Many2one(
        "hr.department", string="Deciding Branch", readonly=True
    )
    superior_branch_id = fields.Many2one(
        "hr.department",
        string="Reviewing Branch",
        domain=[("is_bank_branch", "=", True)],
        tracking=True,
        help="Superior institution of the branch that decided (the head office "
        "when the head office decided).",
    )
    reviewer_id = fields.Many2one(
        "res.users",
        string="Reviewer",
        tracking=True,
        help="Senior manager of the reviewing branch.",
    )
    decision_deadline = fields.Datetime(
        string="Decide By",
        compute="_compute_decision_deadline",
        store=True,
        help="30 days from the application (DL-3).",
    )
    state = fields.Selection(
        [("in_review", "In Review"), ("decided", "Decided")],
        default="in_review",
        required=True,
        tracking=True,
        copy=False,
    )
    result = fields.Selection(
        [
            ("upheld", "Decision upheld"),
            ("changed", "Decision changed"),
        ],
        tracking=True,
        copy=False,
    )
    result_note = fields.Text(string="Review Findings", copy=False)
    decided_at = fields.Datetime(readonly=True, copy=False)
    decided_by = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False, tracking=True
    )
    result_notified_at = fields.Datetime(readonly=True, copy=False)
    is_late = fields.Boolean(
        compute="_compute_is_late",
        help="Decided after the 30 days, or still open after them.",
    )
    notice_ids = fields.One2many("complaint.bank.notice", "review_id")

    @api.depends("applied_at", "company_id")
    def _compute_decision_deadline(self):
        amount, unit = profiles.REVIEW_DECISION_PERIOD
        for review in self:
            if review.applied_at and review.complaint_id:
                review.decision_deadline = dl.compute_deadline(
                    review.applied_at,
                    amount,
                    unit,
                    review.complaint_id._get_sla_calendar(),
                )
            else:
                review.decision_deadline = False

    @api.depends("decision_deadline", "decided_at", "state")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for review in self:
            moment = review.decided_at or now
            review.is_late = bool(
                review.decision_deadline and moment > review.decision_deadline
            )

    @api.constrains("applied_at", "complaint_id")
    def _check_application_in_time(self):
        for review in self:
            complaint = review.complaint_id
            if complaint.sector != "banking":
                raise ValidationError(
                    _("Only bank complaints have a review procedure.")
                )
            if not complaint.bank_decision_notified_at:
                raise ValidationError(
                    _(
                        "No decision of complaint %s has been notified to the "
                        "customer yet: a review can only be asked for once the "
                        "decision letter was sent.",
                        complaint.name,
                    )
                )
            if review.applied_at > complaint.bank_review_deadline:
                fmt = complaint._sla_format_datetime
                raise ValidationError(
                    _(
                        "The review application of complaint %(name)s comes too "
                        "late: the customer received the decision on %(received)s "
                        "and could apply within 30 days, until %(deadline)s. "
                        "Register a new complaint if the customer brings new "
                        "facts.",
                        name=complaint.name,
                        received=fmt(complaint.bank_decision_notified_at),
                        deadline=fmt(complaint.bank_review_deadline),
                    )
                )
            if review.applied_at < complaint.bank_decision_notified_at:
                raise ValidationError(
                    _("A review application cannot come before the decision.")
                )

    def _workflow_create_values(self, vals_list):
        """The deciding branch, the reviewing branch and its reviewer come
        from the branch tree (CBIRC 2020 No. 3 art. 19)."""
        Complaint = self.env["complaint.complaint"].sudo()
        for vals in vals_list:
            complaint = Complaint.browse(vals.get("complaint_id"))
            branch = complaint.bank_branch_id
            superior = branch.bank_superior_branch_id
            if not superior:
                superior = (
                    self.env["hr.department"]
                    .sudo()
                    ._bank_head_offices(complaint.company_id)[:1]
                )
            vals["branch_id"] = branch.id
            vals["superior_branch_id"] = superior.id
            vals["reviewer_id"] = superior.bank_senior_manager_id.id
        return super()._workflow_create_values(vals_list)

    @api.model
    def _check_applied_at(self, value):
        applied = fields.Datetime.to_datetime(value)
        if integrity.is_future(applied, fields.Datetime.now()):
            raise ValidationError(
                _(
                    "A review application cannot be received in the future: "
                    "give the time the customer applied."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_applied_at(vals.get("applied_at"))
            if not self.env.su and (vals.get("result") or vals.get("result_note")):
                raise UserError(
                    _(
                        "Register the application first: the result of the review "
                        "is written by the reviewer of the superior institution."
                    )
                )
        reviews = super().create(vals_list)
        for review in reviews:
            review._notify_reviewer()
            review.complaint_id.message_post(
                body=_(
                    "Review applied for on %(date)s; reviewed by %(branch)s, "
                    "decision due by %(deadline)s.",
                    date=review.complaint_id._sla_format_datetime(review.applied_at),
                    branch=review.superior_branch_id.display_name or "-",
                    deadline=review.complaint_id._sla_format_datetime(
                        review.decision_deadline
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return reviews

    def write(self, vals):
        if not self.env.su:
            self._check_review_write(vals)
        return super().write(vals)

    def _check_review_write(self, vals):
        names = set(vals)
        if "applied_at" in names:
            self._check_applied_at(vals["applied_at"])
        if names & REVIEW_FROZEN_FIELDS and any(r.state == "decided" for r in self):
            raise UserError(
                _(
                    "The review of %s is decided: its application and result are "
                    "on record and can no longer be changed.",
                    self[:1].complaint_id.name,
                )
            )
        is_manager = self.env.user.has_group(MANAGER_GROUP)
        if names & REVIEW_ASSIGNMENT_FIELDS and not is_manager:
            raise AccessError(
                _(
                    "The reviewing branch and its reviewer follow the branch tree: "
                    "only a complaint manager can reassign them."
                )
            )
        if names & REVIEW_DECISION_FIELDS:
            for review in self:
                review._check_decider()

    def _check_decider(self):
        """The reviewer of the superior branch or a complaint manager
        decides, never the handler of the complaint (four-eyes)."""
        self.ensure_one()
        if self.env.su:
            return  # server code (data, scheduled actions) checks its own
        user = self.env.user
        if user != self.reviewer_id and not user.has_group(MANAGER_GROUP):
            raise AccessError(
                _(
                    "Only the reviewer of the superior branch (%s) or a "
                    "complaint manager decides this review.",
                    self.reviewer_id.name or "-",
                )
            )
        if user == self.complaint_id.user_id:
            raise AccessError(
                _(
                    "You handled complaint %s: its review is decided by someone "
                    "else of the superior institution (four-eyes rule).",
                    self.complaint_id.name,
                )
            )

    def _notify_reviewer(self):
        for review in self.filtered("reviewer_id"):
            review.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=review.complaint_id._bank_local_date(
                    review.decision_deadline
                ),
                user_id=review.reviewer_id.id,
                summary=_("Review the decision of %s", review.complaint_id.name),
                note=review.grounds,
            )

    def action_decide(self):
        """Record the review's result and tell the customer."""
        for review in self:
            if review.state != "in_review":
                raise UserError(_("This review was already decided."))
            review._check_decider()
            if not review.result or not (review.result_note or "").strip():
                raise UserError(
                    _("Choose the result of the review and write its findings.")
                )
            review._workflow_write(
                {
                    "state": "decided",
                    "decided_at": fields.Datetime.now(),
                    "decided_by": self.env.user.id,
                }
            )
            review.activity_feedback(
                ["mail.mail_activity_data_todo"], feedback=review.result_note
            )
            complaint = review.complaint_id
            complaint._bank_send_notice(
                "review_result", review_id=review.id, reason=review.result_note
            )
            if review.result == "changed" and complaint.state in (
                "resolved",
                "review",
                "closed",
            ):
                complaint.action_reopen(
                    reason=_("The review changed the decision: %s", review.result_note)
                )
        return True
