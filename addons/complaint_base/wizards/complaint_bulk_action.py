from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

OPEN_STATES = ("new", "accepted", "in_progress")


class ComplaintBulkAction(models.TransientModel):
    """One action on many complaints from the list (BASE-14).

    Each complaint goes through the same action as its own button, with
    its rules (state, group, recusal, team membership...), in its own
    savepoint: a complaint that does not qualify is refused and listed
    with the reason, the others are done; one summary tells the result.
    """

    _name = "complaint.bulk.action"
    _description = "Complaint Bulk Action"

    complaint_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_bulk_action_rel",
        "wizard_id",
        "complaint_id",
        string="Complaints",
    )
    action = fields.Selection(
        [
            ("accept", "Accept"),
            ("assign", "Assign to a handler"),
            ("transfer", "Transfer"),
            ("pause", "Pause the clock"),
            ("resume", "Resume the clock"),
            ("acknowledge", "Acknowledge (complainant contacted)"),
        ],
        required=True,
        default="accept",
    )
    team_id = fields.Many2one("complaint.team", string="To Team")
    user_id = fields.Many2one("res.users", string="Handler")
    reason = fields.Text(help="Reason of the transfer, or note of the pause.")
    pause_reason = fields.Selection(
        selection=lambda self: self.env["complaint.sla.pause"]
        ._fields["reason"]
        ._description_selection(self.env),
        default="waiting_complainant",
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    summary = fields.Text(readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "complaint_ids" in fields_list
            and context.get("active_model") == "complaint.complaint"
            and context.get("active_ids")
        ):
            values["complaint_ids"] = [fields.Command.set(context["active_ids"])]
        return values

    def _check_parameters(self):
        self.ensure_one()
        if self.action == "assign" and not self.user_id:
            raise UserError(_("Choose the handler to assign."))
        if self.action == "transfer" and not (self.team_id and self.reason):
            raise UserError(_("Choose the team and give the reason for the transfer."))

    def _apply_one(self, complaint):
        """Run the chosen action on one complaint (raises when refused)."""
        action = self.action
        if action == "accept":
            return complaint.action_accept()
        if action == "assign":
            return complaint.action_assign(self.user_id.id)
        if action == "transfer":
            return complaint.action_transfer(
                self.team_id.id, self.user_id.id or False, self.reason
            )
        if action == "pause":
            return complaint.action_pause_sla(self.pause_reason, self.reason or False)
        if action == "resume":
            return complaint.action_resume_sla()
        # acknowledge: record that the complainant was contacted
        complaint._check_state(OPEN_STATES, _("acknowledge"))
        if complaint.contacted_at:
            raise UserError(
                _("The complainant of %s was already contacted.", complaint.name)
            )
        return complaint.action_contact_complainant()

    def _label(self, complaint):
        if complaint._filtered_access("read"):
            return complaint.display_name
        return _("complaint #%s", complaint.id)

    def action_apply(self):
        self.ensure_one()
        self._check_parameters()
        done, refused = [], []
        for complaint in self.complaint_ids:
            label = self._label(complaint)
            try:
                with self.env.cr.savepoint():
                    self._apply_one(complaint)
                done.append(label)
            except (UserError, ValidationError, AccessError) as error:
                refused.append((label, error.args[0] if error.args else str(error)))
        self.write({"state": "done", "summary": self._summary(done, refused)})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Bulk Action: Result"),
        }

    def _summary(self, done, refused):
        action = dict(self._fields["action"]._description_selection(self.env))[
            self.action
        ]
        lines = [
            _(
                "%(action)s: %(count)s of %(total)s complaints done.",
                action=action,
                count=len(done),
                total=len(done) + len(refused),
            )
        ]
        if done:
            lines.append(_("Done: %s", ", ".join(done)))
        if refused:
            lines.append(_("Refused:"))
            lines += [f"- {label}: {reason}" for label, reason in refused]
        return "\n".join(lines)
