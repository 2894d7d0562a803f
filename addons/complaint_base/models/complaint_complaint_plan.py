from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from .complaint_complaint import HANDLER, MANAGER, OPEN_STATES


class ComplaintComplaint(models.Model):
    """Resolution plan and investigation (BASE-22/24/25): important and
    major plans are approved by a manager other than the submitter."""

    _inherit = "complaint.complaint"

    plan_measures = fields.Html(string="Resolution Plan")
    plan_owner_id = fields.Many2one("res.users", string="Plan Owner")
    plan_deadline = fields.Date()
    plan_state = fields.Selection(
        [
            ("none", "No Plan"),
            ("draft", "Draft"),
            ("to_approve", "Waiting Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="none",
        required=True,
        tracking=True,
        copy=False,
        readonly=True,
    )
    plan_submitted_by = fields.Many2one(
        "res.users", string="Plan Submitted By", readonly=True, copy=False
    )
    plan_approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    plan_approved_at = fields.Datetime(readonly=True, copy=False)
    investigation_user_ids = fields.Many2many(
        "res.users",
        "complaint_investigation_user_rel",
        "complaint_id",
        "user_id",
        string="Investigation Team",
    )
    investigation_step_ids = fields.One2many(
        "complaint.investigation.step", "complaint_id", string="Investigation Plan"
    )
    findings = fields.Html()

    def action_submit_plan(self):
        """BASE-22/25: important and major plans need management approval."""
        self._check_group(HANDLER)
        self._check_state(OPEN_STATES, _("submit a plan for"))
        for rec in self:
            if is_html_empty(rec.plan_measures) or not rec.plan_owner_id:
                raise UserError(
                    _(
                        "Write the plan's measures and name its owner before "
                        "submitting it."
                    )
                )
            if rec.plan_state in ("to_approve", "approved"):
                raise UserError(_("The plan of %s was already submitted.", rec.name))
            vals = {"plan_submitted_by": self.env.user.id}
            if rec.severity in ("important", "major"):
                rec._workflow_write(dict(vals, plan_state="to_approve"))
                managers = self.env.ref("complaint_base.group_complaint_manager").users
                for manager in (managers - self.env.user).filtered(
                    lambda u: not u.share
                )[:5]:
                    rec.activity_schedule(
                        "mail.mail_activity_data_todo",
                        user_id=manager.id,
                        summary=_("Approve the resolution plan of %s", rec.name),
                    )
            else:
                rec._workflow_write(dict(vals, plan_state="approved"))
        return True

    def action_approve_plan(self):
        """BASE-25: a manager other than the one who submitted the plan."""
        self._check_group(MANAGER)
        for rec in self:
            if rec.plan_state != "to_approve":
                raise UserError(
                    _("The plan of %s is not waiting for approval.", rec.name)
                )
            rec._check_four_eyes(
                rec.plan_submitted_by, _("the resolution plan of %s", rec.name)
            )
            rec._workflow_write(
                {
                    "plan_state": "approved",
                    "plan_approved_by": self.env.user.id,
                    "plan_approved_at": fields.Datetime.now(),
                }
            )
            rec.activity_feedback(
                ["mail.mail_activity_data_todo"], feedback=_("Plan approved")
            )
        return True

    def action_reject_plan(self):
        self._check_group(MANAGER)
        self.filtered(lambda r: r.plan_state == "to_approve")._workflow_write(
            {"plan_state": "rejected"}
        )
        return True
