from odoo import api, fields, models
from odoo.addons.complaint_base.tools import deadline as dl

from ..tools import profiles
from .complaint_complaint import OPEN_STATES


class ComplaintComplaint(models.Model):
    """The decision clock of bank complaints (BANK-01a/b): the profile's
    periods, repeats merged with their original (shared clock) or restarted
    by new facts, the review window after the decision (BANK-08), and the
    extension caps and threshold through complaint_base's SLA hooks.
    """

    _inherit = "complaint.complaint"

    bank_review_deadline = fields.Datetime(
        string="Review Application Deadline",
        compute="_compute_bank_review_deadline",
        store=True,
        precompute=True,
    )
    # ----------------------------------------- BANK-01b repeat handling
    bank_new_facts = fields.Boolean(
        string="New Facts or Reasons",
        tracking=True,
        help="A repeat complaint with new facts or reasons is a new complaint "
        "with its own clock; without, it is merged with the original.",
    )
    bank_is_merged = fields.Boolean(
        string="Merged Repeat",
        compute="_compute_bank_is_merged",
        store=True,
        precompute=True,
        help="Repeat on the same matter while the original is still being "
        "handled: it shares the original's deadline and is not counted again "
        "in the statistics.",
    )

    # ============================================================ computes
    @api.depends("bank_decision_notified_at", "company_id")
    def _compute_bank_review_deadline(self):
        amount, unit = profiles.REVIEW_APPLICATION_PERIOD
        for rec in self:
            if rec.bank_decision_notified_at:
                rec.bank_review_deadline = dl.compute_deadline(
                    rec.bank_decision_notified_at,
                    amount,
                    unit,
                    rec._get_sla_calendar(),
                )
            else:
                rec.bank_review_deadline = False

    @api.depends("parent_id", "bank_new_facts", "sector")
    def _compute_bank_is_merged(self):
        for rec in self:
            rec.bank_is_merged = rec.sector == "banking" and profiles.is_merged_repeat(
                bool(rec.parent_id),
                rec.parent_id.state in OPEN_STATES,
                rec.bank_new_facts,
            )

    # ========================================================= SLA hooks
    def _sla_trigger_fields(self):
        return super()._sla_trigger_fields() | {
            "bank_complexity",
            "bank_new_facts",
            "parent_id",
            "bank_forwarding_deadline",
        }

    def _bank_clock_start(self):
        """Start of the decision clock: the receipt, or the original's
        receipt for a merged repeat (BANK-01b)."""
        self.ensure_one()
        parent = self.parent_id
        start = profiles.clock_start(
            self.received_at,
            parent.received_at if parent else None,
            parent.state in OPEN_STATES if parent else False,
            self.bank_new_facts,
        )
        # a repeat with new facts merged into this complaint restarts it
        if self.merge_clock_start and self.merge_clock_start > start:
            start = self.merge_clock_start
        return start

    def _merge_restarts_clock(self, target):
        """BANK-01b: a repeat merged into the original shares its clock,
        unless it brings new facts."""
        if self.sector != "banking":
            return super()._merge_restarts_clock(target)
        return bool(self.bank_new_facts)

    def _get_sla_targets(self):
        """BANK-01: the resolution deadline follows the regulation profile
        (and an earlier date set by a forwarding regulator, BANK-03)."""
        targets = super()._get_sla_targets()
        if self.sector != "banking" or not self.received_at:
            return targets
        start = self._bank_clock_start()
        amount, unit = profiles.resolution_target(
            self.bank_profile, self.bank_complexity or "simple"
        )
        target = {"amount": amount, "unit": unit, "start": start}
        if self.bank_forwarding_deadline:
            # the forwarding office's date is kept as given (end of that day,
            # no roll-over): expressed as clock hours from the start
            calendar = self._get_sla_calendar()
            end = dl.end_of_local_day(self.bank_forwarding_deadline, calendar.tz)
            if end > start and end < dl.compute_deadline(start, amount, unit, calendar):
                hours = (end - start).total_seconds() / 3600.0
                target = {"amount": hours, "unit": "hours", "start": start}
        targets["resolution"] = target
        return targets

    def _get_extension_cap(self):
        """BANK-01: 60 working days (2012) or 60 days (2020) in total.

        With the context key ``bank_extension_threshold`` it returns the
        total beyond which the superior institution must approve (2020)."""
        if self.sector != "banking":
            return super()._get_extension_cap()
        self.ensure_one()
        if self.env.context.get("bank_extension_threshold"):
            return profiles.approval_threshold(self.bank_profile)
        return profiles.extension_cap(self.bank_profile)

    def _get_extension_limit_deadline(self):
        """Counted from the clock start (the original's receipt for a
        merged repeat), with the clock pauses added."""
        if self.sector != "banking":
            return super()._get_extension_limit_deadline()
        self.ensure_one()
        start = self._bank_clock_start()
        if start == self.received_at:
            return super()._get_extension_limit_deadline()
        cap = self._get_extension_cap()
        if not cap:
            return None
        calendar = self._get_sla_calendar()
        limit = dl.compute_deadline(start, cap[0], cap[1], calendar)
        return self._add_sla_pause(limit, cap[1], start, calendar, amount=cap[0])

    def _bank_extension_threshold_deadline(self):
        """Date beyond which an extension needs the superior's approval
        (``None`` under the 2012 notice)."""
        self.ensure_one()
        return self.with_context(
            bank_extension_threshold=True
        )._get_extension_limit_deadline()

    def _extension_approval_threshold_deadline(self):
        """The 2020 profile's approval threshold, from the clock start (a
        merged repeat counts from its original); none under the 2012
        notice."""
        if self.sector != "banking":
            return super()._extension_approval_threshold_deadline()
        return self._bank_extension_threshold_deadline()

    def _review_decision_received_at(self):
        """BANK-08: the review window runs from the customer's receipt of
        the decision letter."""
        if self.sector != "banking":
            return super()._review_decision_received_at()
        return self.bank_decision_notified_at

    def _review_window_deadline(self):
        if self.sector != "banking":
            return super()._review_window_deadline()
        return self.bank_review_deadline

    def _bank_profile_label(self):
        self.ensure_one()
        return dict(
            self.company_id._fields["complaint_bank_profile"]._description_selection(
                self.env
            )
        ).get(self.bank_profile, self.bank_profile or "")
