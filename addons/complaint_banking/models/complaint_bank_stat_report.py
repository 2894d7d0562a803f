import itertools
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import half_year

_logger = logging.getLogger(__name__)

MANAGER_GROUP = "complaint_base.group_complaint_manager"
#: the figures: written by ``action_compute`` only (BASE-57)
FIGURE_FIELDS = (
    "line_ids",
    "received_count",
    "decided_count",
    "on_time_count",
    "overdue_count",
    "forwarded_count",
    "mass_count",
    "merged_count",
    "withdrawn_count",
    "review_count",
    "review_changed_count",
    "unclassified_count",
    "on_time_rate",
    "computed_at",
)
#: what a submitted report said: frozen until a manager sets it back to draft
REPORT_FROZEN_FIELDS = frozenset(
    {"company_id", "branch_id", "year", "half", "responsible_id", "changes_note"}
    | {"analysis"}
)


class ComplaintBankStatReport(models.Model):
    """Half-year consumer complaint report of a bank branch (BANK-05).

    Seed 003 F 十六: each institution and every branch reports its complaint
    statistics and analysis every half year, by 30 January and 30 July, with
    the changes of complaint channels, department, head and contacts.  The
    figures are those the regulator publishes: complaints by business type
    and by cause (JR/T 0169-2018), decided and decided on time, per branch
    (a branch's figures include its sub-branches and outlets).

    A scheduled action creates the report of the half-year that just ended
    for every branch and gives the branch's senior manager an activity due
    on the report date; running it again changes nothing.

    Integrity (BASE-57): the figures are written by ``action_compute``
    only, the state and who submitted it when by ``action_submit`` and
    ``action_reset_draft`` (complaint managers); a submitted report is
    frozen.
    """

    _name = "complaint.bank.stat.report"
    _description = "Bank Complaint Half-year Report"
    _inherit = ["complaint.workflow.guard", "mail.thread", "mail.activity.mixin"]
    _workflow_fields = dict(
        dict.fromkeys(FIGURE_FIELDS, "action_compute"),
        state="action_submit action_reset_draft",
        submitted_at="action_submit action_reset_draft",
        submitted_by="action_submit action_reset_draft",
    )
    _order = "year desc, half desc, branch_id"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    branch_id = fields.Many2one(
        "hr.department",
        string="Branch",
        required=True,
        index=True,
        domain=[("is_bank_branch", "=", True)],
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    half = fields.Selection(
        [("1", "First Half (January-June)"), ("2", "Second Half (July-December)")],
        required=True,
        default="1",
    )
    date_from = fields.Date(compute="_compute_period", store=True)
    date_to = fields.Date(compute="_compute_period", store=True)
    due_date = fields.Date(string="Due", compute="_compute_period", store=True)
    responsible_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_responsible_id",
        store=True,
        readonly=False,
        tracking=True,
        help="Senior manager of the branch responsible for consumer protection.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    submitted_at = fields.Datetime(readonly=True, copy=False)
    submitted_by = fields.Many2one(
        "res.users", string="Submitted By", readonly=True, copy=False, tracking=True
    )
    computed_at = fields.Datetime(string="Figures Of", readonly=True, copy=False)
    changes_note = fields.Text(
        string="Changes in the Period",
        help="Changes of complaint rules, channels, complaint department, its "
        "head and contacts during the half-year (seed 003 F 十六).",
    )
    analysis = fields.Text(
        help="Hot issues, weak points and improvements (source governance).",
    )
    line_ids = fields.One2many("complaint.bank.stat.line", "report_id", string="Lines")
    received_count = fields.Integer(string="Complaints Received", readonly=True)
    decided_count = fields.Integer(string="Decided", readonly=True)
    on_time_count = fields.Integer(string="Decided on Time", readonly=True)
    overdue_count = fields.Integer(string="Decided Late", readonly=True)
    forwarded_count = fields.Integer(string="Forwarded by Regulator", readonly=True)
    mass_count = fields.Integer(string="Mass Complaints", readonly=True)
    merged_count = fields.Integer(string="Merged Repeats", readonly=True)
    withdrawn_count = fields.Integer(
        string="Withdrawn",
        readonly=True,
        help="Withdrawn by the complainant (撤回): counted apart, not among the "
        "complaints received.",
    )
    review_count = fields.Integer(string="Reviews Applied For", readonly=True)
    review_changed_count = fields.Integer(string="Decisions Changed", readonly=True)
    unclassified_count = fields.Integer(string="Not Classified", readonly=True)
    on_time_rate = fields.Float(string="On-time Rate (%)", digits=(5, 1), readonly=True)

    _sql_constraints = [
        (
            "period_branch_uniq",
            "unique(company_id, branch_id, year, half)",
            "A branch has one report per half-year.",
        ),
        ("year_valid", "CHECK(year > 2000)", "Give a valid year."),
    ]

    # ---------------------------------------------------------- computes
    @api.depends("branch_id", "year", "half")
    def _compute_name(self):
        for report in self:
            label = half_year.period_label(report.year or 0, int(report.half or 1))
            report.name = f"{report.branch_id.name or ''} {label}".strip()

    @api.depends("year", "half")
    def _compute_period(self):
        for report in self:
            if report.year and report.half:
                half = int(report.half)
                start, end = half_year.half_year_bounds(report.year, half)
                report.date_from = start
                report.date_to = end
                report.due_date = half_year.report_due_date(report.year, half)
            else:
                report.date_from = report.date_to = report.due_date = False

    @api.depends("branch_id")
    def _compute_responsible_id(self):
        for report in self:
            branch = report.branch_id
            user = branch.bank_senior_manager_id or branch.manager_id.user_id
            if not user and report.company_id:
                head = self.env["hr.department"]._bank_head_offices(report.company_id)
                user = head.bank_senior_manager_id[:1]
            report.responsible_id = user

    def write(self, vals):
        if (
            not self.env.su
            and REPORT_FROZEN_FIELDS & set(vals)
            and any(r.state == "submitted" for r in self)
        ):
            raise UserError(
                _(
                    "%s was submitted to the regulator: it can no longer be "
                    "changed. A complaint manager may set it back to draft.",
                    self.filtered(lambda r: r.state == "submitted")[:1].name,
                )
            )
        return super().write(vals)

    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                _(
                    "Only a complaint manager can submit a half-year report or set "
                    "it back to draft."
                )
            )

    def action_submit(self):
        self._check_manager()
        self.check_access("write")
        for report in self:
            if report.state == "submitted":
                raise UserError(_("%s was already submitted.", report.name))
        self._compute_figures()
        self._workflow_write(
            {
                "state": "submitted",
                "submitted_at": fields.Datetime.now(),
                "submitted_by": self.env.user.id,
            }
        )
        self.activity_feedback(
            ["complaint_banking.mail_activity_type_bank_stat_report"],
            feedback=_("Report submitted to the regulator."),
        )
        return True

    def action_reset_draft(self):
        self._check_manager()
        self.check_access("write")
        self._workflow_write(
            {"state": "draft", "submitted_at": False, "submitted_by": False}
        )
        return True

    def action_view_complaints(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "complaint.complaint",
            "view_mode": "list,form,pivot",
            "domain": self._complaint_domain(),
            "context": {"create": False},
        }

    # --------------------------------------------------------------- cron
    def _schedule_due_activity(self):
        """One activity per report, for the responsible senior manager, due
        on the report date; none once the report is submitted."""
        activity_type = self.env.ref(
            "complaint_banking.mail_activity_type_bank_stat_report"
        )
        for report in self:
            if report.state != "draft" or not report.responsible_id:
                continue
            if report.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            ):
                continue
            report.activity_schedule(
                "complaint_banking.mail_activity_type_bank_stat_report",
                date_deadline=report.due_date,
                user_id=report.responsible_id.id,
                summary=_(
                    "Submit the half-year complaint report %(name)s by %(due)s",
                    name=report.name,
                    due=fields.Date.to_string(report.due_date),
                ),
            )

    @api.model
    def _cron_schedule_half_year_reports(self, today=None):
        """Make sure every bank branch has its report of the current
        half-year (and of the one that just ended, until its due date), with
        fresh figures and one activity for the responsible senior manager due
        on 30 January / 30 July.  Idempotent: a second run creates nothing."""
        today = today or fields.Date.context_today(self)
        branches = (
            self.env["hr.department"].sudo().search([("is_bank_branch", "=", True)])
        )
        reports = self.browse()
        periods = half_year.periods_to_schedule(today)
        for (year, half), branch in itertools.product(periods, branches):
            company = branch.company_id or self.env.company
            report = self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("branch_id", "=", branch.id),
                    ("year", "=", year),
                    ("half", "=", str(half)),
                ],
                limit=1,
            )
            if not report:
                report = self.sudo().create(
                    {
                        "company_id": company.id,
                        "branch_id": branch.id,
                        "year": year,
                        "half": str(half),
                    }
                )
            if report.state == "draft":
                report._compute_figures()
            report._schedule_due_activity()
            reports |= report
        _logger.info("Half-year complaint reports scheduled: %s", len(reports))
        return reports
