from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class ComplaintLiabilityDispute(models.Model):
    """A dispute on which branch is liable for an off-site complaint,
    arbitrated by the head office (INS-05, seed 000 第二条(二)4(2)③)."""

    _name = "complaint.liability.dispute"
    _description = "Complaint Liability Dispute"
    _inherit = ["mail.thread"]
    _order = "id desc"
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

    @api.model_create_multi
    def create(self, vals_list):
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
            complaint.write({"liability_state": "disputed"})
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
        if not self.env.user.has_group("complaint_base.group_complaint_manager"):
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
            dispute.write(
                {
                    "state": "decided",
                    "decided_by": self.env.user.id,
                    "decided_at": fields.Datetime.now(),
                }
            )
            complaint = dispute.complaint_id
            complaint.write(
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
