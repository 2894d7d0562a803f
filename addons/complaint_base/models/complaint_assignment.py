from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import assignment
from .complaint_complaint import HANDLER, OPEN_STATES

#: sorts a complaint without receipt time last
NOW_MAX = datetime.max
#: round robin looks this far back for each member's last assignment; a
#: member with none in this window counts as never assigned (first in line)
ROUND_ROBIN_WINDOW_DAYS = 60


class ComplaintComplaint(models.Model):
    """Assignment inside a team (BASE-14), see ``tools/assignment.py``.

    A complaint routed to a team without a handler gets one at registration
    (before the INSERT, ``_workflow_create_values``; after it for a
    complaint routed later) and on transfer (``action_transfer``) when the
    team's method is round robin or balanced.  ``action_assign`` is the
    manual (and bulk) assignment with the same checks.
    """

    _inherit = "complaint.complaint"

    assigned_at = fields.Datetime(
        string="Assigned",
        compute="_compute_assigned_at",
        store=True,
        precompute=True,
        copy=False,
        index=True,
        help="When the current handler was assigned.",
    )

    @api.depends("user_id")
    def _compute_assigned_at(self):
        now = fields.Datetime.now()
        for rec in self:
            rec.assigned_at = now if rec.user_id else False

    # ------------------------------------------------------------ figures
    @api.model
    def _assignment_open_counts(self, user_ids):
        """``{user_id: open complaints}`` over every team and company."""
        if not user_ids:
            return {}
        data = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [("user_id", "in", list(user_ids)), ("state", "in", OPEN_STATES)],
                ["user_id"],
                ["__count"],
            )
        )
        return {user.id: count for user, count in data}

    @api.model
    def _assignment_users_on_leave(self, user_ids, now=None):
        """Ids of the users whose own resource is on leave at ``now`` (the
        time off of Odoo's Time Off app, or a leave entered on the
        resource); public holidays (leaves without resource) don't count."""
        if not user_ids:
            return set()
        now = now or fields.Datetime.now()
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id.user_id", "in", list(user_ids)),
                    ("time_type", "=", "leave"),
                    ("date_from", "<=", now),
                    ("date_to", ">", now),
                ]
            )
        )
        return set(leaves.resource_id.user_id.ids)

    @api.model
    def _assignment_last_assigned(self, team, user_ids, now):
        """``{user_id: last time they received a complaint of team}``."""
        if not user_ids:
            return {}
        data = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("team_id", "=", team.id),
                    ("user_id", "in", list(user_ids)),
                    (
                        "assigned_at",
                        ">=",
                        now - timedelta(days=ROUND_ROBIN_WINDOW_DAYS),
                    ),
                ],
                ["user_id"],
                ["assigned_at:max"],
            )
        )
        return {user.id: last for user, last in data}

    def _assignment_needs_senior(self):
        """Major and regulator-forwarded complaints may be reserved to the
        team's senior members (sector addons may extend this)."""
        self.ensure_one()
        return (
            self.severity == "major"
            or self.regulator_involved
            or self.regulator_forwarded
        )

    def _assignment_excluded_users(self):
        """Users never chosen for this complaint: the recused (BASE-18) and,
        for a confidential complaint, those it is hidden from (BASE-54)."""
        self.ensure_one()
        users = self._recused_users()
        if self.is_confidential and "confidential_excluded_user_ids" in self._fields:
            users |= self.sudo().confidential_excluded_user_ids
        return users

    # --------------------------------------------------------- assignment
    def _needs_auto_assign(self):
        self.ensure_one()
        return bool(
            self.team_id
            and not self.user_id
            and self.state in OPEN_STATES
            and self.team_id.sudo().assignment_method != "manual"
        )

    def _choose_handlers(self):
        """``({complaint: user id}, complaints left without a handler)`` for
        ``self`` (stored or in-memory complaints that need one).  A batch
        is spread as if registered one by one, oldest first, each choice
        counted before the next one."""
        order = sorted(
            range(len(self)), key=lambda i: (self[i].received_at or NOW_MAX, i)
        )
        groups = {}
        for i in order:
            rec = self[i]
            groups.setdefault((rec.team_id.sudo(), rec.company_id), []).append(rec)
        members = {key: key[0]._assignment_members(key[1]) for key in groups}
        user_ids = list({uid for users in members.values() for uid in users.ids})
        open_counts = self._assignment_open_counts(user_ids)
        on_leave = self._assignment_users_on_leave(user_ids)
        now = fields.Datetime.now()
        chosen, missing, seq = {}, [], 0
        for (team, company), recs in groups.items():
            ids = members[(team, company)].ids
            caps, seniors = team._assignment_settings()
            last = self._assignment_last_assigned(team, ids, now)
            for rec in recs:
                senior_only = team.senior_only_major and rec._assignment_needs_senior()
                candidates = assignment.eligible_members(
                    ids,
                    on_leave=on_leave,
                    caps=caps,
                    open_counts=open_counts,
                    excluded=rec._assignment_excluded_users().ids,
                    seniors=seniors if senior_only else None,
                )
                uid = assignment.pick_member(
                    team.assignment_method, candidates, open_counts, last
                )
                if not uid:
                    missing.append(rec)
                    continue
                seq += 1
                moment = now + timedelta(microseconds=seq)
                assignment.record_assignment(uid, moment, open_counts, last)
                chosen[rec] = uid
        return chosen, missing

    def _auto_assign(self):
        """Give a handler to the open complaints of ``self`` that have a
        team (round robin or balanced) and none yet; log a note on those
        left without one.  Returns them."""
        todo = self.sudo().filtered(lambda r: r._needs_auto_assign())
        if not todo:
            return self.browse()
        chosen, missing = todo._choose_handlers()
        by_user = {}
        for rec, uid in chosen.items():
            by_user[uid] = by_user.get(uid, self.browse()) | rec
        for uid, recs in by_user.items():
            recs.sudo().write({"user_id": uid})
        missing = self.browse().concat(*missing)
        for rec in missing:
            rec._log_no_member_available()
        return missing

    def _log_no_member_available(self):
        env = self._front_lang_env()
        self._message_log(
            body=env._(
                "No member of team %s is available (on leave, at their cap or "
                "recused): assign a handler by hand.",
                self.team_id.sudo().name,
            )
        )

    def _workflow_create_values(self, vals_list):
        """BASE-14 at registration: the handler is chosen before the INSERT
        (after the routing filled the team), so the new row is written once."""
        given = [bool(vals.get("user_id")) for vals in vals_list]
        vals_list = super()._workflow_create_values(vals_list)
        self._drop_recused_routed_handlers(vals_list, given)
        todo = [v for v in vals_list if v.get("team_id") and not v.get("user_id")]
        teams = self.env["complaint.team"].sudo().browse({v["team_id"] for v in todo})
        if not teams.filtered(lambda t: t.assignment_method != "manual"):
            return vals_list
        records = self.browse().concat(*(self.new(vals) for vals in todo))
        needing = [r for r in records if r._needs_auto_assign()]
        if needing:
            chosen, _missing = self.browse().concat(*needing)._choose_handlers()
            for rec, vals in zip(records, todo, strict=True):
                if rec in chosen:
                    vals["user_id"] = chosen[rec]
        return vals_list

    def _drop_recused_routed_handlers(self, vals_list, given):
        """BASE-18: a handler the routing chose (any sector's) is dropped
        when recused; one the caller chose is kept, and refused by the
        recusal constraint with a clear message."""
        for vals, had in zip(vals_list, given, strict=True):
            if had or not vals.get("user_id"):
                continue
            if not (vals.get("employee_id") or vals.get("recusal_user_ids")):
                continue
            if vals["user_id"] in self.new(vals)._recused_users().ids:
                vals["user_id"] = False

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        # complaints routed after the INSERT, or left without a handler
        records._auto_assign()
        return records

    def action_transfer(self, team_id, user_id=False, reason=False):
        res = super().action_transfer(team_id, user_id=user_id, reason=reason)
        # the transfer may take the case out of the user's sight
        self.sudo()._auto_assign()
        return res

    def action_assign(self, user_id):
        """Make ``user_id`` the handler (manual or bulk assignment): an
        active member of the complaint's team, not recused (BASE-14/18)."""
        self._check_group(HANDLER)
        self._check_state(OPEN_STATES, _("assign"))
        user = self.env["res.users"].browse(user_id or []).exists()
        if not user:
            raise UserError(_("Choose the handler to assign."))
        for rec in self:
            rec._check_assignable(user, rec.team_id)
        # checked: the new handler sees the complainant's details, which
        # the assigning user may not (a leader dispatching the team's work)
        self._workflow_write({"user_id": user.id})
        return True

    def write(self, vals):
        """BASE-14/55: a handler named directly (the form, RPC) meets the
        conditions of ``action_assign``.  The handler sees the complainant's
        identifiers, so nobody makes themselves the handler of another
        team's complaint to read them."""
        if vals.get("user_id") and not self.env.su:
            self._check_group(HANDLER)
            user = self.env["res.users"].browse(vals["user_id"])
            team = self.env["complaint.team"].browse(vals.get("team_id") or [])
            for rec in self:
                rec._check_assignable(user, team or rec.team_id)
        return super().write(vals)

    def _check_assignable(self, user, team):
        """``user`` may handle this complaint of ``team``: a member of the
        team, or, without a team, an active internal user of its company."""
        self.ensure_one()
        if team:
            self._check_transfer_target(team, user)
            return
        user_sudo = user.sudo()
        if (
            not user_sudo.active
            or user_sudo.share
            or self.company_id not in user_sudo.company_ids
        ):
            raise UserError(
                _(
                    "%(user)s cannot handle complaint %(name)s: choose an "
                    "active user of company %(company)s.",
                    user=user_sudo.name,
                    name=self.name,
                    company=self.company_id.name,
                )
            )
