from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..fields import SanitizedOnceHtml
from .complaint_complaint import HANDLER, REVIEWER, SATISFACTION


class ComplaintComplaint(models.Model):
    """Result, follow-up visit and closing review (BASE-40..44): the
    reply, the complainant's satisfaction, the substantiation and the
    reviewer's decision."""

    _inherit = "complaint.complaint"

    # ------------------------------------------------- result and follow-up

    resolution = SanitizedOnceHtml()
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

    # ========================================================== computes

    @api.depends("satisfaction")
    def _compute_satisfaction_score(self):
        for rec in self:
            rec.satisfaction_score = int(rec.satisfaction or 0)

    def _compute_capa_count(self):
        for rec in self:
            rec.capa_count = len(rec.capa_ids)

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

    # ========================================================= follow-up

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

    # ==================================================== closing review

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
