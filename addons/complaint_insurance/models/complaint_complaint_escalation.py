from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools.severity import SEVERITY_ORDER
from odoo.exceptions import UserError
from odoo.tools import html2plaintext, is_html_empty

from ..tools import insurance_rules as rules

UPGRADE_REASONS = [
    ("important_customer", "Important customer"),
    ("urgent", "Urgent complaint of a value or normal customer"),
]
HANDLER = "complaint_base.group_complaint_handler"
RECTIFICATION_ACTIVITY = "complaint_insurance.mail_activity_type_rectification"


class ComplaintComplaint(models.Model):
    """Upgrade (INS-04) and rectification of major complaints (INS-08): an
    important customer's or an urgent complaint is upgraded; a major one that
    reached the media, a regulator or the head office needs a rectification
    report within one month.
    """

    _inherit = "complaint.complaint"

    # ------------------------------------------------------------- INS-04
    is_urgent = fields.Boolean(string="Urgent", tracking=True)
    business_risk = fields.Boolean(
        default=True,
        tracking=True,
        help="The complaint carries a business risk. Without one it is not "
        "upgraded and stays with the first handler.",
    )
    is_upgraded = fields.Boolean(string="Upgraded", readonly=True, copy=False)
    upgrade_reason = fields.Selection(UPGRADE_REASONS, readonly=True, copy=False)

    # ------------------------------------------------------------- INS-08
    reached_head_office = fields.Boolean(
        string="Reached Head Office / Senior Management", tracking=True
    )
    external_escalation_at = fields.Datetime(
        string="Reached Media / Regulator / Head Office On",
        copy=False,
        help="When the major complaint reached the media, a regulator or the "
        "head office; the rectification report is due one month later.",
    )
    rectification_required = fields.Boolean(
        compute="_compute_rectification_required",
        store=True,
        precompute=True,
        help="Major complaint that reached the media, a regulator or the head "
        "office: the branch writes a rectification report within one month.",
    )
    rectification_deadline = fields.Datetime(
        string="Rectification Report By", readonly=True, copy=False, index=True
    )
    rectification_user_id = fields.Many2one(
        "res.users", string="Rectification Owner", copy=False
    )
    rectification_report = fields.Html(copy=False)
    rectification_reported_at = fields.Datetime(
        string="Rectification Reported", readonly=True, copy=False, tracking=True
    )

    @api.depends(
        "sector",
        "severity",
        "media_involved",
        "regulator_involved",
        "reached_head_office",
    )
    def _compute_rectification_required(self):
        for rec in self:
            rec.rectification_required = bool(
                rec.sector == "insurance"
                and rec.severity == "major"
                and (
                    rec.media_involved
                    or rec.regulator_involved
                    or rec.reached_head_office
                )
            )

    # ============================================================= INS-04
    def _apply_insurance_upgrade(self):
        """INS-04: upgrade by customer class; no business risk, no upgrade.

        The upgrade raises a general complaint to important (its plan then
        needs management approval, BASE-25) and climbs one rung of the
        escalation ladder when one is configured.
        """
        labels = dict(UPGRADE_REASONS)
        todo = []
        for rec in self.filtered(lambda r: not r.is_upgraded):
            reason = rules.upgrade_reason(
                rec.customer_tier, rec.is_urgent, rec.business_risk
            )
            if reason:
                todo.append((rec, reason))
        if not todo:
            return
        # the escalation ladder, read once for the batch
        levels = (
            self.env["complaint.escalation.level"]
            .sudo()
            .search(
                [("company_id", "in", [False, *{r.company_id.id for r, _x in todo}])],
                order="level",
            )
        )
        for rec, reason in todo:
            vals = {"is_upgraded": True, "upgrade_reason": reason}
            if SEVERITY_ORDER[rec.severity] < SEVERITY_ORDER["important"]:
                vals["severity"] = "important"
                vals["severity_reason"] = _("Upgraded: %s", labels[reason])
            rec._workflow_write(vals)
            level = levels.filtered(
                lambda lv, r=rec: lv.level > (r.escalation_level or 0)
                and lv.company_id in (r.company_id, lv.company_id.browse())
            )[:1]
            rec._escalate_upgrade(level, labels[reason])

    def _escalate_upgrade(self, level, reason_label):
        self.ensure_one()
        self._escalate_to_level(
            level, _("Complaint upgraded (INS-04): %s.", reason_label)
        )

    def _sync_rectification(self, activity_type):
        """INS-08: rectification report due one month after the major
        complaint reached the media, a regulator or the head office."""
        self.ensure_one()
        start = self.external_escalation_at or fields.Datetime.now()
        deadline = rules.add_months_deadline(
            start, rules.RECTIFICATION_MONTHS, self._get_sla_calendar()
        )
        branch = self.responsible_branch_id or self.handling_branch_id
        owner = (
            self.rectification_user_id
            or branch.manager_id
            or self.team_id.leader_id
            or self.user_id
            or self.env.user
        )
        vals = {
            "external_escalation_at": start,
            "rectification_deadline": deadline,
            "rectification_user_id": owner.id,
        }
        vals = {k: v for k, v in vals.items() if self._sla_value_differs(k, v)}
        if not vals:
            return
        first = not self.rectification_deadline
        self.sudo().with_context(complaint_sla_recompute=True).write(vals)
        date = self._local_deadline_date(deadline)
        activity = self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        if activity:
            activity.write({"date_deadline": date, "user_id": owner.id})
        else:
            self.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=date,
                user_id=owner.id,
                summary=_("Rectification report for major complaint %s", self.name),
            )
        if first:
            self.message_post(
                body=_(
                    "Major complaint escalated to the media, a regulator or the "
                    "head office: %(owner)s writes the rectification report by "
                    "%(date)s.",
                    owner=owner.name,
                    date=self._sla_format_datetime(deadline),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_record_rectification(self):
        """INS-08: the rectification report is written."""
        self._check_group(HANDLER)
        for rec in self:
            if rec.rectification_reported_at:
                raise UserError(
                    _("The rectification report of %s is recorded.", rec.name)
                )
            if not rec.rectification_deadline:
                raise UserError(
                    _("Complaint %s needs no rectification report.", rec.name)
                )
            if is_html_empty(rec.rectification_report):
                raise UserError(_("Write the rectification report first."))
            rec._workflow_write({"rectification_reported_at": fields.Datetime.now()})
            rec.activity_feedback(
                [RECTIFICATION_ACTIVITY],
                feedback=html2plaintext(rec.rectification_report),
            )
        return True
