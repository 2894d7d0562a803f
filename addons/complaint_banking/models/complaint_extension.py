from odoo import _, api, fields, models
from odoo.exceptions import UserError

#: BASE-57: the level at which a bank extension was approved
BANK_EXTENSION_FIELDS = {"bank_approval_level": "action_approve"}


class ComplaintExtension(models.Model):
    """Extensions of bank complaints follow the regulation profile (BANK-01).

    * the total period never exceeds the profile's maximum (60 working days
      under the 2012 notice, 60 days under the 2020 measures);
    * under the 2020 measures an extension beyond 30 days needs the approval
      of the superior institution or of a head-office senior manager;
    * the customer gets an extension notice with the new date and the reason,
      logged with its proof (BANK-02);
    * the approver is not the requester (four-eyes, BASE-57) and the level
      at which it was approved is written by ``action_approve`` only.
    """

    _inherit = "complaint.extension"
    #: merged with the other addons' sets by complaint.workflow.guard
    _workflow_fields = BANK_EXTENSION_FIELDS

    bank_needs_superior_approval = fields.Boolean(
        string="Needs Superior Approval",
        compute="_compute_bank_needs_superior_approval",
        help="Beyond 30 days the superior institution or a head-office senior "
        "manager must approve (CBIRC 2020 No. 3, art. 23).",
    )
    bank_approval_level = fields.Selection(
        [
            ("institution", "Handling Institution"),
            ("superior", "Superior Institution"),
            ("head_office", "Head-office Senior Manager"),
        ],
        string="Approved At Level",
        readonly=True,
        copy=False,
    )
    bank_notice_ids = fields.One2many(
        "complaint.bank.notice", "extension_id", string="Extension Notices"
    )

    @api.depends("complaint_id", "requested_deadline")
    def _compute_bank_needs_superior_approval(self):
        for ext in self:
            complaint = ext.complaint_id
            needs = False
            if complaint.sector == "banking" and ext.requested_deadline:
                threshold = complaint._bank_extension_threshold_deadline()
                needs = bool(threshold and ext.requested_deadline > threshold)
            ext.bank_needs_superior_approval = needs

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
            return "institution"
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
        return "superior" if self.env.user == superior_manager else "head_office"

    def action_approve(self):
        banking = self.filtered(lambda e: e.complaint_id.sector == "banking")
        levels = {}
        for ext in banking:
            if ext.state in ("draft", "to_approve"):
                levels[ext.id] = ext._bank_check_extension()
        res = super().action_approve()
        for ext in banking:
            ext._workflow_write({"bank_approval_level": levels.get(ext.id)})
        return res
