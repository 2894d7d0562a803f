from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext, is_html_empty

from .complaint_complaint import HANDLER, INVALID_NOTICE_DAYS, OPEN_STATES


class ComplaintComplaint(models.Model):
    """The complaint's states and their actions: accept, start, contact,
    resolve, reopen, rule invalid, confirm the category (BASE-10/12/21/22/
    24/40).  Plan approval, follow-up and closing review, transfer and the
    SLA clock have their own files."""

    _inherit = "complaint.complaint"

    contacted_at = fields.Datetime(
        string="Complainant Contacted", tracking=True, copy=False
    )
    invalid_reason = fields.Selection(
        [
            ("unclear", "Target or content unclear and not verifiable"),
            ("untrue", "Contrary to the facts"),
            ("out_of_scope", "Outside the service promise"),
            ("unlawful", "Demand not lawful"),
        ],
        tracking=True,
    )
    invalid_note = fields.Text(string="Invalid Because")
    invalid_notice_deadline = fields.Datetime(readonly=True, copy=False)
    invalid_notified_at = fields.Datetime(readonly=True, copy=False)

    # ============================================================ checks

    def _check_state(self, allowed, action):
        for rec in self:
            if rec.state not in allowed:
                raise UserError(
                    _(
                        "Complaint %(name)s is %(state)s: you cannot %(action)s it.",
                        name=rec.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[rec.state],
                        action=action,
                    )
                )

    def _check_group(self, xmlid):
        if not self.env.user.has_group(xmlid):
            raise AccessError(
                _(
                    "Only users of group “%s” can do this.",
                    self.env.ref(xmlid).sudo().full_name,
                )
            )

    # =========================================================== actions

    def action_accept(self):
        """Accept the complaint: a named handler takes it over (BASE-21)."""
        self._check_group(HANDLER)
        self._check_state(("new",), _("accept"))
        for rec in self:
            rec._check_can_accept()
        for rec in self:
            vals = {"state": "accepted", "accepted_at": fields.Datetime.now()}
            if not rec.user_id:
                vals["user_id"] = self.env.user.id
            rec._workflow_write(vals)
        self._after_accept()
        return True

    def _check_can_accept(self):
        """Conditions to accept one complaint (hook, DEVELOP.md): raise a
        ``UserError`` to refuse; nothing is written before every complaint
        of the batch passed."""
        self.ensure_one()
        if not self.channel_id:
            raise UserError(
                _(
                    "Complaint %s has no channel: complete the registration first.",
                    self.name,
                )
            )

    def _after_accept(self):
        """Hook (DEVELOP.md) run once the complaints are accepted, e.g. the
        acceptance notice a regulation requires."""
        return True

    def action_start(self):
        """Start the investigation (BASE-22/24)."""
        self._check_group(HANDLER)
        self._check_state(("accepted",), _("start investigating"))
        self._workflow_write({"state": "in_progress"})
        return True

    def action_contact_complainant(self):
        self._check_group(HANDLER)
        self.write({"contacted_at": fields.Datetime.now()})
        return True

    def _check_can_resolve(self):
        """Conditions to resolve; sector addons extend with ``super()``."""
        self.ensure_one()
        if is_html_empty(self.resolution):
            raise UserError(
                _(
                    "Write the result for the complainant before resolving %s.",
                    self.name,
                )
            )
        if self.severity in ("important", "major") and self.plan_state != "approved":
            raise UserError(
                _(
                    "Complaint %s is important or major: management must approve "
                    "its resolution plan before it is carried out (BASE-25).",
                    self.name,
                )
            )

    def action_resolve(self):
        """Record the result and reply to the complainant (BASE-40)."""
        self._check_group(HANDLER)
        self._check_state(("accepted", "in_progress"), _("resolve"))
        now = fields.Datetime.now()
        for rec in self:
            rec._check_can_resolve()
            rec._workflow_write(
                {
                    "state": "resolved",
                    "resolved_at": now,
                    "reply_at": rec.reply_at or now,
                }
            )
            rec.message_post(
                body=_(
                    "Result sent to the complainant: %s",
                    html2plaintext(rec.resolution or ""),
                ),
                subtype_xmlid="mail.mt_comment",
                partner_ids=rec.partner_id.ids,
            )
        self._after_resolve()
        return True

    def _after_resolve(self):
        """Hook (DEVELOP.md) run once the complaints are resolved, e.g. a
        decision letter or a report owed to the regulator."""
        return True

    def action_reopen(self, reason=False):
        self._check_group(HANDLER)
        return self._reopen(reason)

    def _reopen(self, reason):
        self._check_state(("resolved", "review", "closed"), _("reopen"))
        for rec in self:
            rec._workflow_write(
                {
                    "state": "in_progress",
                    "reopen_count": rec.reopen_count + 1,
                    "closed_at": False,
                    "resolved_at": False,
                }
            )
            rec.message_post(
                body=_("Complaint reopened: %s", reason or "-"),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_mark_invalid(self, reason, note=False):
        """BASE-12: rule the complaint invalid and tell the complainant why."""
        self._check_group(HANDLER)
        self._check_state(OPEN_STATES, _("mark invalid"))
        if reason not in dict(self._fields["invalid_reason"].selection):
            raise UserError(_("Choose why the complaint is invalid."))
        now = fields.Datetime.now()
        template = self.env.ref("complaint_base.mail_template_complaint_invalid")
        for rec in self:
            rec._workflow_write(
                {
                    "state": "invalid",
                    "invalid_reason": reason,
                    "invalid_note": note,
                    "invalid_notice_deadline": now
                    + timedelta(days=INVALID_NOTICE_DAYS),
                }
            )
            if rec.partner_id or rec.email:
                rec.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
                rec._workflow_write({"invalid_notified_at": fields.Datetime.now()})
        return True

    def action_confirm_category(self):
        self._check_group(HANDLER)
        for rec in self:
            if rec.category_id.child_ids:
                raise UserError(
                    _(
                        "Choose the final (most detailed) category level before "
                        "confirming it."
                    )
                )
        self._workflow_write({"category_confirmed": True})
        return True

    # =========================================================== wizards

    def _open_wizard(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["context"] = {"default_complaint_id": self.id}
        return action

    def action_open_transfer_wizard(self):
        return self._open_wizard("complaint_base.action_complaint_transfer_wizard")

    def action_open_invalid_wizard(self):
        return self._open_wizard("complaint_base.action_complaint_invalid_wizard")

    def action_open_followup_wizard(self):
        return self._open_wizard("complaint_base.action_complaint_followup_wizard")
