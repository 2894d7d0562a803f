from odoo import _, fields, models
from odoo.addons.complaint_base.tools import cbirc2020
from odoo.exceptions import UserError


class ComplaintExtension(models.Model):
    """Extensions of bank complaints follow the regulation profile (BANK-01).

    * the total period never exceeds the profile's maximum (60 working days
      under the 2012 notice, 60 days under the 2020 measures);
    * under the 2020 measures an extension beyond 30 days needs the approval
      of the superior institution or of a head-office senior manager;
    * the customer gets an extension notice with the new date and the reason,
      logged with its proof (BANK-02);
    * the approver is not the requester (four-eyes, BASE-57) and the level
      at which it was approved (complaint_base's ``approval_level``, shared
      with the other sectors of the 2020 measures) is written by
      ``action_approve`` only.
    """

    _inherit = "complaint.extension"

    bank_notice_ids = fields.One2many(
        "complaint.bank.notice", "extension_id", string="Extension Notices"
    )

    def _bank_check_extension(self):
        """Check the profile's limits; return the approval level."""
        self.ensure_one()
        complaint = self.complaint_id
        fmt = complaint._sla_format_datetime
        limit = complaint._get_extension_limit_deadline()
        if limit and self.requested_deadline > limit:
            amount, unit = complaint._get_extension_cap()
            raise UserError(
                _(
                    "Complaint %(name)s cannot be extended to %(new)s: under "
                    "%(profile)s the decision is due within %(amount)s %(unit)s of "
                    "receipt at the latest, that is by %(limit)s.",
                    name=complaint.name,
                    new=fmt(self.requested_deadline),
                    profile=complaint._bank_profile_label(),
                    amount=amount,
                    unit=_("working days") if unit == "working_days" else _("days"),
                    limit=fmt(limit),
                )
            )
        self._check_four_eyes(
            self.requested_by,
            _("the extension of complaint %s", complaint.name),
        )
        threshold = complaint._bank_extension_threshold_deadline()
        if not threshold or self.requested_deadline <= threshold:
            return cbirc2020.LEVEL_INSTITUTION
        approvers = complaint._bank_long_extension_approvers()
        if self.env.user not in approvers:
            raise UserError(
                _(
                    "Extending complaint %(name)s beyond %(threshold)s needs the "
                    "approval of the superior institution or of a head-office "
                    "senior manager (%(approvers)s).",
                    name=complaint.name,
                    threshold=fmt(threshold),
                    approvers=", ".join(approvers.mapped("name"))
                    or _("none set: name the senior managers on the branches"),
                )
            )
        superior_manager = complaint.bank_superior_branch_id.bank_senior_manager_id
        return cbirc2020.approval_level(True, self.env.user == superior_manager)

    def _approval_level_on_approve(self):
        if self.complaint_id.sector != "banking":
            return super()._approval_level_on_approve()
        return self._bank_check_extension()
