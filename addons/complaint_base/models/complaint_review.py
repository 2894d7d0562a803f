from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import cbirc2020
from ..tools import deadline as dl

REVIEWER = "complaint_base.group_complaint_reviewer"
MANAGER = "complaint_base.group_complaint_manager"
#: what was asked and what was decided: frozen once decided (BASE-57)
REVIEW_FROZEN_FIELDS = frozenset(
    {"complaint_id", "requested_at", "grounds", "result", "result_note"}
)
#: the decision belongs to someone else than the handler (four-eyes)
REVIEW_DECISION_FIELDS = frozenset({"result", "result_note"})


class ComplaintReview(models.Model):
    """Review of a decision (核查/复核) under the CBIRC 2020 measures.

    Arts. 19-20 of CBIRC order 2020 No. 3: a complainant who disagrees with
    the decision may, within 30 days of receiving it, ask for a review; the
    reviewing institution decides within 30 days of the request and tells
    the complainant.  The periods come from ``tools/cbirc2020.py``; whether
    a complaint has the procedure, and when its decision was received, from
    the complaint's hooks (``_cbirc2020_applies``,
    ``_review_decision_received_at``, ``_review_window_deadline``).

    Integrity (BASE-57): the state, who decided and when are written by
    ``action_decide`` only; the result is written by a reviewer or a
    manager who did not handle the complaint (four-eyes), and nothing
    changes once decided.  A review follows its complaint's visibility
    (BASE-54, ``complaint.child.access``).
    """

    _name = "complaint.review"
    _description = "Complaint Review (2020 Measures)"
    _inherit = [
        "complaint.proof.kept",
        "complaint.workflow.guard",
        "complaint.child.access",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _workflow_fields = {
        "state": "action_decide",
        "decided_at": "action_decide",
        "decided_by": "action_decide",
    }
    _order = "requested_at desc, id desc"
    _rec_name = "complaint_id"

    complaint_id = fields.Many2one(
        "complaint.complaint",
        string="Complaint",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(related="complaint_id.partner_id", string="Customer")
    requested_at = fields.Datetime(
        string="Requested On",
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the complainant's request for a review was received.",
    )
    grounds = fields.Text(help="Why the complainant disagrees with the decision.")
    deadline = fields.Datetime(
        string="Decide By",
        compute="_compute_deadline",
        store=True,
        help="30 days from the request (DL-3).",
    )
    state = fields.Selection(
        [("in_review", "In Review"), ("decided", "Decided")],
        default="in_review",
        required=True,
        tracking=True,
        copy=False,
    )
    result = fields.Selection(
        [("upheld", "Decision upheld"), ("changed", "Decision changed")],
        tracking=True,
        copy=False,
    )
    result_note = fields.Text(string="Review Findings", copy=False)
    decided_at = fields.Datetime(readonly=True, copy=False)
    decided_by = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False, tracking=True
    )
    is_late = fields.Boolean(
        compute="_compute_is_late",
        help="Decided after the 30 days, or still open after them.",
    )

    @api.depends("requested_at", "complaint_id")
    def _compute_deadline(self):
        amount, unit = cbirc2020.review_decision_period()
        for review in self:
            if review.requested_at and review.complaint_id:
                review.deadline = dl.compute_deadline(
                    review.requested_at,
                    amount,
                    unit,
                    review.complaint_id._get_sla_calendar(),
                )
            else:
                review.deadline = False

    @api.depends("deadline", "decided_at", "state")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for review in self:
            moment = review.decided_at or now
            review.is_late = bool(review.deadline and moment > review.deadline)

    # ========================================================= constraints
    @api.constrains("requested_at", "complaint_id")
    def _check_request_in_time(self):
        for review in self:
            complaint = review.complaint_id
            if not complaint._cbirc2020_applies():
                raise ValidationError(
                    _(
                        "Complaint %s does not follow the 2020 measures: it has "
                        "no review procedure.",
                        complaint.name,
                    )
                )
            review._check_window()
            others = complaint.review_ids - review
            received = complaint._review_decision_received_at()
            if any(o.requested_at >= received for o in others):
                raise ValidationError(
                    _(
                        "A review of the decision on complaint %s was already "
                        "requested.",
                        complaint.name,
                    )
                )

    def _check_window(self):
        """The request comes after the decision and within its 30 days."""
        self.ensure_one()
        complaint = self.complaint_id
        window = complaint._review_window_deadline()
        problem = cbirc2020.review_in_window(
            self.requested_at, complaint._review_decision_received_at(), window
        )
        if problem == "no_decision":
            raise ValidationError(
                _(
                    "No decision of complaint %s has reached the complainant "
                    "yet: a review can only be requested after the decision.",
                    complaint.name,
                )
            )
        if problem == "before_decision":
            raise ValidationError(
                _("A review request cannot come before the decision.")
            )
        if problem == "too_late":
            raise ValidationError(
                _(
                    "The review request of complaint %(name)s comes too late: "
                    "it had to be made by %(date)s (30 days after the decision "
                    "was received). "
                    "Register a new complaint if the complainant brings new "
                    "facts.",
                    name=complaint.name,
                    date=complaint._sla_format_datetime(window),
                )
            )

    # ====================================================== create / write
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if vals.get("result") or vals.get("result_note"):
                    raise UserError(
                        _(
                            "Register the request first: the result of the "
                            "review is written by its reviewer."
                        )
                    )
        reviews = super().create(vals_list)
        reviews._post_request_message()
        reviews.complaint_id._review_changed()
        return reviews

    def write(self, vals):
        if not self.env.su:
            self._check_review_write(vals)
        res = super().write(vals)
        if "requested_at" in vals:
            self.complaint_id._review_changed()
        return res

    def _check_review_write(self, vals):
        names = set(vals)
        if names & REVIEW_FROZEN_FIELDS and any(r.state == "decided" for r in self):
            raise UserError(
                _(
                    "The review of %s is decided: its request and result are "
                    "on record and can no longer be changed.",
                    self[:1].complaint_id.name,
                )
            )
        if names & REVIEW_DECISION_FIELDS:
            for review in self:
                review._check_decider()

    def _check_decider(self):
        """A reviewer or a manager decides, never the complaint's handler
        (four-eyes)."""
        self.ensure_one()
        if self.env.su:
            return
        user = self.env.user
        if not (user.has_group(REVIEWER) or user.has_group(MANAGER)):
            raise AccessError(
                _(
                    "Only users of group “%s” decide a review.",
                    self.env.ref(REVIEWER).sudo().full_name,
                )
            )
        self._check_not_handler()

    def _check_not_handler(self):
        self.ensure_one()
        if self.env.user == self.complaint_id.user_id:
            raise AccessError(
                _(
                    "You handled complaint %s: its review is decided by someone "
                    "else (four-eyes rule).",
                    self.complaint_id.name,
                )
            )

    # ============================================================ messages
    def _post_request_message(self):
        """Tell the complainant when the review will be decided."""
        for review in self:
            complaint = review.complaint_id
            complaint.message_post(
                body=_(
                    "Review requested; it is decided by %s.",
                    complaint._sla_format_datetime(review.deadline),
                ),
                partner_ids=complaint.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _notify_decision(self):
        """Tell the complainant the review's result."""
        for review in self:
            review.complaint_id.message_post(
                body=_("Review decision: %s", review.result_note),
                partner_ids=review.complaint_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    # ============================================================= action
    def action_decide(self):
        """Record the review's result and tell the complainant."""
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
            review._notify_decision()
        self.complaint_id._review_changed()
        return True
