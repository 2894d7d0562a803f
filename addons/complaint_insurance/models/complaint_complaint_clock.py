from odoo import _, fields, models
from odoo.addons.complaint_base.tools import cbirc2020
from odoo.addons.complaint_base.tools import deadline as dl

from ..tools import insurance_rules as rules

#: sector kinds of SLA targets -> complaint fields
INSURANCE_DEADLINE_FIELDS = {
    "audit_report": "audit_report_deadline",
    "recheck_window": "recheck_window_deadline",
    "recheck": "recheck_deadline",
}
#: sector kinds of SLA targets -> complaint fields whose moment reaches them
INSURANCE_EVENT_FIELDS = {
    "audit_report": ("audit_reported_at",),
    "recheck": ("review_decided_at",),
}


class ComplaintComplaint(models.Model):
    """The clocks of insurance complaints (INS-02, INS-10).

    Insurance complaints follow the CBIRC 2020 measures (complaint_base
    ``tools/cbirc2020.py``): decision within 15 days, extension to 30 and,
    with the superior's approval, 60 days, notified pauses, and the review
    (``complaint.review``) requested within 30 days of the decision and
    decided within 30 days; plus the 12378 targets of INS-02.
    """

    _inherit = "complaint.complaint"

    # ------------------------------------------------------------- INS-10
    # SLA deadlines of the review (核查): the request and decision themselves
    # are complaint.review records (complaint_base)
    recheck_window_deadline = fields.Datetime(
        string="Review Request By",
        readonly=True,
        copy=False,
        help="The complainant may ask for a review (核查) within 30 days of "
        "the decision.",
    )
    recheck_deadline = fields.Datetime(
        string="Review Decision By", readonly=True, copy=False, index=True
    )

    # ========================================================== SLA hooks
    def _cbirc2020_applies(self):
        return self.sector == "insurance" or super()._cbirc2020_applies()

    def _sla_status_event_fields(self, kind):
        """INS-02/10: the audit report and the review decision reach their
        targets (issue 13: every SLA target watched)."""
        return INSURANCE_EVENT_FIELDS.get(kind) or super()._sla_status_event_fields(
            kind
        )

    def _sla_trigger_fields(self):
        return super()._sla_trigger_fields() | {
            "regulator_forwarded",
            "involves_violation",
            "reply_at",
            "review_requested_at",
        }

    def _sla_deadline_field(self, kind):
        return INSURANCE_DEADLINE_FIELDS.get(kind) or super()._sla_deadline_field(kind)

    def _sla_deadline_kinds(self):
        kinds = super()._sla_deadline_kinds() + list(INSURANCE_DEADLINE_FIELDS)
        return list(dict.fromkeys(kinds))

    def _earlier_target(self, current, regulatory):
        """The target whose deadline comes first: the regulation is a
        maximum, a stricter insurance policy keeps its own target."""
        if not current or not current.get("start"):
            return regulatory
        calendar = self._get_sla_calendar()

        def due(target):
            start = fields.Datetime.to_datetime(target["start"])
            return dl.compute_deadline(
                start, target["amount"], target["unit"], calendar
            )

        return current if due(current) <= due(regulatory) else regulatory

    def _get_sla_targets(self):
        """INS-02 and INS-10: the regulatory clocks of insurance complaints.

        * decision within 15 calendar days of receipt (DL-3), 2020 measures;
        * 12378 case: accepted within 1 working day, or reported to the audit
          department within 3 working days when it involves a violation
          (DL-2);
        * review (核查): request window of 30 days from the decision (the
          reply), decision within 30 days of the request.

        An SLA policy of the insurance sector keeps a target that is stricter
        than the regulation; generic policies never shorten these clocks.
        """
        targets = super()._get_sla_targets()
        if self.sector != "insurance":
            return targets
        received = self.received_at

        def target(amount, unit, start):
            return {"amount": amount, "unit": unit, "start": start}

        regulatory = {"resolution": target(*cbirc2020.resolution_period(), received)}
        for kind, (amount, unit) in rules.regulator_targets(
            self.regulator_forwarded, self.involves_violation
        ).items():
            regulatory[kind] = target(amount, unit, received)
        # A policy written for insurers may be stricter than the regulation;
        # a generic one (other sectors' internal targets) gives way to it.
        own_policy = self._get_sla_policy().sector == "insurance"
        for kind, value in regulatory.items():
            current = targets.get(kind) if own_policy else None
            targets[kind] = self._earlier_target(current, value)
        if self.reply_at:
            targets["recheck_window"] = target(
                *cbirc2020.review_request_period(), self.reply_at
            )
        if self.review_requested_at:
            targets["recheck"] = target(
                *cbirc2020.review_decision_period(), self.review_requested_at
            )
        return targets

    def _get_extension_cap(self):
        """INS-10: extensions reach at most 60 calendar days from receipt."""
        if self.sector == "insurance":
            return cbirc2020.extension_cap()
        return super()._get_extension_cap()

    # ============================================================= INS-10
    def _after_pause(self, reason, note):
        """INS-10: the complainant is told the handling time stops during an
        appraisal, a test or a mediation (2020 measures art. 18)."""
        res = super()._after_pause(reason, note)
        if cbirc2020.pause_notified(reason):
            label = self._sla_pause_reason_label(reason).lower()
            for rec in self._sector_records("insurance"):
                rec.message_post(
                    body=_(
                        "The handling time of complaint %(name)s stops during "
                        "the %(reason)s; we will tell you when it resumes.",
                        name=rec.name,
                        reason=label,
                    ),
                    partner_ids=rec.partner_id.ids,
                    subtype_xmlid="mail.mt_comment",
                )
        return res
