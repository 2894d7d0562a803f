from odoo import _, fields, models
from odoo.exceptions import UserError

from ..tools import deadline as dl
from .complaint_complaint_deadlines import SLA_OPEN_STATES


class ComplaintComplaint(models.Model):
    """Clock pauses (BASE-56): waiting for the complainant, an appraisal,
    mediation...; the deadlines move by the paused time, counted in each
    target's own unit."""

    _inherit = "complaint.complaint"

    sla_paused = fields.Boolean(string="Clock Paused", copy=False, readonly=True)
    paused_seconds = fields.Float(
        string="Paused Time (s)",
        copy=False,
        readonly=True,
        help="Total duration of the finished clock pauses, in seconds.",
    )
    paused_hours = fields.Float(
        string="Paused Time (h)", compute="_compute_paused_hours"
    )
    sla_pause_ids = fields.One2many(
        "complaint.sla.pause", "complaint_id", string="Clock Pauses", readonly=True
    )

    def _compute_paused_hours(self):
        for rec in self:
            rec.paused_hours = (rec.paused_seconds or 0.0) / 3600.0

    def _get_sla_pauses(self, start):
        """Finished pauses that started at or after ``start`` (the start of
        a target's clock): ``(seconds, working days, calendar days)``."""
        self.ensure_one()
        seconds, days, calendar_days = 0.0, 0, 0
        calendar = None
        for pause in self.sla_pause_ids:
            if not pause.end or pause.start < start:
                continue
            seconds += pause.duration_seconds
            if calendar is None:
                calendar = self._get_sla_calendar()
            first = calendar.to_local(pause.start).date()
            last = calendar.to_local(pause.end).date()
            days += calendar.working_days_between(first, last)
            calendar_days += (last - first).days
        return seconds, max(days, 0), max(calendar_days, 0)

    def _add_sla_pause(self, deadline, unit, start, calendar, amount=None):
        """Push ``deadline`` by the paused time counted in the target's own
        unit (BASE-56): working days for working-day targets, calendar days
        for calendar-day targets (the paused days do not count, then DL-3
        rolls the last day to a working day), the exact seconds for clock
        units.  ``amount`` is the target's amount (needed for calendar days,
        so that the roll to a working day happens once, at the end)."""
        seconds, days, calendar_days = self._get_sla_pauses(start)
        if unit == "working_days":
            return dl.add_pause(deadline, paused_working_days=days, calendar=calendar)
        if unit == "calendar_days":
            if not calendar_days or amount is None:
                return deadline
            return dl.compute_deadline(start, amount + calendar_days, unit, calendar)
        return dl.add_pause(deadline, paused_seconds=seconds)

    def action_pause_sla(self, reason="waiting_complainant", note=False):
        """BASE-56: stop the SLA clock (waiting for the complainant, an
        external appraisal, mediation...)."""
        if isinstance(reason, dict):  # called from a button with a context
            reason = "waiting_complainant"
        self._check_group("complaint_base.group_complaint_handler")
        Pause = self.env["complaint.sla.pause"].sudo()
        now = fields.Datetime.now()
        label = self._sla_pause_reason_label(reason)
        for rec in self:
            if rec.sla_paused:
                raise UserError(
                    _("The clock of complaint %s is already paused.", rec.name)
                )
            if rec.state not in SLA_OPEN_STATES:
                raise UserError(
                    _(
                        "Complaint %s is no longer open: its clock cannot be "
                        "paused.",
                        rec.name,
                    )
                )
            rec._check_pause_reason(reason)
        for rec in self:
            Pause.create(
                {"complaint_id": rec.id, "reason": reason, "start": now, "note": note}
            )
            rec.check_access("write")
            rec.sudo().with_context(complaint_sla_recompute=True).write(
                {"sla_paused": True, "sla_next_check": False}
            )
            rec.message_post(
                body=_("SLA clock paused: %(reason)s.", reason=label),
                subtype_xmlid="mail.mt_note",
            )
        self._after_pause(reason, note)
        return True

    def _sla_pause_reason_label(self, reason):
        """The pause reason as the reader's language names it."""
        selection = self.env["complaint.sla.pause"]._fields["reason"]
        return dict(selection._description_selection(self.env)).get(reason, reason)

    def _check_pause_reason(self, reason):
        """Hook (DEVELOP.md): refuse a pause reason one complaint's rules do
        not accept (``UserError``); nothing is paused before every complaint
        of the batch passed."""
        self.ensure_one()

    def _after_pause(self, reason, note):
        """Hook (DEVELOP.md) run once the clocks are paused, e.g. telling the
        complainant that the handling time stops."""
        return True

    def action_resume_sla(self):
        """BASE-56: restart the clock; the deadlines move by the paused time."""
        self._check_group("complaint_base.group_complaint_handler")
        now = fields.Datetime.now()
        for rec in self:
            pause = rec.sla_pause_ids.filtered(lambda p: not p.end)
            if not rec.sla_paused or not pause:
                raise UserError(_("The clock of complaint %s is not paused.", rec.name))
            rec.check_access("write")
            pause.sudo().write({"end": now})
            rec.sudo().with_context(complaint_sla_recompute=True).write(
                {"sla_paused": False}
            )
            rec.sudo()._recompute_sla_deadlines()
            rec.message_post(
                body=_(
                    "SLA clock resumed after %(hours).1f hours; resolution "
                    "deadline now %(deadline)s.",
                    hours=sum(pause.mapped("duration_seconds")) / 3600.0,
                    deadline=rec._sla_format_datetime(rec.resolution_deadline),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_pause_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Pause the SLA Clock"),
            "res_model": "complaint.sla.pause.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }
