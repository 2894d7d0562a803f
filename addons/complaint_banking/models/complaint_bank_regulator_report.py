from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

HANDLER_GROUP = "complaint_base.group_complaint_handler"
MANAGER_GROUP = "complaint_base.group_complaint_manager"
#: what was reported, to whom and how: frozen once reported (BASE-57)
REPORT_FROZEN_FIELDS = frozenset(
    {
        "complaint_id",
        "kind",
        "regulator_id",
        "due_date",
        "user_id",
        "report_channel",
        "content",
        "attachment_ids",
    }
)
#: what the report is and when it is due: set when it is opened, changed by
#: a complaint manager only (a later due date would hide a late report)
REPORT_MANAGER_FIELDS = frozenset({"complaint_id", "kind", "due_date"})


class ComplaintBankRegulatorReport(models.Model):
    """A report a bank owes the regulator about one complaint.

    * ``forwarded_result`` (BANK-03, seed 003 F 十): a complaint forwarded by
      the regulator is handled as the forwarding office asks and its result
      is reported back to that office;
    * ``mass_complaint`` (BANK-04, seed 003 F 十五): mass complaints and
      major matters that may lead to a group incident are reported promptly.

    Each report is a task with a due date and a responsible person (an
    activity) and, once done, the record of what was reported, when, how.
    Its state and who reported it when are written by
    ``action_mark_reported`` only, and nothing changes once reported
    (BASE-57); it follows its complaint's visibility (BASE-54).
    """

    _name = "complaint.bank.regulator.report"
    _description = "Report to the Banking Regulator"
    _inherit = [
        "complaint.proof.kept",
        "complaint.workflow.guard",
        "complaint.child.access",
        "complaint.bank.child",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _workflow_fields = {
        "state": "action_mark_reported",
        "reported_at": "action_mark_reported",
        "reported_by": "action_mark_reported",
    }
    _order = "state desc, due_date, id desc"

    complaint_id = fields.Many2one(
        "complaint.complaint",
        string="Complaint",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    kind = fields.Selection(
        [
            ("forwarded_result", "Result to the Forwarding Office"),
            ("mass_complaint", "Mass Complaint Report"),
        ],
        required=True,
        tracking=True,
    )
    regulator_id = fields.Many2one(
        "res.partner", string="Regulator Office", tracking=True
    )
    forwarding_ref = fields.Char(
        related="complaint_id.bank_forwarding_ref", string="Forwarding Number"
    )
    due_date = fields.Date(string="Due", required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
    )
    state = fields.Selection(
        [("todo", "To Report"), ("reported", "Reported")],
        default="todo",
        required=True,
        tracking=True,
        copy=False,
    )
    reported_at = fields.Datetime(tracking=True, copy=False, readonly=True)
    reported_by = fields.Many2one(
        "res.users", string="Reported By", tracking=True, copy=False, readonly=True
    )
    report_channel = fields.Selection(
        [
            ("regulator_system", "Regulator's System"),
            ("document", "Official Document"),
            ("email", "E-mail"),
            ("phone", "Phone"),
            ("in_person", "In Person"),
        ],
        string="Reported Via",
        tracking=True,
    )
    content = fields.Text(string="What Was Reported")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "complaint_bank_regulator_report_attachment_rel",
        "report_id",
        "attachment_id",
        string="Documents",
    )
    is_late = fields.Boolean(compute="_compute_is_late")

    @api.depends("kind", "complaint_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for report in self:
            report.display_name = (
                f"{kinds.get(report.kind, '')} - {report.complaint_id.name or ''}"
            )

    @api.depends("due_date", "state", "reported_at")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for report in self:
            if report.state == "reported":
                report.is_late = bool(
                    report.reported_at and report.reported_at.date() > report.due_date
                )
            else:
                report.is_late = bool(report.due_date and report.due_date < today)

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        for report in reports:
            report._schedule_task()
            report.complaint_id.message_post(
                body=_(
                    "Report to the regulator due by %(due)s: %(report)s.",
                    due=report.due_date,
                    report=report.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return reports

    def _schedule_task(self):
        for report in self.filtered(lambda r: r.user_id and r.state == "todo"):
            report.activity_schedule(
                "complaint_banking.mail_activity_type_bank_regulator_report",
                date_deadline=report.due_date,
                user_id=report.user_id.id,
                summary=report.display_name,
                note=report.complaint_id.bank_forwarding_request or "",
            )

    def write(self, vals):
        if not self.env.su:
            self._check_report_write(vals)
        return super().write(vals)

    def _check_report_write(self, vals):
        names = set(vals)
        if names & REPORT_FROZEN_FIELDS and any(r.state == "reported" for r in self):
            raise UserError(
                _(
                    "%s was reported to the regulator: what was reported, to whom "
                    "and how is on record and can no longer be changed.",
                    self.filtered(lambda r: r.state == "reported")[:1].display_name,
                )
            )
        if names & REPORT_MANAGER_FIELDS and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                _(
                    "The complaint, kind and due date of a report to the regulator "
                    "are set when it is opened: only a complaint manager can "
                    "change them."
                )
            )

    def action_mark_reported(self):
        """Record that the regulator was told, how and what."""
        if not self.env.su and not self.env.user.has_group(HANDLER_GROUP):
            raise AccessError(
                _("Only complaint handlers can record a report to the regulator.")
            )
        self.check_access("write")
        for report in self:
            if report.state == "reported":
                raise UserError(_("%s was already reported.", report.display_name))
            if not report.report_channel or not (report.content or "").strip():
                raise UserError(
                    _(
                        "Say how the regulator was told and what was reported "
                        "before marking %s as reported.",
                        report.display_name,
                    )
                )
            report._workflow_write(
                {
                    "state": "reported",
                    "reported_at": fields.Datetime.now(),
                    "reported_by": self.env.user.id,
                }
            )
            report.activity_feedback(
                ["complaint_banking.mail_activity_type_bank_regulator_report"],
                feedback=report.content,
            )
            report.complaint_id.message_post(
                body=_(
                    "%(report)s reported to %(office)s: %(content)s",
                    report=report.display_name,
                    office=report.regulator_id.display_name or _("the regulator"),
                    content=report.content,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _proof_records(self):
        """A report once made to the regulator (BANK-04)."""
        return self.filtered("reported_at")
