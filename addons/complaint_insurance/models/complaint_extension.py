from odoo import _, fields, models
from odoo.addons.complaint_base.tools import cbirc2020
from odoo.exceptions import UserError

_SUPERIOR = "action_approve_superior"


class ComplaintExtension(models.Model):
    """INS-10 (2020 measures art. 18): an insurance complaint may be extended
    to 30 days; beyond that, up to 60 days, only with the approval of the
    superior institution or a head-office senior manager, recorded here.

    The threshold and the approval level (``approval_level``,
    ``superior_approval_required``) are complaint_base's, shared with every
    sector that follows the 2020 measures.  The superior approval is a
    four-eyes step (BASE-57): it is recorded by ``action_approve_superior``
    only, by a complaint manager who is not the requester, once the request
    is submitted (its date can then no longer move); the approval cannot be
    written directly.  It is fixed by the regulation, so it is coded rather
    than configured (see readme/CONFIGURE.md on OCA ``base_tier_validation``).
    """

    _inherit = "complaint.extension"
    _workflow_fields = {
        "superior_approved_by": _SUPERIOR,
        "superior_approved_at": _SUPERIOR,
    }

    superior_approved_by = fields.Many2one(
        "res.users", string="Superior Approval By", readonly=True, copy=False
    )
    superior_approved_at = fields.Datetime(
        string="Superior Approval On", readonly=True, copy=False
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
                        days=cbirc2020.APPROVAL_THRESHOLD_DAYS,
                    )
                )
            if ext.superior_approved_by:
                raise UserError(_("The superior approval is already recorded."))
            ext._check_four_eyes(
                ext.requested_by, _("the extension of %s", ext.complaint_id.name)
            )
            ext._workflow_write(
                {
                    "approval_level": cbirc2020.LEVEL_SUPERIOR,
                    "superior_approved_by": self.env.user.id,
                    "superior_approved_at": fields.Datetime.now(),
                }
            )
        return True

    def _approval_level_on_approve(self):
        """INS-10: beyond 30 days the superior approval comes first."""
        if (
            self.complaint_id.sector == "insurance"
            and self.superior_approval_required
            and not self.approval_level
        ):
            raise UserError(
                _(
                    "Complaint %(name)s would be extended beyond %(days)s days "
                    "from receipt: record the approval of the superior "
                    "institution or a head-office senior manager first.",
                    name=self.complaint_id.name,
                    days=cbirc2020.APPROVAL_THRESHOLD_DAYS,
                )
            )
        return super()._approval_level_on_approve()
