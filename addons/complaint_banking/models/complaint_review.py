from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import integrity

MANAGER_GROUP = "complaint_base.group_complaint_manager"
#: who reviews is set by the branch tree; a manager may reassign
REVIEW_ASSIGNMENT_FIELDS = frozenset({"superior_branch_id", "reviewer_id"})


class ComplaintReview(models.Model):
    """Review of a bank complaint decision (申请核查, BANK-08).

    The review itself (request, 30 + 30 days, decision, four-eyes, the
    complaint's visibility) is complaint_base's ``complaint.review`` of the
    CBIRC 2020 measures; banking adds the branch tree: the deciding branch,
    the reviewing (superior) branch and its senior manager as reviewer (a
    complaint manager may reassign), the notices to the customer (BANK-02),
    and the reopening of a complaint whose decision the review changed.
    The window runs from the customer's receipt of the decision letter.
    """

    _name = "complaint.review"
    _inherit = ["complaint.review", "complaint.bank.child"]
    _workflow_fields = {
        "result_notified_at": "action_decide",
        "branch_id": "action_bank_apply_review",
    }

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
    result_notified_at = fields.Datetime(readonly=True, copy=False)
    notice_ids = fields.One2many("complaint.bank.notice", "review_id")

    @api.constrains("grounds", "complaint_id")
    def _check_bank_grounds(self):
        for review in self:
            if (
                review.complaint_id.sector == "banking"
                and not (review.grounds or "").strip()
            ):
                raise ValidationError(
                    _("Give the grounds on which the customer asks for a review.")
                )

    def _is_bank(self):
        self.ensure_one()
        return self.complaint_id.sector == "banking"

    def _workflow_create_values(self, vals_list):
        """The deciding branch, the reviewing branch and its reviewer come
        from the branch tree (CBIRC 2020 No. 3 art. 19)."""
        Complaint = self.env["complaint.complaint"].sudo()
        for vals in vals_list:
            complaint = Complaint.browse(vals.get("complaint_id"))
            if complaint.sector != "banking":
                continue
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
    def _check_requested_at(self, value):
        requested = fields.Datetime.to_datetime(value)
        if integrity.is_future(requested, fields.Datetime.now()):
            raise ValidationError(
                _(
                    "A review application cannot be received in the future: "
                    "give the time the customer applied."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_requested_at(vals.get("requested_at"))
        reviews = super().create(vals_list)
        reviews.filtered(lambda r: r._is_bank())._notify_reviewer()
        return reviews

    def write(self, vals):
        if not self.env.su:
            self._check_bank_review_write(vals)
        return super().write(vals)

    def _check_bank_review_write(self, vals):
        names = set(vals)
        if "requested_at" in names:
            self._check_requested_at(vals["requested_at"])
        frozen = names & REVIEW_ASSIGNMENT_FIELDS
        if frozen and any(r.state == "decided" for r in self):
            raise UserError(
                _(
                    "The review of %s is decided: its application and result are "
                    "on record and can no longer be changed.",
                    self[:1].complaint_id.name,
                )
            )
        if frozen and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                _(
                    "The reviewing branch and its reviewer follow the branch tree: "
                    "only a complaint manager can reassign them."
                )
            )

    def _check_decider(self):
        """The reviewer of the superior branch or a complaint manager
        decides, never the handler of the complaint (four-eyes)."""
        if not self._is_bank():
            return super()._check_decider()
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
        self._check_not_handler()

    def _post_request_message(self):
        bank = self.filtered(lambda r: r._is_bank())
        super(ComplaintReview, self - bank)._post_request_message()
        for review in bank:
            complaint = review.complaint_id
            complaint.message_post(
                body=_(
                    "Review applied for on %(date)s; reviewed by %(branch)s, "
                    "decision due by %(deadline)s.",
                    date=complaint._sla_format_datetime(review.requested_at),
                    branch=review.superior_branch_id.display_name or "-",
                    deadline=complaint._sla_format_datetime(review.deadline),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _notify_reviewer(self):
        for review in self.filtered("reviewer_id"):
            review.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=review.complaint_id._bank_local_date(review.deadline),
                user_id=review.reviewer_id.id,
                summary=_("Review the decision of %s", review.complaint_id.name),
                note=review.grounds,
            )

    def _notify_decision(self):
        """BANK-02/08: the customer gets the review result as a notice; a
        changed decision reopens the complaint."""
        bank = self.filtered(lambda r: r._is_bank())
        super(ComplaintReview, self - bank)._notify_decision()
        for review in bank:
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
