from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import UserError

from .complaint_complaint import HANDLER, OPEN_STATES

#: BASE-57: fields set by the withdrawal only
WITHDRAWAL_WORKFLOW_FIELDS = {
    "withdrawn_at": "action_withdraw",
    "withdrawal_reason": "action_withdraw",
    "state": "action_withdraw",
}


class ComplaintComplaint(models.Model):
    """Withdrawal (撤回, BASE-16): the complainant withdraws the complaint;
    the case ends in its own state on the day the request was received,
    the complainant is told, and the statistics count it apart from invalid
    and closed complaints.  Its SLA targets leave the statistics."""

    _inherit = "complaint.complaint"
    _workflow_fields = WITHDRAWAL_WORKFLOW_FIELDS

    state = fields.Selection(
        selection_add=[("withdrawn", "Withdrawn")],
        ondelete={"withdrawn": "set default"},
    )
    withdrawn_at = fields.Datetime(
        string="Withdrawn", readonly=True, copy=False, tracking=True
    )
    withdrawal_reason = fields.Text(string="Why Withdrawn", readonly=True, copy=False)

    def _front_end_open_pauses(self, moment):
        """Close a running clock pause at ``moment`` (the case ends)."""
        for rec in self:
            pauses = rec.sudo().sla_pause_ids.filtered(lambda p: not p.end)
            if pauses:
                pauses.write({"end": max(moment, max(pauses.mapped("start")))})

    def _check_withdrawal_moment(self, moment, now):
        self.ensure_one()
        days = self.company_id.complaint_backdate_days
        if moment > now:
            raise UserError(_("A withdrawal request cannot be received in the future."))
        if moment < self.received_at or moment < now - timedelta(days=days):
            raise UserError(
                _(
                    "The withdrawal request of %(name)s must be dated between its "
                    "receipt and %(days)s days ago.",
                    name=self.name,
                    days=days,
                )
            )

    def action_withdraw(self, reason, requested_at=False):
        """BASE-16: end the case at the complainant's request, on the day the
        request was received (``requested_at``, default now)."""
        self._check_group(HANDLER)
        self._check_state(OPEN_STATES, _("withdraw"))
        if not (reason or "").strip():
            raise UserError(_("Write why the complainant withdraws the complaint."))
        now = fields.Datetime.now()
        moment = fields.Datetime.to_datetime(requested_at) or now
        template = self.env.ref(
            "complaint_base.mail_template_complaint_withdrawn",
            raise_if_not_found=False,
        )
        for rec in self:
            rec._check_withdrawal_moment(moment, now)
            rec._front_end_open_pauses(moment)
            rec._workflow_write(
                {
                    "state": "withdrawn",
                    "withdrawn_at": moment,
                    "withdrawal_reason": reason.strip(),
                    "sla_paused": False,
                    "sla_next_check": False,
                }
            )
            if template and (rec.partner_id or rec.email):
                rec.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
                continue
            rec.message_post(
                body=_(
                    "Withdrawn at the complainant's request: %s. There is no "
                    "e-mail address: confirm the withdrawal to the complainant "
                    "by phone or letter.",
                    reason.strip(),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_withdraw_wizard(self):
        return self._open_wizard("complaint_base.action_complaint_withdraw_wizard")

    def _pi_anonymise_values(self):
        """PIPL: the reason may quote the complainant."""
        values = super()._pi_anonymise_values()
        values["withdrawal_reason"] = False
        return values
