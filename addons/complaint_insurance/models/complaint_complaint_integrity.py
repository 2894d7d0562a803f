from odoo import _, models
from odoo.addons.complaint_base.models.complaint_complaint import (
    COMPLAINT_WORKFLOW_FIELDS,
)
from odoo.addons.complaint_base.tools.workflow_guard import forbidden_on_write
from odoo.exceptions import UserError

_SLA = "SLA-engine"
#: BASE-57: insurance fields set by an action, the SLA engine or the
#: automatic upgrade, never typed (field -> who sets it)
INSURANCE_WORKFLOW_FIELDS = {
    "audit_report_deadline": _SLA,
    "audit_reported_at": "action_record_audit_report",
    "regulator_reply_at": "action_record_regulator_reply",
    "is_upgraded": "INS-04-upgrade",
    "upgrade_reason": "INS-04-upgrade",
    "liability_state": "action_decide_liability action_open_liability_dispute "
    "action_arbitrate",
    "rectification_deadline": _SLA,
    "rectification_reported_at": "action_record_rectification",
    "live_transfer_at": "action_live_transfer",
    "live_transfer_user_id": "action_live_transfer",
    "recheck_window_deadline": _SLA,
    "recheck_deadline": _SLA,
}
#: text -> the timestamp that records it: once recorded, the text is the
#: record of what was reported and is no longer edited (the form shows it
#: read-only; this holds for RPC too)
RECORDED_TEXTS = {
    "audit_report": "audit_reported_at",
    "regulator_reply": "regulator_reply_at",
    "rectification_report": "rectification_reported_at",
}
#: liability states in which the liable branch is the head office's or
#: waits for it
LIABILITY_LOCKED = ("disputed", "arbitrated")


class ComplaintComplaint(models.Model):
    """Workflow integrity of insurance complaints (BASE-57).

    The base protects the complaint's own workflow fields
    (``COMPLAINT_WORKFLOW_FIELDS``); this adds the insurance ones
    (``INSURANCE_WORKFLOW_FIELDS``), and freezes what a recorded step
    fixed: the texts reported to the audit department, the regulator and
    the complainant (the review is a complaint.review), the rectification report, and the
    liable branch while the head office arbitrates or once it has.
    """

    _inherit = "complaint.complaint"

    def _past_moment_fields(self):
        """INS-08/09/02: the escalation, the live call and the forwarding by
        the 12378 hotline drive deadlines: never in the future."""
        return super()._past_moment_fields() + (
            "external_escalation_at",
            "call_started_at",
            "regulator_forward_date",
        )

    _workflow_fields = dict(COMPLAINT_WORKFLOW_FIELDS, **INSURANCE_WORKFLOW_FIELDS)

    def _insurance_frozen_fields(self):
        """Field name -> why it is frozen, for one record."""
        self.ensure_one()
        frozen = {
            text: _("it was recorded as reported.")
            for text, stamp in RECORDED_TEXTS.items()
            if self[stamp]
        }
        if self.liability_state in LIABILITY_LOCKED:
            frozen["responsible_branch_id"] = _(
                "the liability is disputed or was arbitrated by the head office."
            )
        return frozen

    def write(self, vals):
        if not self.env.su:
            for rec in self:
                frozen = rec._insurance_frozen_fields()
                names = forbidden_on_write(vals, frozen)
                if names:
                    raise UserError(
                        _(
                            "Complaint %(name)s: %(fields)s can no longer be "
                            "changed, %(reason)s",
                            name=rec.name,
                            fields=", ".join(
                                f"“{self._fields[n]._description_string(self.env)}”"
                                for n in names
                            ),
                            reason=frozen[names[0]],
                        )
                    )
        return super().write(vals)
