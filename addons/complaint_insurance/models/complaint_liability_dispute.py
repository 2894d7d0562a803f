from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

MANAGER_GROUP = "complaint_base.group_complaint_manager"
HANDLER_GROUP = "complaint_base.group_complaint_handler"
#: the facts of the dispute, fixed when it is raised
DISPUTE_FACTS = ("complaint_id", "raised_by_branch_id", "proposed_branch_id", "reason")
#: the head office's decision, fixed when it is arbitrated
DECISION_FIELDS = ("decided_branch_id", "decision")


class ComplaintLiabilityDispute(models.Model):
    """A dispute on which branch is liable for an off-site complaint,
    arbitrated by the head office (INS-05, seed 000 第二条(二)4(2)③).

    Integrity (BASE-57): the arbitration state, the arbitrator and the date
    are written by ``action_arbitrate`` only; the facts of the dispute are
    fixed once raised, and the decision is written by a complaint manager
    and fixed once arbitrated.  A dispute is part of the complaint file: it
    follows its complaint's visibility (``complaint.child.access``) and is
    not deleted, except with the complaint's destruction.
    """

    _name = "complaint.liability.dispute"
    _description = "Complaint Liability Dispute"
    _inherit = [
        "complaint.workflow.guard",
        "complaint.insurance.frozen",
        "complaint.child.access",
        "mail.thread",
    ]
    _order = "id desc"
    _rec_name = "complaint_id"
    _workflow_fields = {
        "company_id": "create",
        "state": "action_arbitrate",
        "decided_by": "action_arbitrate",
        "decided_at": "action_arbitrate",
    }

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
    raised_by_branch_id = fields.Many2one(
        "complaint.insurance.branch",
        string="Disputed By",
        required=True,
        help="Branch that contests the liability.",
    )
    proposed_branch_id = fields.Many2one(
        "complaint.insurance.branch",
        string="Branch Held Liable",
        help="Branch the liability was given to when the dispute was raised.",
    )
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [("open", "Waiting for Arbitration"), ("decided", "Arbitrated")],
        default="open",
        required=True,
        tracking=True,
        copy=False,
    )
    decided_branch_id = fields.Many2one(
        "complaint.insurance.branch", string="Liable Branch (Decision)", tracking=True
    )
    decision = fields.Text(tracking=True)
    decided_by = fields.Many2one("res.users", readonly=True, copy=False)
    decided_at = fields.Datetime(readonly=True, copy=False)

    def _frozen_fields(self):
        """The facts are fixed once the dispute is raised; the decision is
        a manager's, until the arbitration fixes it."""
        self.ensure_one()
        frozen = dict.fromkeys(
            DISPUTE_FACTS, _("the dispute was raised: the head office arbitrates it.")
        )
        if self.state != "open" or not self.env.user.has_group(MANAGER_GROUP):
            decision = _(
                "only the head office's complaint managers write the decision, "
                "before they arbitrate."
            )
            frozen.update(dict.fromkeys(DECISION_FIELDS, decision))
        return frozen

    @api.ondelete(at_uninstall=False)
    def _unlink_except_file(self):
        if not self.env.su:
            raise UserError(
                _(
                    "A liability dispute is part of the complaint file: the head "
                    "office arbitrates it, it is not deleted."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(HANDLER_GROUP):
            raise AccessError(_("Only a complaint handler can dispute the liability."))
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            for vals in vals_list:
                if any(vals.get(name) for name in DECISION_FIELDS):
                    raise UserError(
                        _(
                            "Only the head office's complaint managers write the "
                            "arbitration decision."
                        )
                    )
        disputes = super().create(vals_list)
        for dispute in disputes:
            complaint = dispute.complaint_id
            if complaint.liability_state == "arbitrated":
                raise UserError(
                    _(
                        "The head office already arbitrated the liability of "
                        "complaint %s.",
                        complaint.name,
                    )
                )
            if complaint.liability_state == "disputed":
                raise UserError(
                    _(
                        "The liability of complaint %s is already disputed: the "
                        "head office arbitrates it.",
                        complaint.name,
                    )
                )
            complaint._workflow_write({"liability_state": "disputed"})
            complaint.message_post(
                body=_(
                    "%(branch)s disputes the liability: %(reason)s. The head "
                    "office arbitrates.",
                    branch=dispute.raised_by_branch_id.complete_name,
                    reason=dispute.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return disputes

    def action_arbitrate(self):
        """The head office decides the liable branch."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                _("Only the head office's complaint managers arbitrate liability.")
            )
        for dispute in self:
            if dispute.state != "open":
                raise UserError(_("This dispute was already arbitrated."))
            if not dispute.decided_branch_id or not (dispute.decision or "").strip():
                raise UserError(
                    _("Choose the liable branch and write the decision first.")
                )
            dispute._workflow_write(
                {
                    "state": "decided",
                    "decided_by": self.env.user.id,
                    "decided_at": fields.Datetime.now(),
                }
            )
            complaint = dispute.complaint_id
            complaint._workflow_write(
                {
                    "responsible_branch_id": dispute.decided_branch_id.id,
                    "liability_state": "arbitrated",
                }
            )
            complaint.message_post(
                body=_(
                    "Head-office arbitration: %(branch)s is liable. %(decision)s",
                    branch=dispute.decided_branch_id.complete_name,
                    decision=dispute.decision,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
