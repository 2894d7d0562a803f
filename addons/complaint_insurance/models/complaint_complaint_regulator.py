from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

HANDLER = "complaint_base.group_complaint_handler"
AUDIT_ACTIVITY = "complaint_insurance.mail_activity_type_audit_report"
RECTIFICATION_ACTIVITY = "complaint_insurance.mail_activity_type_rectification"


class ComplaintComplaint(models.Model):
    """Cases forwarded by the regulator's 12378 hotline (INS-02): the case
    number, the report to the audit department within 3 working days when
    the case involves a violation, the result reported back, and the
    activities that track those tasks.  ``regulator_forwarded`` itself is
    the 2020 measures' field of complaint_base.
    """

    _inherit = "complaint.complaint"

    regulator_case_no = fields.Char(
        string="Regulator Case No.", index="btree_not_null", tracking=True
    )
    regulator_forward_date = fields.Date(
        string="12378 Forwarded On",
        help="Date on which the regulator forwarded the case.",
    )
    involves_violation = fields.Boolean(
        string="Involves a Violation",
        tracking=True,
        help="The case alleges a breach of rules: report it to the audit "
        "department within 3 working days of receipt.",
    )
    audit_report_deadline = fields.Datetime(
        string="Report to Audit By", index=True, copy=False, readonly=True
    )
    audit_reported_at = fields.Datetime(
        string="Reported to Audit", copy=False, readonly=True, tracking=True
    )
    audit_report = fields.Text(string="Report to the Audit Department", copy=False)
    regulator_reply_at = fields.Datetime(
        string="Reported to Regulator On",
        copy=False,
        readonly=True,
        tracking=True,
    )
    regulator_reply = fields.Text(string="Result Reported to Regulator", copy=False)

    _sql_constraints = [
        (
            "regulator_case_company_uniq",
            "unique(regulator_case_no, company_id)",
            "This regulator case number is already registered.",
        ),
    ]

    # ========================================================= constraints
    @api.constrains("regulator_forwarded", "regulator_case_no", "sector")
    def _check_regulator_case_no(self):
        # an anonymised complaint keeps the fact that the regulator forwarded
        # it (statistics), not the case number (PIPL)
        for rec in self.filtered(
            lambda r: r.sector == "insurance" and not r.anonymised
        ):
            if rec.regulator_forwarded and not (rec.regulator_case_no or "").strip():
                raise ValidationError(
                    _(
                        "Complaint %s was forwarded by the regulator: enter the "
                        "regulator's case number.",
                        rec.name,
                    )
                )

    @api.onchange("channel_id")
    def _onchange_channel_regulator(self):
        if self.channel_id.is_regulator and self.sector == "insurance":
            self.regulator_forwarded = True

    # ===================================================== INS-02 / INS-08
    def _local_deadline_date(self, value):
        return self._get_sla_calendar().to_local(value).date()

    def _sync_insurance_tasks(self):
        """Keep the activities of the tracked tasks in line with their
        deadlines: report to audit (INS-02), rectification report (INS-08).
        Returns at once when no record has such a task or a stale activity."""
        if not self or (
            not any(r.audit_report_deadline or r.rectification_required for r in self)
            and not self.activity_ids
        ):
            return
        audit_type = self.env.ref(AUDIT_ACTIVITY)
        rect_type = self.env.ref(RECTIFICATION_ACTIVITY)
        for rec in self:
            audit_activity = rec.activity_ids.filtered(
                lambda a, t=audit_type: a.activity_type_id == t
            )
            if rec.audit_report_deadline and not rec.audit_reported_at:
                date = rec._local_deadline_date(rec.audit_report_deadline)
                if audit_activity:
                    audit_activity.filtered(
                        lambda a, d=date: a.date_deadline != d
                    ).write({"date_deadline": date})
                else:
                    rec.activity_schedule(
                        activity_type_id=audit_type.id,
                        date_deadline=date,
                        user_id=(
                            rec.user_id or rec.team_id.leader_id or self.env.user
                        ).id,
                        summary=_(
                            "Report 12378 case %s to the audit department",
                            rec.regulator_case_no or rec.name,
                        ),
                    )
            elif audit_activity and not rec.audit_reported_at:
                audit_activity.unlink()
            if rec.rectification_required and not rec.rectification_reported_at:
                rec._sync_rectification(rect_type)

    def action_record_audit_report(self):
        """INS-02: the 12378 violation case was reported to the audit
        department; record when and what."""
        self._check_group(HANDLER)
        for rec in self:
            if rec.audit_reported_at:
                raise UserError(
                    _("The report of %s to the audit department is recorded.", rec.name)
                )
            if not (rec.regulator_forwarded and rec.involves_violation):
                raise UserError(
                    _(
                        "Only a 12378 case involving a violation is reported to "
                        "the audit department (complaint %s).",
                        rec.name,
                    )
                )
            if not (rec.audit_report or "").strip():
                raise UserError(
                    _("Write what was reported to the audit department first.")
                )
            rec._workflow_write({"audit_reported_at": fields.Datetime.now()})
            rec.activity_feedback(
                [AUDIT_ACTIVITY], feedback=_("Reported to the audit department")
            )
        return True

    def action_record_regulator_reply(self):
        """INS-02: the result was reported back to the regulator."""
        self._check_group(HANDLER)
        for rec in self:
            if rec.regulator_reply_at:
                raise UserError(
                    _("The reply to the regulator on %s is recorded.", rec.name)
                )
            if not rec.regulator_forwarded:
                raise UserError(
                    _("Complaint %s was not forwarded by the regulator.", rec.name)
                )
            if not (rec.regulator_reply or "").strip():
                raise UserError(_("Write the result reported to the regulator first."))
            rec._workflow_write({"regulator_reply_at": fields.Datetime.now()})
            rec.message_post(
                body=_(
                    "Result reported to the regulator (case %(case)s): %(reply)s",
                    case=rec.regulator_case_no,
                    reply=rec.regulator_reply,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
