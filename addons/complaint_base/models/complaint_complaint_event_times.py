from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import receipt
from .complaint_complaint import HANDLER, OPEN_STATES

#: BASE-27/57: the recorded times of the complainant's events that stop
#: SLA clocks (first response): set by a handler while the complaint is
#: open, between its receipt and now; afterwards only the workflow's own
#: actions write them (``action_resolve`` records the reply)
EVENT_TIME_FIELDS = ("contacted_at", "reply_at")


class ComplaintComplaint(models.Model):
    """The event times a handler records by hand (the first contact, the
    reply) decide whether an SLA target was met: they hold the same rules
    at the model boundary as in the form (issue: SLA results rewritten by
    the lowest group on a closed complaint)."""

    _inherit = "complaint.complaint"

    def _past_moment_fields(self):
        """Hook: complaint fields recording a moment that has happened (a
        forwarding, an escalation, a call): never in the future, whoever
        writes them, since deadlines and escalations are computed from
        them (BASE-57).  Sector addons add theirs with ``super()``."""
        return ()

    def _check_past_moments(self, vals):
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        for name in self._past_moment_fields():
            if not vals.get(name):
                continue
            field = self._fields[name]
            if field.type == "date":
                future = fields.Date.to_date(vals[name]) > today
            else:
                moment = fields.Datetime.to_datetime(vals[name])
                future = receipt.event_time_problem(moment, None, now) == "future"
            if future:
                raise self._event_time_error(name, "future")

    def _event_time_error(self, name, problem):
        """The refusal of a recorded time of field ``name``: ``problem`` as
        classified by ``receipt.event_time_problem``."""
        return ValidationError(
            _(
                "“%(field)s” cannot be %(when)s.",
                field=self._fields[name]._description_string(self.env),
                when=_("in the future")
                if problem == "future"
                else _("earlier than the complaint's receipt"),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_past_moments(vals)
                # a form sends every field: an empty time is no event
                given = {
                    name: vals[name] for name in EVENT_TIME_FIELDS if vals.get(name)
                }
                self._check_event_times(given, received=vals.get("received_at"))
        return super().create(vals_list)

    def write(self, vals):
        if self.env.su:
            return super().write(vals)
        self._check_past_moments(vals)
        if any(name in vals for name in EVENT_TIME_FIELDS):
            closed = self.filtered(lambda rec: rec.state not in OPEN_STATES)
            if closed:
                raise UserError(
                    _(
                        "Complaint %s is no longer open: the times of its first "
                        "contact and of its reply can no longer be changed.",
                        closed[0].name,
                    )
                )
            for rec in self:
                rec._check_event_times(vals, received=rec.received_at)
        return super().write(vals)

    def _check_event_times(self, vals, received=None):
        """BASE-27/57: only a handler records the first contact and the
        reply, never in the future nor before the complaint was received."""
        given = [name for name in EVENT_TIME_FIELDS if name in vals]
        if not given:
            return
        if not self.env.user.has_group(HANDLER):
            raise AccessError(
                _(
                    "Only a handler records when the complainant was contacted "
                    "or answered (use “Complainant Contacted” or “Resolve and Reply”)."
                )
            )
        now = fields.Datetime.now()
        received = fields.Datetime.to_datetime(received) or now
        for name in (name for name in given if vals[name]):
            moment = fields.Datetime.to_datetime(vals[name])
            problem = receipt.event_time_problem(moment, received, now)
            if problem:
                raise self._event_time_error(name, problem)
