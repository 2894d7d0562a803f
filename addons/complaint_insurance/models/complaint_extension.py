from odoo import _, api, fields, models
from odoo.addons.complaint_base.models.complaint_extension import (
    ComplaintExtension as BaseExtension,
)
from odoo.exceptions import UserError

from ..tools import insurance_rules as rules

MANAGER_GROUP = "complaint_base.group_complaint_manager"
_SUPERIOR = "action_approve_superior"


class ComplaintExtension(models.Model):
    """INS-10 (2020 measures art. 18): an insurance complaint may be extended
    to 30 days; beyond that, up to 60 days, only with the approval of the
    superior institution or a head-office senior manager, recorded here.

    The superior approval is a four-eyes step (BASE-57): it is recorded by
    ``action_approve_superior`` only, by a complaint manager who is not the
    requester, once the request is submitted (its date can then no longer
    move); the approval cannot be written directly.  It is fixed by the
    regulation, so it is coded rather than configured (see
    readme/CONFIGURE.md on OCA ``base_tier_validation``).
    """

    _inherit = "complaint.extension"
    _workflow_fields = dict(
        BaseExtension._workflow_fields,
        superior_approved=_SUPERIOR,
        superior_approved_by=_SUPERIOR,
        superior_approved_at=_SUPERIOR,
    )

    superior_approval_required = fields.Boolean(
        compute="_compute_superior_approval_required",
        help="The new date is more than 30 days after receipt: the superior "
        "institution or a head-office senior manager must approve.",
    )
    superior_approved = fields.Boolean(
        string="Approved by Superior Institution",
        readonly=True,
        copy=False,
        tracking=True,
        groups="complaint_base.group_complaint_manager",
        help="The superior institution or a head-office senior manager "
        "approved an extension beyond 30 days.",
    )
    superior_approved_by = fields.Many2one(
        "res.users", string="Superior Approval By", readonly=True, copy=False
    )
    superior_approved_at = fields.Datetime(
        string="Superior Approval On", readonly=True, copy=False
    )

    @api.depends("complaint_id", "requested_deadline")
    def _compute_superior_approval_required(self):
        for ext in self:
            complaint = ext.complaint_id
            ext.superior_approval_required = bool(
                complaint.sector == "insurance"
                and ext.requested_deadline
                and ext.requested_deadline
                > complaint._get_insurance_extension_limit(rules.EXTENSION_DAYS)
            )

    def action_approve_superior(self):
        """INS-10: the superior institution's (or a head-office senior
        manager's) approval of an extension beyond 30 days, by someone else
        than the requester (four-eyes)."""
        self._check_manager()
        for ext in self:
            if ext.state != "to_approve":
                # submitted: the date approved can no longer move (BASE-57)
                raise UserError(
                    _(
                        "Submit the extension request of %s first: the superior "
                        "institution approves a submitted date.",
                        ext.complaint_id.name,
                    )
                )
            if not ext.superior_approval_required:
                raise UserError(
                    _(
                        "The extension of %(name)s stays within %(days)s days: "
                        "no superior approval is needed.",
                        name=ext.complaint_id.name,
                        days=rules.EXTENSION_DAYS,
                    )
                )
            if ext.superior_approved_by:
                raise UserError(_("The superior approval is already recorded."))
            ext._check_four_eyes(
                ext.requested_by, _("the extension of %s", ext.complaint_id.name)
            )
            ext._workflow_write(
                {
                    "superior_approved": True,
                    "superior_approved_by": self.env.user.id,
                    "superior_approved_at": fields.Datetime.now(),
                }
            )
        return True

    def action_approve(self):
        self._check_manager()
        for ext in self:
            if ext.superior_approval_required and not ext.sudo().superior_approved:
                raise UserError(
                    _(
                        "Complaint %(name)s would be extended beyond %(days)s days "
                        "from receipt: record the approval of the superior "
                        "institution or a head-office senior manager first.",
                        name=ext.complaint_id.name,
                        days=rules.EXTENSION_DAYS,
                    )
                )
        return super().action_approve()
