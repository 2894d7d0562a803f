from odoo import api, fields, models

from ..tools import cbirc2020

APPROVAL_LEVELS = [
    (cbirc2020.LEVEL_INSTITUTION, "Handling Institution"),
    (cbirc2020.LEVEL_SUPERIOR, "Superior Institution"),
    (cbirc2020.LEVEL_HEAD_OFFICE, "Head-office Senior Manager"),
]


class ComplaintExtension(models.Model):
    """Approval level of an extension under the CBIRC 2020 measures.

    Art. 18: an extension up to 30 days from receipt is approved by the
    handling institution; beyond, up to 60 days, by the superior
    institution or a head-office senior manager.  One field records the
    level for every sector that follows the measures; it is written by the
    approval actions only (BASE-57).  Sector addons decide the level in
    ``_approval_level_on_approve`` and the threshold through the complaint's
    ``_extension_approval_threshold_deadline``.
    """

    _inherit = "complaint.extension"
    _workflow_fields = {"approval_level": "action_approve action_approve_superior"}

    approval_level = fields.Selection(
        APPROVAL_LEVELS,
        string="Approved At Level",
        readonly=True,
        copy=False,
        tracking=True,
    )
    superior_approval_required = fields.Boolean(
        string="Needs Superior Approval",
        compute="_compute_superior_approval_required",
        help="Beyond 30 days from receipt the superior institution or a "
        "head-office senior manager must approve (CBIRC 2020 No. 3, art. 18).",
    )

    @api.depends("complaint_id", "requested_deadline")
    def _compute_superior_approval_required(self):
        for ext in self:
            complaint = ext.complaint_id
            needs = False
            if complaint and ext.requested_deadline:
                threshold = complaint._extension_approval_threshold_deadline()
                needs = bool(threshold and ext.requested_deadline > threshold)
            ext.superior_approval_required = needs

    def _approval_level_on_approve(self):
        """Level recorded when the extension is approved (``False``: the
        complaint does not follow the 2020 measures).  Raises when the
        approver may not approve at that level."""
        self.ensure_one()
        if not self.complaint_id._cbirc2020_applies():
            return False
        if not self.superior_approval_required:
            return cbirc2020.LEVEL_INSTITUTION
        return self.approval_level or False

    def action_approve(self):
        levels = {}
        for ext in self:
            if ext.state in ("draft", "to_approve"):
                levels[ext.id] = ext._approval_level_on_approve()
        res = super().action_approve()
        for ext in self:
            level = levels.get(ext.id)
            if level and ext.approval_level != level:
                ext._workflow_write({"approval_level": level})
        return res
