import logging

from odoo import _, api, fields, models

from .complaint_repair_order import ACTIVE_STATES, RUNNING_STATES

_logger = logging.getLogger(__name__)

#: BASE-57: the overdue flag is the watcher's
WATCH_WORKFLOW_FIELDS = {"is_overdue": "repair-watcher"}


class ComplaintRepairOrderWatch(models.Model):
    """The watcher of the work orders (every few minutes, as superuser).

    BASE-58: each order is handled in its own savepoint; a failure is
    logged with the order number and the order comes back at the next run
    (it still matches the search), while the others go on.  Texts it writes
    (chatter notes, activity summaries, complaint subjects) are in the
    language of the order's company, not in the language of the scheduler
    (issue 13).
    """

    _inherit = "complaint.repair.order"
    _workflow_fields = WATCH_WORKFLOW_FIELDS

    is_overdue = fields.Boolean(
        string="Overdue",
        readonly=True,
        copy=False,
        index=True,
        help="The deadline of the current step has passed (checked every few "
        "minutes).",
    )

    def write(self, vals):
        """An order whose state changed is no longer overdue once its
        current step is not late (in one write for the batch)."""
        res = super().write(vals)
        if "state" in vals and not self.env.context.get("repair_no_overdue_refresh"):
            now = fields.Datetime.now()
            stale = self.filtered(
                lambda order: order.is_overdue
                and not (
                    order.state in RUNNING_STATES
                    and order.next_deadline
                    and order.next_deadline < now
                )
            )
            if stale:
                stale._workflow_write({"is_overdue": False})
        return res

    def _company_env(self):
        """Environment in the language of the order's company."""
        self.ensure_one()
        lang = self.company_id.partner_id.lang or self.env.lang
        return self.with_context(lang=lang).env

    def _watch_each(self, records, what, method, *args):
        """Call ``record.<method>(*args)`` for each record in its own
        savepoint; log and skip the record on failure (BASE-58)."""
        for record in records:
            try:
                with self.env.cr.savepoint():
                    getattr(record, method)(*args)
            except Exception:  # pylint: disable=broad-except
                _logger.exception(
                    "Repair watcher: %s failed for work order %s; retried at "
                    "the next run.",
                    what,
                    record.name,
                )

    @api.model
    def _cron_repair_watch(self, now=None):
        """Every few minutes: overdue flags, daily progress reminders
        (PROP-04), and repairs beyond their limit turned into complaints."""
        now = now or fields.Datetime.now()
        orders = self.sudo()
        orders.search(
            [
                ("is_overdue", "=", True),
                "|",
                "|",
                ("state", "not in", RUNNING_STATES),
                ("next_deadline", "=", False),
                ("next_deadline", ">=", now),
            ]
        ).write({"is_overdue": False})
        newly = orders.search(
            [
                ("state", "in", RUNNING_STATES),
                ("next_deadline", "<", now),
                ("is_overdue", "=", False),
            ]
        )
        self._watch_each(newly, "overdue flag", "_flag_overdue")
        dragging = orders.search(
            [
                ("state", "in", ("draft",) + ACTIVE_STATES),
                ("complaint_id", "=", False),
                ("completion_limit", "<", now),
            ]
        )
        self._watch_each(dragging, "complaint creation", "_complain_dragging")
        orders._remind_progress(now)
        return True

    def _flag_overdue(self):
        self.ensure_one()
        self.write({"is_overdue": True})
        env = self._company_env()
        steps = dict(self._fields["next_step"]._description_selection(env))
        self.message_post(
            body=env._(
                "Overdue: %(step)s was due by %(deadline)s.",
                step=steps.get(self.next_step, "-"),
                deadline=self._format_local(self.next_deadline),
            ),
            subtype_xmlid="mail.mt_note",
        )
        owner = self.user_id or self._plan_manager_user()
        if owner:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=owner.id,
                summary=env._("Overdue work order %s", self.name),
            )

    def _complain_dragging(self):
        self.ensure_one()
        env = self._company_env()
        self._create_complaint(env._("Repair %s beyond its time limit", self.name))

    def _remind_progress(self, now):
        """PROP-04: a daily reminder to log the progress of long repairs."""
        orders = self.sudo().search(
            [("plan_required", "=", True), ("state", "in", ACTIVE_STATES)]
        )
        self._watch_each(orders, "progress reminder", "_remind_one", now)

    def _remind_one(self, now):
        self.ensure_one()
        activity_type = self.env.ref(
            "complaint_property.mail_activity_type_repair_progress"
        )
        today = self._local_date(now)
        if self.progress_ids.filtered(lambda p, d=today: p.date == d):
            return
        if self.activity_ids.filtered(
            lambda a, t=activity_type: a.activity_type_id == t
        ):
            return
        user = self.technician_id.user_id or self.user_id
        if not user:
            return
        self.activity_schedule(
            activity_type_id=activity_type.id,
            date_deadline=today,
            user_id=user.id,
            summary=self._company_env()._("Log today's progress of %s", self.name),
        )

    def _progress_logged(self, date):
        """Close the progress reminder once the day's line is written."""
        activity_type = self.env.ref(
            "complaint_property.mail_activity_type_repair_progress"
        )
        for order in self:
            reminders = order.activity_ids.filtered(
                lambda a, t=activity_type, d=date: a.activity_type_id == t
                and a.date_deadline <= d
            )
            reminders.action_feedback(feedback=_("Progress logged"))
