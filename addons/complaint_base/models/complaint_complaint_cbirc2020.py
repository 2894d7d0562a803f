from odoo import _, api, fields, models

from ..tools import cbirc2020
from ..tools import deadline as dl

#: states in which the complaint carries a decision
DECIDED_STATES = ("resolved", "review", "closed")


class ComplaintComplaint(models.Model):
    """The CBIRC 2020 No. 3 measures as an opt-in regulation.

    The measures regulate the consumer complaints of banks and insurers: an
    addon whose complaints follow them answers ``True`` in
    ``_cbirc2020_applies``; every other complaint keeps the base behaviour.
    The periods live in ``tools/cbirc2020.py``; this file holds what the
    complaint carries for them: the regulator-forwarded flag derived from
    the channel, the reviews (``complaint.review``) and the review hooks.
    """

    _inherit = "complaint.complaint"
    #: BASE-57: the review moments follow the complaint.review records
    _workflow_fields = {
        "review_requested_at": "complaint.review",
        "review_decided_at": "complaint.review",
    }

    regulator_forwarded = fields.Boolean(
        string="Forwarded by the Regulator",
        compute="_compute_regulator_forwarded",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Case forwarded by a regulator (12378 hotline, forwarding "
        "office): handled as the regulator asks and reported back.",
    )
    review_ids = fields.One2many(
        "complaint.review", "complaint_id", string="Reviews (2020 Measures)"
    )
    review_count = fields.Integer(compute="_compute_review_count")
    review_requested_at = fields.Datetime(
        string="Review Requested",
        compute="_compute_review_moments",
        store=True,
        precompute=True,
        help="When the latest review of the decision was requested.",
    )
    review_decided_at = fields.Datetime(
        string="Review Decided",
        compute="_compute_review_moments",
        store=True,
        precompute=True,
        help="When the latest review of the decision was decided.",
    )

    # ============================================================== hooks
    def _cbirc2020_applies(self):
        """True when the complaint follows the CBIRC 2020 measures (sector
        addons answer for their complaints)."""
        self.ensure_one()
        return False

    def _review_decision_received_at(self):
        """When the complainant received the decision: the review window
        runs from there (the reply, by default)."""
        self.ensure_one()
        return self.reply_at if self.state in DECIDED_STATES else False

    def _review_window_deadline(self):
        """Last moment to request a review: 30 days after the decision
        was received (DL-3)."""
        self.ensure_one()
        received = self._review_decision_received_at()
        if not received:
            return False
        amount, unit = cbirc2020.review_request_period()
        return dl.compute_deadline(received, amount, unit, self._get_sla_calendar())

    def _extension_approval_threshold_deadline(self):
        """Date beyond which an extension needs the superior institution's
        approval: 30 days from receipt, paused time added (``None`` when the
        measures do not apply)."""
        self.ensure_one()
        if not self._cbirc2020_applies() or not self.received_at:
            return None
        amount, unit = cbirc2020.approval_threshold()
        calendar = self._get_sla_calendar()
        limit = dl.compute_deadline(self.received_at, amount, unit, calendar)
        return self._add_sla_pause(
            limit, unit, self.received_at, calendar, amount=amount
        )

    def _review_changed(self):
        """A review was requested or decided: deadlines and SLA targets
        follow."""
        complaints = self.exists()
        if not complaints:
            return
        complaints.flush_recordset()
        complaints.sudo()._recompute_sla_deadlines()
        complaints.sudo()._sla_status_sync()

    def _pi_anonymise_children(self):
        """PIPL (BASE-55): a review's grounds and findings quote the
        complainant; its dates and result stay for the figures."""
        res = super()._pi_anonymise_children()
        reviews = self.sudo().with_context(active_test=False).review_ids
        if reviews:
            reviews.with_context(tracking_disable=True).write(
                {"grounds": _("Anonymised"), "result_note": False}
            )
        return res

    # ============================================================ computes
    @api.depends("channel_id.is_regulator", "sector")
    def _compute_regulator_forwarded(self):
        for rec in self:
            if rec._cbirc2020_applies():
                rec.regulator_forwarded = cbirc2020.regulator_forwarded(
                    rec.channel_id.is_regulator, rec.regulator_forwarded
                )
            else:
                rec.regulator_forwarded = rec.regulator_forwarded

    def _compute_review_count(self):
        for rec in self:
            rec.review_count = len(rec.review_ids)

    @api.depends("review_ids.requested_at", "review_ids.decided_at")
    def _compute_review_moments(self):
        for rec in self:
            latest = rec.review_ids.sorted(lambda r: (r.requested_at, r.id))[-1:]
            rec.review_requested_at = latest.requested_at
            rec.review_decided_at = latest.decided_at

    # ============================================================ actions
    def action_view_reviews(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Reviews"),
            "res_model": "complaint.review",
            "view_mode": "list,form",
            "domain": [("complaint_id", "=", self.id)],
            "context": {"default_complaint_id": self.id},
        }

    def action_request_review(self):
        """Open a new review request (the complainant disagrees with the
        decision)."""
        self.ensure_one()
        self._check_group("complaint_base.group_complaint_handler")
        return {
            "type": "ir.actions.act_window",
            "name": _("Review Request"),
            "res_model": "complaint.review",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }
