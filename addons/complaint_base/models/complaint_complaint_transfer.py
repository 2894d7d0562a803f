from odoo import _, fields, models
from odoo.exceptions import UserError

from .complaint_complaint import MAX_MANUAL_TRANSFERS, OPEN_STATES


class ComplaintComplaint(models.Model):
    """Transfers between teams (BASE-23): a reason each time; the fourth
    goes to the arbitration team."""

    _inherit = "complaint.complaint"

    transfer_ids = fields.One2many("complaint.transfer", "complaint_id")
    transfer_count = fields.Integer(
        readonly=True, copy=False, help="Manual transfers so far (BASE-23)."
    )

    def action_transfer(self, team_id, user_id=False, reason=False):
        """BASE-23: transfer with a reason; the 4th goes to arbitration."""
        self._check_group("complaint_base.group_complaint_user")
        if not reason:
            raise UserError(_("Give the reason for the transfer."))
        self._check_state(OPEN_STATES, _("transfer"))
        for rec in self:
            team = self.env["complaint.team"].browse(team_id).exists()
            user = self.env["res.users"].browse(user_id or []).exists()
            rec._check_transfer_target(team, user)
            rec._transfer_to(team, user, reason)
        return True

    def _transfer_to(self, team, user, reason):
        """Transfer this complaint to ``team`` / ``user`` (checked), or to
        the arbitration team once the manual transfers are used up: log the
        transfer, write the new owner and post the note."""
        self.ensure_one()
        automatic = self.transfer_count >= MAX_MANUAL_TRANSFERS
        if automatic:
            team = self._transfer_arbitration_team()
            user = team.leader_id
        self.env["complaint.transfer"].sudo().create(
            {
                "complaint_id": self.id,
                "from_team_id": self.team_id.id,
                "from_user_id": self.user_id.id,
                "to_team_id": team.id,
                "to_user_id": user.id,
                "reason": reason,
                "is_automatic": automatic,
            }
        )
        vals = {"team_id": team.id, "user_id": user.id}
        if not automatic:
            vals["transfer_count"] = self.transfer_count + 1
        if self.state == "accepted" and not user:
            vals["state"] = "new"
        self._workflow_write(vals)
        # the note is posted even when the transfer takes the case out of
        # the user's sight (sudo keeps the user as author)
        self.sudo().message_post(
            body=self._transfer_note(team, user, reason, automatic),
            subtype_xmlid="mail.mt_note",
        )

    def _transfer_arbitration_team(self):
        """The company's arbitration team, which decides the final owner
        after ``MAX_MANUAL_TRANSFERS`` manual transfers (BASE-23)."""
        self.ensure_one()
        arbitration = self.env["complaint.team"].search(
            [
                ("is_arbitration", "=", True),
                ("company_id", "=", self.company_id.id),
            ],
            limit=1,
        )
        if not arbitration:
            raise UserError(
                _(
                    "Complaint %(name)s was already transferred %(count)s times and no "
                    "arbitration team is configured: ask an administrator "
                    "to mark one team as arbitration team.",
                    name=self.name,
                    count=MAX_MANUAL_TRANSFERS,
                )
            )
        return arbitration

    def _transfer_note(self, team, user, reason, automatic):
        """The chatter note of a transfer."""
        if automatic:
            return _(
                "Transferred %(count)s times already: sent automatically to the "
                "arbitration team %(team)s, which decides the final owner. "
                "Reason given: %(reason)s",
                count=MAX_MANUAL_TRANSFERS,
                team=team.name,
                reason=reason,
            )
        return _(
            "Transferred to %(owner)s. Reason: %(reason)s",
            owner=" / ".join(n for n in (team.name, user.name) if n),
            reason=reason,
        )

    def _check_transfer_target(self, team, user):
        """BASE-23/57: a transfer goes to an active team of the complaint's
        company and, when named, to an active internal user of that company
        who belongs to the team."""
        self.ensure_one()
        team_sudo = team.sudo()
        if not team or team_sudo.company_id != self.company_id:
            raise UserError(
                _(
                    "Choose a team of %(company)s to transfer complaint %(name)s to.",
                    company=self.company_id.name,
                    name=self.name,
                )
            )
        if not user:
            return
        user_sudo = user.sudo()
        members = team_sudo.member_ids | team_sudo.leader_id
        if (
            not user_sudo.active
            or user_sudo.share
            or self.company_id not in user_sudo.company_ids
            or user_sudo not in members
        ):
            raise UserError(
                _(
                    "%(user)s cannot receive complaint %(name)s: choose an active "
                    "member of team %(team)s in company %(company)s.",
                    user=user_sudo.name,
                    name=self.name,
                    team=team_sudo.name,
                    company=self.company_id.name,
                )
            )
