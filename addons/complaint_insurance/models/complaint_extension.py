from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import insurance_rules as rules


class ComplaintExtension(models.Model):
    """INS-10 (2020 measures art. 18): an insurance complaint may be extended
    to 30 days; beyond that, up to 60 days, only with the approval of the
    superior institution or a head-office senior manager, recorded here."""

    _inherit = "complaint.extension"

    superior_approval_required = fields.Boolean(
        compute="_compute_superior_approval_required",
        help="The new date is more than 30 days after receipt: the superior "
        "institution or a head-office senior manager must approve.",
    )
    superior_approved = fields.Boolean(
        string="Approved by Superior Institution",
        copy=False,
        tracking=True,
        groups="complaint_base.group_complaint_manager",
        help="The superior institution or a head-office senior manager "
        "approved an extension beyond 30 days.",
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

    def action_approve(self):
        self._check_manager()
        for ext in self:
            if ext.superior_approval_required and not ext.superior_approved:
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
