from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .complaint_complaint import HANDLER, OPEN_STATES

#: BASE-57: fields set by the merge only
MERGE_WORKFLOW_FIELDS = {
    "merged_into_id": "action_merge_into",
    "merged_at": "action_merge_into",
    "merge_clock_start": "action_merge_into",
    "state": "action_merge_into",
}


class ComplaintComplaint(models.Model):
    """Merge (BASE-15, 2020 measures): a repeat received while the original
    is being handled is merged into it.  Its messages (e-mails, comments
    and notes; the tracking history stays), attachments and followers move
    to the original, the two are linked, the repeat ends in state
    ``merged`` and leaves the statistics and the SLA.

    Same matter or new facts (BANK-01b): ``_merge_restarts_clock(target)``
    decides whether the merged facts restart the original's clock (base:
    never; banking: when the repeat brings new facts).  A restart records
    the repeat's receipt in ``merge_clock_start`` and the original's
    targets counted from its receipt count from then on.
    """

    _inherit = "complaint.complaint"
    _workflow_fields = MERGE_WORKFLOW_FIELDS

    state = fields.Selection(
        selection_add=[("merged", "Merged")],
        ondelete={"merged": "set default"},
    )
    merged_into_id = fields.Many2one(
        "complaint.complaint",
        string="Merged Into",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
    )
    merged_ids = fields.One2many(
        "complaint.complaint", "merged_into_id", string="Merged Repeats"
    )
    merged_count = fields.Integer(compute="_compute_merged_count")
    merged_at = fields.Datetime(string="Merged", readonly=True, copy=False)
    merge_clock_start = fields.Datetime(
        string="Clock Restarted",
        readonly=True,
        copy=False,
        help="A merged repeat brought new facts: the clock restarted from its "
        "receipt (BANK-01b).",
    )

    @api.depends("merged_ids")
    def _compute_merged_count(self):
        for rec in self:
            rec.merged_count = len(rec.merged_ids)

    # ====================================================== SLA clock hooks
    def _merge_restarts_clock(self, target):
        """True when merging ``self`` into ``target`` restarts the target's
        clock ("new facts"); False keeps the clock ("same matter").  The
        base never restarts; sector addons decide (banking: BANK-01b)."""
        self.ensure_one()
        return False

    def _sla_trigger_fields(self):
        return super()._sla_trigger_fields() | {"merge_clock_start"}

    def _get_sla_targets(self):
        """A restarted clock: targets counted from receipt count from the
        merged repeat's receipt."""
        targets = super()._get_sla_targets()
        restart = self.merge_clock_start
        if restart and self.received_at and restart > self.received_at:
            for target in targets.values():
                if target.get("start") == self.received_at:
                    target["start"] = restart
        return targets

    # =============================================================== merge
    def _check_merge_target(self, target):
        self.ensure_one()
        if not target or len(target) != 1:
            raise UserError(_("Choose the one complaint to merge %s into.", self.name))
        if target == self:
            raise UserError(_("A complaint cannot be merged into itself."))
        if target.company_id != self.company_id:
            raise UserError(
                _(
                    "Complaint %(target)s belongs to another company: %(name)s "
                    "cannot be merged into it.",
                    target=target.name,
                    name=self.name,
                )
            )
        if target.state not in OPEN_STATES:
            raise UserError(
                _(
                    "Complaint %s is no longer being handled: a repeat is merged "
                    "only into a complaint still open.",
                    target.name,
                )
            )

    def _merge_move_history(self, target):
        """Messages (not the tracking history), attachments and followers of
        ``self`` go to ``target``."""
        self.ensure_one()
        self.env["mail.message"].sudo().search(
            [
                ("model", "=", self._name),
                ("res_id", "=", self.id),
                ("message_type", "!=", "notification"),
            ]
        ).write({"res_id": target.id})
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "=", self.id)]
        ).write({"res_id": target.id})
        partners = self.sudo().message_partner_ids
        if partners:
            target.sudo().message_subscribe(partner_ids=partners.ids)
            self.sudo().message_unsubscribe(partner_ids=partners.ids)

    def action_merge_into(self, target):
        """BASE-15: merge these repeats into ``target`` (a complaint or id)."""
        self._check_group(HANDLER)
        self._check_state(OPEN_STATES, _("merge"))
        if not isinstance(target, models.BaseModel):
            target = self.browse(target if isinstance(target, int) else [])
        target = target.exists()
        if target:
            target.check_access("write")
        now = fields.Datetime.now()
        for rec in self:
            rec._check_merge_target(target)
            rec.check_access("write")
            restart = rec._merge_restarts_clock(target)
            rec._merge_move_history(target)
            rec._front_end_open_pauses(now)
            vals = {
                "state": "merged",
                "merged_into_id": target.id,
                "merged_at": now,
                "sla_paused": False,
                "sla_next_check": False,
            }
            if not rec.parent_id and target.parent_id != rec:
                vals["parent_id"] = target.id
            rec._workflow_write(vals)
            rec.message_post(
                body=_(
                    "Merged into complaint %s (repeat on the same matter).", target.name
                ),
                subtype_xmlid="mail.mt_note",
            )
            rec._merge_note_target(target, restart)
        return True

    def _merge_note_target(self, target, restart):
        self.ensure_one()
        body = _(
            "Complaint %s merged into this one: its messages, attachments and "
            "followers were moved here.",
            self.name,
        )
        if restart:
            start = max(target.merge_clock_start or self.received_at, self.received_at)
            target._workflow_write({"merge_clock_start": start})
            body += " " + _(
                "It brings new facts: the clock restarts from %s.",
                target._sla_format_datetime(start),
            )
        target.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")

    def action_open_merge_wizard(self):
        return self._open_wizard("complaint_base.action_complaint_merge_wizard")

    def action_open_merged(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Merged repeats"),
            "res_model": "complaint.complaint",
            "view_mode": "list,form",
            "domain": [("merged_into_id", "=", self.id)],
            "context": {"active_test": False},
        }
